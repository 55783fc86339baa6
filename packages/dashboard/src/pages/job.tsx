import { isTerminal, type Job, type PixpipeClient } from "@pixpipe/client";
import { useEffect, useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { JobEvents } from "../components/job-events";
import { JobMedia } from "../components/job-media";
import { StatusBadge } from "../components/status";
import { Timeline } from "../components/timeline";
import { WebhookDeliveries } from "../components/webhook-deliveries";
import { describeError, formatBytes, formatDateTime, labelOfType } from "../format";
import { type ObservedChange, observe } from "../job-timeline";
import { followJob } from "../live";

export function JobPage({ client, id, canWrite }: { client: PixpipeClient; id: string; canWrite: boolean }) {
  const [job, setJob] = useState<Job | null>(null);
  const [observed, setObserved] = useState<readonly ObservedChange[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);

  const show = (next: Job) => {
    setJob(next);
    setObserved((seen) => observe(seen, next, new Date().toISOString()));
  };

  useEffect(() => {
    setJob(null);
    setObserved([]);
    setError(null);
    const abort = new AbortController();
    followJob(
      client,
      id,
      {
        onChange: (next) => {
          setError(null);
          show(next);
        },
        onError: (failure) => setError(describeError(failure)),
      },
      abort.signal,
    );
    return () => abort.abort();
  }, [client, id]);

  async function cancel() {
    setCancelling(true);
    setCancelError(null);
    try {
      show(await client.cancelJob(id));
    } catch (failure) {
      setCancelError(describeError(failure));
    } finally {
      setCancelling(false);
    }
  }

  if (!job) {
    return error ? (
      <>
        <h1>Job</h1>
        <p role="alert" class="notice error">
          {error}
        </p>
        <p>
          <Link href="/">Back to the jobs</Link>
        </p>
      </>
    ) : (
      <p class="muted">Loading job…</p>
    );
  }

  return (
    <article class="job" aria-labelledby="job-title">
      <div class="page-head">
        <div>
          <p class="eyebrow">
            <Link href="/">Jobs</Link> / <span class="mono">{job.id}</span>
          </p>
          <h1 id="job-title">{labelOfType(job.type)}</h1>
        </div>
        <div class="actions">
          <span aria-live="polite" aria-atomic="true">
            <span class="visually-hidden">Status: </span>
            <StatusBadge status={job.status} />
          </span>
          {canWrite && !isTerminal(job) && (
            <button type="button" class="danger" onClick={cancel} disabled={cancelling}>
              {cancelling ? "Cancelling…" : "Cancel job"}
            </button>
          )}
        </div>
      </div>
      {cancelError && (
        <p role="alert" class="notice error">
          {cancelError}
        </p>
      )}
      {error && (
        <p role="alert" class="notice error">
          {error} Retrying…
        </p>
      )}
      <div class="job-grid">
        <section aria-labelledby="result-title" class="panel result">
          <h2 id="result-title">Result</h2>
          <JobMedia client={client} job={job} />
        </section>
        <section aria-labelledby="timeline-title" class="panel">
          <h2 id="timeline-title">Timeline</h2>
          <Timeline job={job} observed={observed} />
        </section>
        <section aria-labelledby="events-title" class="panel">
          <h2 id="events-title">Events</h2>
          <JobEvents job={job} observed={observed} />
        </section>
        <section aria-labelledby="input-title" class="panel">
          <h2 id="input-title">Input</h2>
          <Values values={job.input} />
          {Object.keys(job.metadata).length > 0 && (
            <>
              <h3>Metadata</h3>
              <Values values={job.metadata} />
            </>
          )}
        </section>
        {job.webhook && (
          <section aria-labelledby="deliveries-title" class="panel wide">
            <h2 id="deliveries-title">Webhook deliveries</h2>
            <WebhookDeliveries client={client} jobId={job.id} webhook={job.webhook} version={job} />
          </section>
        )}
        <section aria-labelledby="details-title" class="panel">
          <h2 id="details-title">Details</h2>
          <dl class="pairs">
            <dt>Created</dt>
            <dd>{formatDateTime(job.createdAt)}</dd>
            <dt>Updated</dt>
            <dd>{formatDateTime(job.updatedAt)}</dd>
            <dt>Tenant</dt>
            <dd class="mono">{job.tenantId}</dd>
            <dt>PixVerse trace id</dt>
            <dd class="mono">{job.pixverse.traceId}</dd>
            {job.pixverse.videoId && (
              <>
                <dt>PixVerse video id</dt>
                <dd class="mono">{job.pixverse.videoId}</dd>
              </>
            )}
            {job.pixverse.credits !== undefined && (
              <>
                <dt>Credits</dt>
                <dd>{job.pixverse.credits}</dd>
              </>
            )}
            {job.output && (
              <>
                <dt>Output</dt>
                <dd>
                  {job.output.contentType}, {formatBytes(job.output.size)}
                  {job.output.width && job.output.height ? `, ${job.output.width}×${job.output.height}` : ""}
                </dd>
                <dt>SHA-256</dt>
                <dd class="mono wrap">{job.output.sha256}</dd>
              </>
            )}
          </dl>
        </section>
      </div>
    </article>
  );
}

/** A job's input or metadata: one row per field, media references and nested values as they are. */
function Values({ values }: { values: Record<string, unknown> }) {
  return (
    <dl class="pairs">
      {Object.entries(values).map(([name, value]) => (
        <div key={name} class="pair">
          <dt>{name}</dt>
          <dd>
            <Value value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Value({ value }: { value: unknown }) {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const ref = value as Record<string, unknown>;
    if (typeof ref.job === "string") {
      return (
        <>
          video of job <Link href={`/jobs/${ref.job}`}>{ref.job}</Link>
        </>
      );
    }
    if (typeof ref.upload === "string") return <span class="mono wrap">upload {ref.upload}</span>;
    if (typeof ref.url === "string") return <span class="mono wrap">{ref.url}</span>;
  }
  if (typeof value === "string") return <span class="wrap">{value}</span>;
  return <code class="wrap">{JSON.stringify(value)}</code>;
}
