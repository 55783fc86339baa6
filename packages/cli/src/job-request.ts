import { readFile } from "node:fs/promises";
import type { CreateJobRequest, JobInput, JobType } from "@pixpipe/client";
import type { PixpipeNodeClient } from "@pixpipe/client/node";
import { UsageError } from "./errors";

/** A media reference as the API takes it. */
type MediaRef = { upload: string } | { url: string } | { job: string };

/** What `--image`, `--video` and `--audio` become in a type's input; absent: the type takes none. */
interface MediaPlacement {
  /** How many files the flag takes, for the error message ("one", "two", "one or more"). */
  takes: string;
  min: number;
  max: number;
  place(refs: MediaRef[]): Record<string, unknown>;
}

const one = (field: string): MediaPlacement => ({
  takes: "one",
  min: 1,
  max: 1,
  place: ([ref]) => ({ [field]: ref }),
});
const list = (field: string, min = 1, max = Number.POSITIVE_INFINITY): MediaPlacement => ({
  takes: max === Number.POSITIVE_INFINITY ? `${min} or more` : `${min} to ${max}`,
  min,
  max,
  place: (refs) => ({ [field]: refs }),
});
/** One file goes to `single`; several go to the list field (effect templates take either). */
const oneOrList = (single: string, several: string): MediaPlacement => ({
  takes: "one or more",
  min: 1,
  max: Number.POSITIVE_INFINITY,
  place: (refs) => (refs.length === 1 ? { [single]: refs[0] } : { [several]: refs }),
});

interface TypeSpec<T extends JobType> {
  /** Required fields filled in when not given, so `--prompt` alone runs a job. */
  defaults: Partial<JobInput<T>>;
  image?: MediaPlacement;
  video?: MediaPlacement;
  audio?: MediaPlacement;
  /** Why --image cannot express this type's media, and what to use instead. */
  note?: string;
}

const GENERATION = { model: "v5", duration: 5, quality: "540p" } as const;

/** Per job type: the flags' defaults and where media files go. Field names are the API's (typed). */
export const JOB_TYPES: { [T in JobType]: TypeSpec<T> } = {
  text_to_video: { defaults: { ...GENERATION, aspect_ratio: "16:9" } },
  image_to_video: { defaults: GENERATION, image: one("image") },
  effect: { defaults: { quality: "540p" }, image: oneOrList("image", "images") },
  transition: {
    defaults: GENERATION,
    image: {
      takes: "two (first and last frame)",
      min: 2,
      max: 2,
      place: ([first, last]) => ({ first_frame: first, last_frame: last }),
    },
  },
  multi_transition: {
    defaults: { model: "v5", quality: "540p" },
    image: {
      takes: "2 to 7",
      min: 2,
      max: 7,
      place: (refs) => ({ multi_transition: refs.map((image) => ({ image })) }),
    },
  },
  fusion: {
    defaults: { ...GENERATION, aspect_ratio: "16:9" },
    note: 'fusion names each image: give them in --input-json, e.g. \'{"image_references":[{"type":"subject","ref_name":"cat","image":{"file":"./cat.png"}}]}\'',
  },
  extend: { defaults: GENERATION, video: one("video") },
  modify: { defaults: { quality: "540p" }, video: one("video"), image: list("images") },
  restyle: { defaults: {}, video: one("video") },
  sound_effect: { defaults: {}, video: one("video") },
  lip_sync: { defaults: {}, video: one("video"), audio: one("audio") },
  swap: { defaults: { quality: "540p" }, video: one("video"), image: one("image") },
  mimic: { defaults: { quality: "540p" }, video: one("video"), image: one("image") },
  upscale: { defaults: {}, video: one("video") },
  image_template: { defaults: {}, image: list("images") },
};

export const JOB_TYPE_NAMES = Object.keys(JOB_TYPES) as JobType[];

/** The `run` flags that become input fields, by their API name. */
export interface InputFlags {
  prompt?: string;
  model?: string;
  duration?: number;
  quality?: string;
  aspectRatio?: string;
  negativePrompt?: string;
  seed?: number;
  templateId?: string;
  image?: string[];
  video?: string[];
  audio?: string[];
  /** A JSON object (or `@file.json`) merged over the flags; `{ "file": path }` anywhere is uploaded. */
  inputJson?: string;
  metadata?: string[];
  /** Times a generation PixVerse failed (status 8) is started again (each may bill); the API checks 0..3. */
  retryGenerationFailed?: number;
}

const SCALAR_FIELDS = {
  prompt: "prompt",
  model: "model",
  duration: "duration",
  quality: "quality",
  aspectRatio: "aspect_ratio",
  negativePrompt: "negative_prompt",
  seed: "seed",
  templateId: "template_id",
} as const satisfies Partial<Record<keyof InputFlags, string>>;

export function isJobType(name: string): name is JobType {
  return Object.hasOwn(JOB_TYPES, name);
}

/** Uploads local files; URLs and `job:<id>` pass as references. */
export type MediaResolver = (value: string) => Promise<MediaRef>;

export function mediaResolver(
  client: PixpipeNodeClient,
  onUpload: (file: string) => void = () => {},
): MediaResolver {
  return async (value) => {
    if (/^https?:\/\//i.test(value)) return { url: value };
    if (value.startsWith("job:")) return { job: value.slice("job:".length) };
    if (value.startsWith("upload:")) return { upload: value.slice("upload:".length) };
    onUpload(value);
    return client.uploadFile(value);
  };
}

async function parseInputJson(text: string): Promise<Record<string, unknown>> {
  const source = text.startsWith("@") ? await readFile(text.slice(1), "utf8") : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw new UsageError(`--input-json is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError("--input-json must be a JSON object (the job's input fields)");
  }
  return value as Record<string, unknown>;
}

/** Replaces every `{ "file": path }` in --input-json with the uploaded file's reference. */
async function uploadFileRefs(value: unknown, resolve: MediaResolver): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((item) => uploadFileRefs(item, resolve)));
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]?.[0] === "file" && typeof entries[0][1] === "string") {
    return resolve(entries[0][1]);
  }
  return Object.fromEntries(
    await Promise.all(
      entries.map(async ([key, item]) => [key, await uploadFileRefs(item, resolve)] as const),
    ),
  );
}

function parseMetadata(pairs: string[] = []): Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf("=");
      if (at <= 0) throw new UsageError(`--metadata takes key=value, not "${pair}"`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** Checks the media flags against the type before anything is uploaded. */
export function checkMediaFlags(type: JobType, flags: InputFlags): void {
  const spec: TypeSpec<JobType> = JOB_TYPES[type];
  for (const kind of ["image", "video", "audio"] as const) {
    const given = flags[kind] ?? [];
    if (given.length === 0) continue;
    const placement = spec[kind];
    if (!placement) {
      throw new UsageError(spec.note ?? `${type} takes no --${kind}`);
    }
    if (given.length < placement.min || given.length > placement.max) {
      throw new UsageError(`${type} takes ${placement.takes} --${kind}, got ${given.length}`);
    }
  }
}

/**
 * The job request the flags describe: the type's defaults, then the flags, then --input-json over
 * them. The API validates the result (and lists every problem), so the CLI does not repeat its rules.
 */
export async function buildJobRequest(
  type: JobType,
  flags: InputFlags,
  resolve: MediaResolver,
): Promise<CreateJobRequest> {
  checkMediaFlags(type, flags);
  const spec: TypeSpec<JobType> = JOB_TYPES[type];
  const extra = flags.inputJson === undefined ? {} : await parseInputJson(flags.inputJson);
  const metadata = parseMetadata(flags.metadata);

  const input: Record<string, unknown> = { ...spec.defaults };
  for (const [flag, field] of Object.entries(SCALAR_FIELDS)) {
    const value = flags[flag as keyof typeof SCALAR_FIELDS];
    if (value !== undefined) input[field] = value;
  }
  for (const kind of ["image", "video", "audio"] as const) {
    const given = flags[kind] ?? [];
    const placement = spec[kind];
    if (given.length === 0 || !placement) continue;
    // One at a time: uploads of one command share the line and the user's bandwidth.
    const refs: MediaRef[] = [];
    for (const value of given) refs.push(await resolve(value));
    Object.assign(input, placement.place(refs));
  }
  Object.assign(input, await uploadFileRefs(extra, resolve));
  const retry =
    flags.retryGenerationFailed === undefined
      ? {}
      : { retry: { generationFailed: flags.retryGenerationFailed } };
  return { type, input, ...(metadata ? { metadata } : {}), ...retry } as CreateJobRequest;
}
