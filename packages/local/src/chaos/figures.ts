import type { PublicJob } from "@pixpipe/core/job";
import type { LedgerGeneration } from "@pixpipe/simulator";
import { type ChaosJobType, IMAGE_REFERENCES, type PlannedJob } from "./workload";

/** What a chaos run saw once it settled: the only input of its verdict. */
export interface Observed {
  planned: readonly PlannedJob[];
  /** Every job found per plan index (metadata `chaos`); more than one is a job created twice. */
  jobs: ReadonlyMap<number, readonly PublicJob[]>;
  /** PixVerse's ledger: every generation it started, and how many files were uploaded to it. */
  generations: readonly LedgerGeneration[];
  uploads: number;
  /** The most generations PixVerse had in status 5 at once, and pixpipe's configured limit. */
  peakInFlight: number;
  limit: number;
  /** The ids of the events JobEvents carried, per job id. */
  eventIds: ReadonlyMap<string, readonly string[]>;
  /** Per succeeded job: the SHA-256 of its object in the media bucket (null: no object), the job's own, PixVerse's. */
  archives: ReadonlyMap<string, { stored: string | null; recorded?: string; source: string }>;
  /** Generation slot items left in the table (every one should have been given back). */
  slotsHeld: number;
  /** From the first job sent to the last job seen terminal; null when the run timed out first. */
  timeToAllTerminalMs: number | null;
}

export interface Figure {
  name: string;
  value: string;
  ok: boolean;
}

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);

/** The outcome PixVerse's generation status implies for its job. */
const OUTCOME_OF_STATUS: Record<number, { status: string; code?: string }> = {
  1: { status: "succeeded" },
  7: { status: "failed", code: "moderation_failed" },
  8: { status: "failed", code: "generation_failed" },
};

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
const list = (items: readonly string[], max = 8) =>
  items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")}, ... (${items.length})`;

/** The figures of a run, each with whether it holds; the run passes when all of them do. */
export function chaosFigures(observed: Observed): Figure[] {
  const generationsByTrace = new Map<string, LedgerGeneration[]>();
  for (const generation of observed.generations) {
    const of = generationsByTrace.get(generation.traceId) ?? [];
    of.push(generation);
    generationsByTrace.set(generation.traceId, of);
  }
  const found = observed.planned.flatMap((plan) => {
    const job = observed.jobs.get(plan.index)?.[0];
    return job ? [{ plan, job }] : [];
  });
  const figures: Figure[] = [];

  const viaS3 = observed.planned.filter((p) => p.entry === "s3").length;
  const twice = observed.planned.filter((p) => (observed.jobs.get(p.index)?.length ?? 0) > 1);
  figures.push({
    name: "jobs accepted",
    value: `${observed.planned.length} (${observed.planned.length - viaS3} through the API, ${viaS3} through S3 incoming/); created twice: ${twice.length}${twice.length ? ` (plan ${list(twice.map((p) => String(p.index)))})` : ""}`,
    ok: twice.length === 0,
  });

  const lost = observed.planned.filter((plan) => {
    const job = observed.jobs.get(plan.index)?.[0];
    return !job || !TERMINAL.has(job.status);
  });
  figures.push({
    name: "jobs lost",
    value: `${lost.length}${lost.length ? ` (${list(lost.map((p) => describePlan(p, observed.jobs.get(p.index)?.[0])))})` : ""}`,
    ok: lost.length === 0,
  });

  // A job's generations are its trace ids: one, or 1 + the retries it used after PixVerse's status 8.
  const perJob = found.map(({ job }) => ({
    job,
    generations: job.generations.flatMap((generation) => generationsByTrace.get(generation.traceId) ?? []),
  }));
  const notOne = perJob.filter(({ job }) =>
    job.generations.some((generation) => generationsByTrace.get(generation.traceId)?.length !== 1),
  );
  const replays = perJob.reduce((sum, p) => sum + p.generations.reduce((s, g) => s + g.replays, 0), 0);
  const histogram = new Map<number, number>();
  for (const p of perJob) histogram.set(p.generations.length, (histogram.get(p.generations.length) ?? 0) + 1);
  figures.push({
    name: "PixVerse generations per job",
    value: `${[...histogram.entries()]
      .sort(([a], [b]) => a - b)
      .map(([n, jobs]) => `${count(jobs, "job")} with ${n}`)
      .join(
        ", ",
      )}; resubmits answered with the first generation (trace id replays): ${replays}${notOne.length ? `; not 1: ${list(notOne.map((p) => `${p.job.id} (${p.job.type}, ${p.generations.length})`))}` : ""}`,
    ok: notOne.length === 0 && found.length > 0,
  });

  const mismatched = perJob.filter(({ job, generations }) => {
    if (generations.length !== job.generations.length || !TERMINAL.has(job.status)) return false;
    const expected = OUTCOME_OF_STATUS[generations.at(-1)!.status];
    return !expected || expected.status !== job.status || expected.code !== job.error?.code;
  });
  const failed = found.filter(({ job }) => job.status === "failed");
  const failureCodes = new Map<string, number>();
  for (const { job } of failed)
    failureCodes.set(job.error?.code ?? "?", (failureCodes.get(job.error?.code ?? "?") ?? 0) + 1);
  figures.push({
    name: "outcomes",
    value: `${found.filter(({ job }) => job.status === "succeeded").length} succeeded, ${failed.length} failed${
      failed.length ? ` (${[...failureCodes].map(([code, n]) => `${code} ${n}`).join(", ")})` : ""
    }; not the outcome PixVerse gave: ${mismatched.length}${
      mismatched.length
        ? ` (${list(
            mismatched.map(
              (p) =>
                `${p.job.id} ${p.job.status}${p.job.error ? ` ${p.job.error.code}: ${p.job.error.message}` : ""} vs PixVerse status ${p.generations.at(-1)?.status}`,
            ),
            4,
          )})`
        : ""
    }`,
    ok: mismatched.length === 0,
  });

  const status8 = perJob.filter((p) => p.generations.some((g) => g.status === 8));
  const retried = status8.filter((p) => p.job.generations.length > 1).length;
  figures.push({
    name: "status-8 jobs",
    value: `${status8.length}, ${retried} of them retried as new generations (chaos jobs ask for no retries, so 0 is expected); a job's generations are checked above per trace id in its generations list, so a retried one counts 1 + its retries`,
    ok: true,
  });

  const references = perJob
    .filter((p) => p.generations.length > 0)
    .reduce((sum, p) => sum + (IMAGE_REFERENCES[p.job.type as ChaosJobType] ?? 0), 0);
  figures.push({
    name: "PixVerse uploads",
    value: `${observed.uploads} for the ${references} image references of the jobs that reached PixVerse (more when an answer was lost after PixVerse stored the file, or a process died before recording it: PixVerse's uploads are not idempotent)`,
    ok: observed.uploads >= references,
  });

  figures.push({
    name: "peak generations in flight at PixVerse",
    value: `${observed.peakInFlight} (limit ${observed.limit}, from PixVerse's ledger)`,
    ok: observed.peakInFlight <= observed.limit,
  });

  const eventProblems: string[] = [];
  let duplicates = 0;
  for (const { job } of found) {
    const ids = observed.eventIds.get(job.id) ?? [];
    duplicates += Math.max(0, ids.length - 1);
    const expected = `${job.id}:${job.status}`;
    if (ids.length === 0) eventProblems.push(`${job.id}: none`);
    else if (ids.some((id) => id !== expected))
      eventProblems.push(`${job.id}: ${[...new Set(ids)].join(" + ")}`);
  }
  figures.push({
    name: "terminal events per job",
    value: `${found.length - eventProblems.length} of ${found.length} jobs with >= 1, one id each (duplicates delivered: ${duplicates})${eventProblems.length ? `; wrong: ${list(eventProblems)}` : ""}`,
    ok: eventProblems.length === 0,
  });

  const succeeded = found.filter(({ job }) => job.status === "succeeded");
  const badArchives = succeeded.filter(({ job }) => {
    const archive = observed.archives.get(job.id);
    return !archive || archive.stored !== archive.source || archive.recorded !== archive.source;
  });
  figures.push({
    name: "archived bytes",
    value: `SHA-256 equal to PixVerse's for ${succeeded.length - badArchives.length} of ${succeeded.length} succeeded jobs${badArchives.length ? `; differ: ${list(badArchives.map(({ job }) => job.id))}` : ""}`,
    ok: badArchives.length === 0,
  });

  figures.push({
    name: "generation slots still held",
    value: String(observed.slotsHeld),
    ok: observed.slotsHeld === 0,
  });

  figures.push({
    name: "time to all terminal",
    value:
      observed.timeToAllTerminalMs === null
        ? "not reached before the run's timeout"
        : `${(observed.timeToAllTerminalMs / 1000).toFixed(1)} s`,
    ok: observed.timeToAllTerminalMs !== null,
  });
  return figures;
}

function describePlan(plan: PlannedJob, job: PublicJob | undefined): string {
  return job
    ? `${job.id} (${plan.type}) ${job.status}/${job.progress?.stage ?? "?"}`
    : `plan ${plan.index} (${plan.type}, ${plan.entry}): never created`;
}

/** One line per figure, then the summary line. */
export function formatFigures(figures: readonly Figure[]): string[] {
  const failed = figures.filter((f) => !f.ok).length;
  return [
    ...figures.map((f) => `${f.ok ? "ok  " : "FAIL"} ${f.name}: ${f.value}`),
    `chaos: ${figures.length - failed} passed, ${failed} failed`,
  ];
}
