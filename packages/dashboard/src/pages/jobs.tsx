import type { Job, JobStatus, JobType, ListJobsQuery, PixpipeClient } from "@pixpipe/client";
import { useEffect, useMemo, useState } from "preact/hooks";
import { Link, useLocation, useSearch } from "wouter-preact";
import { useApiDocument } from "../api-document";
import { StatusBadge } from "../components/status";
import { describeError, formatDateTime, formatRelative, labelOfStatus, labelOfType } from "../format";
import { followJobList } from "../live";
import { filterSearch, filterValues, type JobFilterValues, jobFilters } from "../schema/job-filters";

const PAGE_SIZE = 25;

/** <input type="datetime-local"> speaks local time without a zone; the API and the URL speak ISO 8601. */
const toLocalInput = (iso: string | undefined) => {
  if (!iso) return "";
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : undefined);

export function JobsPage({ client, canWrite }: { client: PixpipeClient; canWrite: boolean }) {
  const document = useApiDocument();
  const filters = useMemo(() => jobFilters(document), [document]);
  const search = useSearch();
  const [, navigate] = useLocation();
  const values = useMemo(() => filterValues(search, filters), [search, filters]);
  // The query the API gets; `type` and the time range only where the document lists them (see jobFilters).
  const query: ListJobsQuery & JobFilterValues = useMemo(
    () => ({
      ...values,
      status: values.status as JobStatus | undefined,
      type: values.type as JobType | undefined,
      limit: PAGE_SIZE,
    }),
    [values],
  );

  const [first, setFirst] = useState<{ jobs: Job[]; nextCursor: string | null } | null>(null);
  const [older, setOlder] = useState<Job[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // "3 minutes ago" stays true while nothing else changes.
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    setFirst(null);
    setOlder([]);
    setCursor(null);
    const abort = new AbortController();
    followJobList(
      client,
      query,
      {
        onChange: (page) => {
          setError(null);
          setFirst(page);
          setCursor((current) => current ?? page.nextCursor);
        },
        onError: (failure) => setError(describeError(failure)),
      },
      abort.signal,
    );
    return () => abort.abort();
  }, [client, query]);

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await client.listJobs({ ...query, cursor });
      setOlder((jobs) => [...jobs, ...page.jobs]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setLoadingMore(false);
    }
  }

  const missing = [
    ...(filters.types.length === 0 ? ["type"] : []),
    ...(filters.createdRange ? [] : ["creation time"]),
  ];
  const setFilter = (change: JobFilterValues) => navigate(`/${filterSearch({ ...values, ...change })}`);
  // The live first page, then older pages without the jobs it already shows.
  const shown = first
    ? [...first.jobs, ...older.filter((job) => !first.jobs.some((j) => j.id === job.id))]
    : [];

  return (
    <>
      <div class="page-head">
        <h1>Jobs</h1>
        {canWrite && (
          <Link href="/new" class="button">
            New job
          </Link>
        )}
      </div>
      <form class="filters" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="filter-status">Status</label>
          <select
            id="filter-status"
            value={values.status ?? ""}
            onChange={(event) => setFilter({ status: event.currentTarget.value || undefined })}
          >
            <option value="">Any</option>
            {filters.statuses.map((status) => (
              <option key={status} value={status}>
                {labelOfStatus(status)}
              </option>
            ))}
          </select>
        </div>
        {filters.types.length > 0 && (
          <div class="field">
            <label for="filter-type">Type</label>
            <select
              id="filter-type"
              value={values.type ?? ""}
              onChange={(event) => setFilter({ type: event.currentTarget.value || undefined })}
            >
              <option value="">Any</option>
              {filters.types.map((type) => (
                <option key={type} value={type}>
                  {labelOfType(type)}
                </option>
              ))}
            </select>
          </div>
        )}
        {filters.createdRange && (
          <>
            <div class="field">
              <label for="filter-after">Created after</label>
              <input
                id="filter-after"
                type="datetime-local"
                value={toLocalInput(values.createdAfter)}
                onChange={(event) => setFilter({ createdAfter: fromLocalInput(event.currentTarget.value) })}
              />
            </div>
            <div class="field">
              <label for="filter-before">Created before</label>
              <input
                id="filter-before"
                type="datetime-local"
                value={toLocalInput(values.createdBefore)}
                onChange={(event) => setFilter({ createdBefore: fromLocalInput(event.currentTarget.value) })}
              />
            </div>
          </>
        )}
        {missing.length > 0 && (
          <p class="hint filters-note">
            Filtering by {missing.join(" and ")} appears once the API offers it.
          </p>
        )}
      </form>
      {error && (
        <p role="alert" class="notice error">
          {error} Retrying…
        </p>
      )}
      {!first && !error && <p class="muted">Loading jobs…</p>}
      {first && shown.length === 0 && (
        <p class="empty">
          No jobs{Object.keys(values).length > 0 ? " match these filters" : " yet"}.
          {canWrite && (
            <>
              {" "}
              <Link href="/new">Create one</Link>.
            </>
          )}
        </p>
      )}
      {shown.length > 0 && (
        <table class="data jobs">
          <caption class="visually-hidden">Jobs, newest first; the list updates by itself.</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((job) => (
              <tr key={job.id} data-job-id={job.id}>
                <th scope="row" data-label="Job">
                  <Link href={`/jobs/${job.id}`} class="mono">
                    {job.id}
                  </Link>
                </th>
                <td data-label="Type">{labelOfType(job.type)}</td>
                <td data-label="Status">
                  <StatusBadge status={job.status} />
                </td>
                <td data-label="Created">
                  <time dateTime={job.createdAt} title={formatDateTime(job.createdAt)}>
                    {formatRelative(job.createdAt, now)}
                  </time>
                </td>
                <td data-label="Updated">
                  <time dateTime={job.updatedAt} title={formatDateTime(job.updatedAt)}>
                    {formatRelative(job.updatedAt, now)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" class="secondary" onClick={loadMore} disabled={loadingMore}>
          {loadingMore ? "Loading…" : "Older jobs"}
        </button>
      )}
    </>
  );
}
