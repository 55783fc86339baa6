import { PixpipeApiError, UnsupportedMediaTypeError, type UploadRef } from "@pixpipe/client";
import { useState } from "preact/hooks";
import { describeError, formatBytes } from "../format";
import { getAt } from "../schema/form-values";
import type { Field, MediaKind, MediaSource } from "../schema/job-forms";
import { FieldNotes, LabelText, useFieldIds, useForm } from "./form-context";

type MediaFieldSpec = Extract<Field, { kind: "media" }>;
type MediaListSpec = Extract<Field, { kind: "mediaList" }>;

const ACCEPT: Record<MediaKind, string> = {
  image: "image/png,image/jpeg,image/webp",
  video: "video/mp4,video/quicktime,video/webm",
  audio: "audio/mpeg,audio/wav,audio/mp4,audio/aac,.mp3,.wav,.m4a,.aac",
};

const SOURCE_LABELS: Record<MediaSource, string> = {
  upload: "Upload a file",
  url: "From a URL",
  job: "Video of an earlier job",
};

type Upload =
  | { state: "uploading"; name: string }
  | { state: "done"; name: string; size: number }
  | { state: "failed"; name: string; message: string };

function uploadFailure(error: unknown): string {
  if (error instanceof UnsupportedMediaTypeError) return "This type of file is not accepted.";
  if (error instanceof PixpipeApiError && error.details?.length) {
    return error.details.map((detail) => detail.message).join(" ");
  }
  return describeError(error);
}

/** Files dropped on `onFiles`' element, or chosen in its file input. */
function dropHandlers(onFiles: (files: File[]) => void, setOver: (over: boolean) => void) {
  return {
    onDragOver: (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes("Files")) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      setOver(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0) onFiles(files);
    },
  };
}

function UploadStatus({ upload }: { upload: Upload | undefined }) {
  if (!upload) return null;
  return (
    <p class={`upload-status upload-${upload.state}`} role="status">
      {upload.state === "uploading" && `Uploading ${upload.name}…`}
      {upload.state === "done" && `Uploaded ${upload.name} (${formatBytes(upload.size)}).`}
      {upload.state === "failed" && `${upload.name} was not uploaded: ${upload.message}`}
    </p>
  );
}

/** One MediaRef: a file uploaded through /v1/uploads (drag and drop or chosen), a URL, or an earlier job. */
export function MediaField({ field, path }: { field: MediaFieldSpec; path: string[] }) {
  const form = useForm();
  const ids = useFieldIds(field, path);
  const value = getAt(form.values, path) as Partial<Record<MediaSource, string>> | undefined;
  const initialSource =
    field.sources.find((source) => value?.[source] !== undefined) ?? field.sources[0] ?? "upload";
  const [source, setSource] = useState<MediaSource>(initialSource);
  const [upload, setUpload] = useState<Upload>();
  const [over, setOver] = useState(false);

  async function uploadFile(file: File) {
    setSource("upload");
    setUpload({ state: "uploading", name: file.name });
    form.setValue(path, undefined);
    try {
      const ref: UploadRef = await form.client.upload(file);
      form.setValue(path, ref);
      setUpload({ state: "done", name: file.name, size: file.size });
    } catch (error) {
      setUpload({ state: "failed", name: file.name, message: uploadFailure(error) });
    }
  }

  const choose = (next: MediaSource) => {
    setSource(next);
    form.setValue(path, undefined);
    setUpload(undefined);
  };
  const canUpload = field.sources.includes("upload");
  return (
    <fieldset
      class={`media-field${ids.invalid ? " invalid" : ""}${over ? " drag-over" : ""}`}
      aria-describedby={ids.describedBy}
      {...(canUpload ? dropHandlers(([file]) => file && uploadFile(file), setOver) : {})}
    >
      <legend>
        <LabelText field={field} />
      </legend>
      {field.sources.length > 1 && (
        <div class="sources">
          {field.sources.map((option) => (
            <label key={option} class="inline">
              <input
                type="radio"
                name={`${ids.id}-source`}
                checked={source === option}
                onChange={() => choose(option)}
              />
              {SOURCE_LABELS[option]}
            </label>
          ))}
        </div>
      )}
      {source === "upload" && (
        <div class="drop-zone">
          <label for={ids.id}>
            Choose {field.media === "image" ? "an" : "a"} {field.media} file, or drop it here
          </label>
          <input
            id={ids.id}
            type="file"
            accept={ACCEPT[field.media]}
            aria-invalid={ids.invalid}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void uploadFile(file);
            }}
          />
          <UploadStatus upload={upload} />
        </div>
      )}
      {source !== "upload" && (
        <div class="field">
          <label for={ids.id}>{source === "url" ? `URL of the ${field.media}` : "Job id"}</label>
          <input
            id={ids.id}
            type={source === "url" ? "url" : "text"}
            placeholder={source === "url" ? "https://…" : "job_…"}
            value={value?.[source] ?? ""}
            aria-invalid={ids.invalid}
            onInput={(event) => {
              const text = event.currentTarget.value.trim();
              form.setValue(path, text ? { [source]: text } : undefined);
            }}
          />
        </div>
      )}
      <FieldNotes field={field} ids={ids} />
    </fieldset>
  );
}

/** A list of images (or other media) uploaded or given by URL. */
export function MediaListField({ field, path }: { field: MediaListSpec; path: string[] }) {
  const form = useForm();
  const ids = useFieldIds(field, path);
  const current = getAt(form.values, path);
  const refs = (Array.isArray(current) ? current : []) as Partial<Record<MediaSource, string>>[];
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const [url, setUrl] = useState("");
  const full = field.max !== undefined && refs.length >= field.max;

  async function uploadFiles(files: File[]) {
    for (const file of files) {
      setUploads((list) => [...list, { state: "uploading", name: file.name }]);
      const settle = (next: Upload) =>
        setUploads((list) =>
          list.map((item) => (item.name === file.name && item.state === "uploading" ? next : item)),
        );
      try {
        const ref = await form.client.upload(file);
        // The latest values: several uploads may finish one after another.
        form.setValue(path, (values: unknown) => [...(Array.isArray(values) ? values : []), ref]);
        settle({ state: "done", name: file.name, size: file.size });
      } catch (error) {
        settle({ state: "failed", name: file.name, message: uploadFailure(error) });
      }
    }
  }

  const remove = (index: number) =>
    form.setValue(
      path,
      refs.filter((_, i) => i !== index),
    );
  return (
    <fieldset
      class={`media-field${ids.invalid ? " invalid" : ""}${over ? " drag-over" : ""}`}
      aria-describedby={ids.describedBy}
      {...dropHandlers(uploadFiles, setOver)}
    >
      <legend>
        <LabelText field={field} />
      </legend>
      {refs.length > 0 && (
        <ul class="media-list">
          {refs.map((ref, index) => (
            <li key={ref.upload ?? ref.url ?? index}>
              <span class="mono wrap">{ref.upload ?? ref.url}</span>
              <button type="button" class="secondary small" onClick={() => remove(index)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="drop-zone">
        <label for={ids.id}>Choose {field.media} files, or drop them here</label>
        <input
          id={ids.id}
          type="file"
          multiple
          disabled={full}
          accept={ACCEPT[field.media]}
          aria-invalid={ids.invalid}
          onChange={(event) => void uploadFiles([...(event.currentTarget.files ?? [])])}
        />
        {uploads.map((upload, index) => (
          <UploadStatus key={index} upload={upload} />
        ))}
      </div>
      <div class="field inline-add">
        <label for={`${ids.id}-url`}>Or add a URL</label>
        <input
          id={`${ids.id}-url`}
          type="url"
          placeholder="https://…"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <button
          type="button"
          class="secondary"
          disabled={full || url.trim() === ""}
          onClick={() => {
            form.setValue(path, [...refs, { url: url.trim() }]);
            setUrl("");
          }}
        >
          Add
        </button>
      </div>
      <FieldNotes field={field} ids={ids} />
    </fieldset>
  );
}
