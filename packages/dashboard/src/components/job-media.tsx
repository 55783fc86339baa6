import type { Job, PixpipeClient } from "@pixpipe/client";
import { useEffect, useState } from "preact/hooks";
import { describeError, formatBytes } from "../format";

/** The archived video (or image) of a succeeded job, from its short-lived presigned URL. */
export function JobMedia({ client, job }: { client: PixpipeClient; job: Job }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped when the media fails to load (an expired URL): a fresh URL is asked for, once.
  const [attempt, setAttempt] = useState(0);
  const output = job.status === "succeeded" ? job.output : undefined;

  useEffect(() => {
    setUrl(null);
    setError(null);
    if (!output) return;
    const abort = new AbortController();
    client.videoUrl(job.id, { signal: abort.signal }).then(setUrl, (failure: unknown) => {
      if (!abort.signal.aborted) setError(describeError(failure));
    });
    return () => abort.abort();
  }, [client, job.id, output?.key, attempt]);

  if (!output) {
    const text =
      job.status === "failed"
        ? "No result: the job failed."
        : job.status === "cancelled"
          ? "No result: the job was cancelled."
          : "The result appears here when the job succeeds.";
    return <p class="muted media-placeholder">{text}</p>;
  }
  if (error) {
    return (
      <p role="alert" class="notice error">
        The result cannot be loaded: {error}
      </p>
    );
  }
  if (!url) return <p class="muted media-placeholder">Loading the result…</p>;
  const retry = () => setAttempt((n) => (n < 1 ? n + 1 : n));
  const name = output.key.split("/").at(-1) ?? "result";
  return (
    <figure class="media">
      {output.contentType.startsWith("image/") ? (
        <img src={url} alt={`Result of job ${job.id}`} onError={retry} />
      ) : (
        // biome-ignore lint/a11y/useMediaCaption: generated videos come without captions.
        <video
          src={url}
          controls
          preload="metadata"
          playsInline
          onError={retry}
          aria-label={`Video of job ${job.id}`}
        />
      )}
      <figcaption>
        <a href={url} download={name}>
          Download {name}
        </a>{" "}
        ({formatBytes(output.size)}; the link expires soon)
      </figcaption>
    </figure>
  );
}
