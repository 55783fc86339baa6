import { describe, expect, it, vi } from "vitest";
import type { JobRecord } from "../job";
import { MAX_JOB_WAIT_MS } from "../limits";
import { createInMemoryPipeline, TEXT_TO_VIDEO } from "../test-support";
import { watchDelayMs } from "./job-watch";

function world() {
  const w = createInMemoryPipeline({ config: { inlineSubmitMs: 0 } });
  const reads = vi.spyOn(w.jobs, "get");
  return { ...w, reads };
}

describe("a long poll on a job (GET /v1/jobs/{id}?wait=N)", () => {
  it("answers as soon as the job's status changes, within one read interval", async () => {
    const { pipeline, tenant, clock, jobs } = world();
    const { job } = await pipeline.jobService.createJob(tenant, TEXT_TO_VIDEO);
    let answered: { status: string } | null | undefined;
    const waiting = pipeline.jobService.getJob(tenant, job.id, { waitMs: 20_000 }).then((seen) => {
      answered = seen;
    });
    await clock.advance(5_000);
    expect(answered).toBeUndefined();
    await pipeline.steps.start((await jobs.getById(job.id))!);
    await clock.advance(1_000); // the longest interval between two reads
    await waiting;
    expect(answered).toMatchObject({ id: job.id, status: "generating" });
  });

  it("answers at the wait's end with the job as it is, having read it about once a second", async () => {
    const { pipeline, tenant, clock, reads } = world();
    const { job } = await pipeline.jobService.createJob(tenant, TEXT_TO_VIDEO);
    reads.mockClear();
    const waiting = pipeline.jobService.getJob(tenant, job.id, { waitMs: 60_000 });
    await clock.run(waiting);
    expect(await waiting).toMatchObject({ id: job.id, status: "queued" });
    // Capped at 25 s whatever was asked; the first read is the request's own.
    expect(clock.now().getTime() - new Date(job.createdAt).getTime()).toBe(MAX_JOB_WAIT_MS);
    expect(reads.mock.calls.length).toBeGreaterThanOrEqual(20);
    expect(reads.mock.calls.length).toBeLessThanOrEqual(30);
  });

  it("answers a finished job at once, and null for another tenant's", async () => {
    const { pipeline, tenant, otherTenant, reads } = world();
    const { job } = await pipeline.jobService.createJob(tenant, TEXT_TO_VIDEO);
    await pipeline.jobService.cancelJob(tenant, job.id);
    reads.mockClear();
    expect(await pipeline.jobService.getJob(tenant, job.id, { waitMs: 20_000 })).toMatchObject({
      status: "cancelled",
    });
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await pipeline.jobService.getJob(otherTenant, job.id, { waitMs: 20_000 })).toBeNull();
  });

  it("stops waiting when the caller goes away", async () => {
    const { pipeline, tenant, clock, reads } = world();
    const { job } = await pipeline.jobService.createJob(tenant, TEXT_TO_VIDEO);
    const gone = new AbortController();
    reads.mockClear();
    const waiting = pipeline.jobService.getJob(tenant, job.id, { waitMs: 20_000, signal: gone.signal });
    await clock.advance(2_000);
    gone.abort();
    expect(await waiting).toMatchObject({ status: "queued" });
    const readsThen = reads.mock.calls.length;
    await clock.advance(20_000);
    expect(reads.mock.calls.length).toBe(readsThen);
  });

  it("reads soon at first, then once a second", () => {
    expect([0, 1, 2, 3, 4, 10].map(watchDelayMs)).toEqual([250, 375, 562.5, 843.75, 1_000, 1_000]);
  });
});

describe("POST /v1/jobs with Prefer: wait=N", () => {
  it("answers with the finished job once it finishes within the wait", async () => {
    const w = createInMemoryPipeline({ config: { inlineSubmitMs: 2_000 } });
    const creating = w.pipeline.jobService.createJob(w.tenant, TEXT_TO_VIDEO, { waitMs: 20_000 });
    let started: JobRecord | undefined;
    while (started?.status !== "generating") {
      await new Promise((resolve) => setImmediate(resolve));
      [started] = (await w.jobs.list(w.tenant.tenantId, { limit: 1 })).jobs;
    }
    expect(started).toMatchObject({ status: "generating" });
    w.pixverse.finish(started!.pixverseId!, 1);
    await w.pipeline.steps.advance(started!);
    await w.archiveQueued();
    await w.clock.advance(1_000);
    expect(await creating).toMatchObject({ created: true, job: { status: "succeeded" } });
  });

  it("answers with the job as it stands when the wait, counted from the request, is over", async () => {
    const w = createInMemoryPipeline({ config: { inlineSubmitMs: 2_000 } });
    const creating = w.pipeline.jobService.createJob(w.tenant, TEXT_TO_VIDEO, { waitMs: 5_000 });
    await w.clock.run(creating);
    expect(await creating).toMatchObject({ created: true, job: { status: "generating" } });
    expect(w.clock.now().toISOString()).toBe("2026-12-01T12:00:05.000Z");
  });
});
