import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  allowedTransitions,
  CompanionConflictError,
  canTransition,
  IdempotencyConflictError,
  InvalidCursorError,
  InvalidTransitionError,
  JOB_STATUSES,
  type JobRecord,
  type JobRepository,
  type JobStatus,
  JobWriteRejectedError,
  MAX_LIST_EXAMINED,
  type NewJob,
  newJobId,
  PixverseIdConflictError,
  requestHash,
} from "../job";

/** How a contract run gets repositories: a fresh, empty one each time `fresh` is called. */
export interface JobRepositoryAdapter {
  fresh(): Promise<JobRepository>;
}

export function newTestJob(tenantId: string, overrides: Partial<NewJob> = {}): NewJob {
  return {
    id: newJobId(),
    tenantId,
    type: "text_to_video",
    input: { prompt: "a cat surfing", model: "v5", duration: 5 },
    metadata: { ref: "abc" },
    traceId: randomUUID(),
    ...overrides,
  };
}

/** The path from queued to each status, through allowed transitions. */
const pathTo: Record<JobStatus, JobStatus[]> = {
  queued: [],
  generating: ["generating"],
  archiving: ["generating", "archiving"],
  succeeded: ["generating", "archiving", "succeeded"],
  failed: ["failed"],
  cancelled: ["cancelled"],
};

/**
 * What every JobRepository does, as one suite: the DynamoDB adapter (on DynamoDB Local) and the
 * in-memory adapter both run it, so the fast tests built on the in-memory one mean what they say.
 */
export function describeJobRepositoryContract(name: string, adapter: JobRepositoryAdapter): void {
  describe(`JobRepository contract: ${name}`, () => {
    let repo: JobRepository;
    beforeAll(async () => {
      repo = await adapter.fresh();
    });

    const newJob = newTestJob;
    const tenant = () => `ten_${randomUUID()}`;

    async function jobIn(status: JobStatus, tenantId = tenant(), target = repo): Promise<JobRecord> {
      let job = (await target.create(newJob(tenantId), { requestHash: "h" })).job;
      for (const to of pathTo[status]) {
        const set =
          to === "generating" ? { pixverseId: String(Date.now()) + String(Math.random()).slice(2, 8) } : {};
        job = (await target.transition(job.id, { from: [job.status], to, set }))!;
      }
      return job;
    }

    describe("creating jobs", () => {
      it("stores a queued job at version 1, due at once, readable as created", async () => {
        const now = new Date("2026-11-25T10:00:00.000Z");
        const { job, created } = await repo.create(newJob(tenant()), { requestHash: "h", now });
        expect(created).toBe(true);
        expect(job).toMatchObject({
          status: "queued",
          version: 1,
          attempts: 0,
          nextCheckAt: now.toISOString(),
        });
        expect(job.createdAt).toBe(now.toISOString());
        expect(await repo.getById(job.id)).toEqual(job);
      });

      it("returns the first job for the same idempotency key and body, storing nothing new", async () => {
        const tenantId = tenant();
        const body = { type: "text_to_video", input: { prompt: "x", duration: 5 } };
        const first = await repo.create(newJob(tenantId), {
          idempotencyKey: "k1",
          requestHash: requestHash(body),
        });
        const again = await repo.create(newJob(tenantId), {
          idempotencyKey: "k1",
          // Same body, keys in another order.
          requestHash: requestHash({ input: { duration: 5, prompt: "x" }, type: "text_to_video" }),
        });
        expect(first.created).toBe(true);
        expect(again).toEqual({ job: first.job, created: false });
        expect((await repo.list(tenantId, { limit: 10 })).jobs.map((job) => job.id)).toEqual([first.job.id]);
      });

      it("refuses the same idempotency key with a different body, naming the existing job", async () => {
        const tenantId = tenant();
        const first = await repo.create(newJob(tenantId), {
          idempotencyKey: "k",
          requestHash: requestHash({ a: 1 }),
        });
        const conflict = repo.create(newJob(tenantId), {
          idempotencyKey: "k",
          requestHash: requestHash({ a: 2 }),
        });
        await expect(conflict).rejects.toBeInstanceOf(IdempotencyConflictError);
        await expect(conflict).rejects.toMatchObject({ existingJobId: first.job.id });
        expect((await repo.list(tenantId, { limit: 10 })).jobs).toHaveLength(1);
      });

      it("keeps idempotency keys per tenant", async () => {
        const a = await repo.create(newJob(tenant()), { idempotencyKey: "shared", requestHash: "h" });
        const b = await repo.create(newJob(tenant()), { idempotencyKey: "shared", requestHash: "h" });
        expect(b.created).toBe(true);
        expect(b.job.id).not.toBe(a.job.id);
      });

      it("creates exactly one job when requests with one key race", async () => {
        const tenantId = tenant();
        const results = await Promise.all(
          Array.from({ length: 8 }, () =>
            repo.create(newJob(tenantId), { idempotencyKey: "race", requestHash: "same-body" }),
          ),
        );
        expect(results.filter((result) => result.created)).toHaveLength(1);
        expect(new Set(results.map((result) => result.job.id)).size).toBe(1);
        expect((await repo.list(tenantId, { limit: 10 })).jobs).toHaveLength(1);
      });

      it("forgets an idempotency key after 24 hours even before TTL deletes it", async () => {
        const tenantId = tenant();
        const day1 = new Date("2026-11-24T09:00:00Z");
        const day2 = new Date("2026-11-25T09:00:01Z");
        const first = await repo.create(newJob(tenantId), {
          idempotencyKey: "old",
          requestHash: "a",
          now: day1,
        });
        const later = await repo.create(newJob(tenantId), {
          idempotencyKey: "old",
          requestHash: "b",
          now: day2,
        });
        expect(later.created).toBe(true);
        expect(later.job.id).not.toBe(first.job.id);
      });

      it("stores a job created failed as due only while its event is pending", async () => {
        const error = { code: "invalid_request" as const, message: "manifest is not JSON" };
        const pending = await repo.create(newJob(tenant(), { status: "failed", error, eventPending: true }), {
          requestHash: "h",
        });
        const quiet = await repo.create(newJob(tenant(), { status: "failed", error }), { requestHash: "h" });
        expect(pending.job).toMatchObject({ status: "failed", error, eventPending: true });
        expect(pending.job.nextCheckAt).toBeDefined();
        expect(quiet.job.nextCheckAt).toBeUndefined();
      });
    });

    describe("reading jobs", () => {
      it("hides a job from every tenant but its own", async () => {
        const job = await jobIn("queued");
        expect(await repo.get(job.tenantId, job.id)).toEqual(job);
        expect(await repo.get(tenant(), job.id)).toBeNull();
        expect(await repo.get(job.tenantId, newJobId())).toBeNull();
      });

      it("lists a tenant's jobs newest first, page by page, and nobody else's", async () => {
        const tenantId = tenant();
        const ids: string[] = [];
        for (let i = 0; i < 7; i++) ids.push((await jobIn("queued", tenantId)).id);
        await jobIn("queued"); // another tenant

        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: { jobs: JobRecord[]; nextCursor: string | null } = await repo.list(tenantId, {
            limit: 3,
            cursor,
          });
          seen.push(...page.jobs.map((job) => job.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor);
        expect(seen).toEqual([...ids].reverse());
        expect(pages).toBe(3);
      });

      it("gives no cursor when the last page is exactly full", async () => {
        const tenantId = tenant();
        for (let i = 0; i < 4; i++) await jobIn("queued", tenantId);
        const first = await repo.list(tenantId, { limit: 2 });
        const second = await repo.list(tenantId, { limit: 2, cursor: first.nextCursor });
        expect(second.jobs).toHaveLength(2);
        expect(second.nextCursor).toBeNull();
      });

      it("filters by status with exact pages, following jobs as their status changes", async () => {
        const tenantId = tenant();
        const failed: string[] = [];
        for (let i = 0; i < 3; i++) {
          await jobIn("queued", tenantId);
          failed.push((await jobIn("failed", tenantId)).id);
        }
        const first = await repo.list(tenantId, { status: "failed", limit: 2 });
        const second = await repo.list(tenantId, { status: "failed", limit: 2, cursor: first.nextCursor });
        expect([...first.jobs, ...second.jobs].map((job) => job.id)).toEqual([...failed].reverse());
        expect(second.nextCursor).toBeNull();

        const queued = (await repo.list(tenantId, { status: "queued", limit: 10 })).jobs;
        expect(queued).toHaveLength(3);
        await repo.transition(queued[0]!.id, { from: ["queued"], to: "cancelled" });
        expect((await repo.list(tenantId, { status: "queued", limit: 10 })).jobs).toHaveLength(2);
        expect(
          (await repo.list(tenantId, { status: "cancelled", limit: 10 })).jobs.map((job) => job.id),
        ).toEqual([queued[0]!.id]);
      });

      it("narrows by creation time (both bounds exclusive, to the millisecond), alone and with a status", async () => {
        const tenantId = tenant();
        const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));
        const ids: string[] = [];
        for (let second = 0; second < 6; second++) {
          const job = newJob(tenantId, { id: newJobId(at(second)) });
          ids.push((await repo.create(job, { requestHash: "h" })).job.id);
        }
        const range = { createdAfter: at(1), createdBefore: at(5) };
        const first = await repo.list(tenantId, { ...range, limit: 2 });
        const second = await repo.list(tenantId, { ...range, limit: 2, cursor: first.nextCursor });
        expect([...first.jobs, ...second.jobs].map((job) => job.id)).toEqual([ids[4], ids[3], ids[2]]);
        expect(second.nextCursor).toBeNull();
        const justAfter = { createdAfter: new Date(at(1).getTime() - 1), createdBefore: at(2) };
        expect((await repo.list(tenantId, { ...justAfter, limit: 10 })).jobs.map((job) => job.id)).toEqual([
          ids[1],
        ]);
        await repo.transition(ids[3]!, { from: ["queued"], to: "cancelled" });
        const cancelled = await repo.list(tenantId, { ...range, status: "cancelled", limit: 10 });
        expect(cancelled.jobs.map((job) => job.id)).toEqual([ids[3]]);
        expect((await repo.list(tenantId, { createdAfter: at(5), limit: 10 })).jobs).toEqual([]);
        expect((await repo.list(tenantId, { createdBefore: at(0), limit: 10 })).jobs).toEqual([]);
      });

      it("narrows by type, with a cursor that keeps the filter's place", async () => {
        const tenantId = tenant();
        const effects: string[] = [];
        for (let i = 0; i < 5; i++) {
          await repo.create(newJob(tenantId), { requestHash: "h" });
          const effect = newJob(tenantId, { type: "effect" });
          effects.push((await repo.create(effect, { requestHash: "h" })).job.id);
        }
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { jobs: JobRecord[]; nextCursor: string | null } = await repo.list(tenantId, {
            type: "effect",
            limit: 2,
            cursor,
          });
          seen.push(...page.jobs.map((job) => job.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual([...effects].reverse());
      });

      it(`looks at no more than ${MAX_LIST_EXAMINED} jobs for a type filter, carrying on from its cursor`, async () => {
        const tenantId = tenant();
        const effect = (await repo.create(newJob(tenantId, { type: "effect" }), { requestHash: "h" })).job;
        const others = Array.from({ length: MAX_LIST_EXAMINED }, () => newJob(tenantId));
        for (let i = 0; i < others.length; i += 50) {
          await Promise.all(others.slice(i, i + 50).map((job) => repo.create(job, { requestHash: "h" })));
        }
        const first = await repo.list(tenantId, { type: "effect", limit: 10 });
        expect(first.jobs).toEqual([]);
        expect(first.nextCursor).not.toBeNull();
        const second = await repo.list(tenantId, { type: "effect", limit: 10, cursor: first.nextCursor });
        expect(second).toEqual({ jobs: [effect], nextCursor: null });
      });

      it("rejects cursors it did not issue", async () => {
        const tenantId = tenant();
        const forged = [
          "not a cursor!",
          Buffer.from("plain text").toString("base64url"),
          Buffer.from(JSON.stringify({ after: "job_1" })).toString("base64url"),
          Buffer.from(JSON.stringify({ pk: "JOB#x", sk: "JOB" })).toString("base64url"),
        ];
        for (const cursor of forged) {
          await expect(repo.list(tenantId, { limit: 5, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
        }
      });

      it("refuses a limit outside 1..100", async () => {
        await expect(repo.list(tenant(), { limit: 0 })).rejects.toBeInstanceOf(RangeError);
        await expect(repo.list(tenant(), { limit: 101 })).rejects.toBeInstanceOf(RangeError);
      });
    });

    describe("transitions", () => {
      it("moves a job along an allowed transition, bumping version and updatedAt", async () => {
        const job = await jobIn("queued");
        const now = new Date(Date.parse(job.updatedAt) + 1000);
        const moved = await repo.transition(job.id, {
          from: ["queued"],
          to: "generating",
          set: { pixverseId: "398765432109876543", credits: 20 },
          now,
        });
        expect(moved).toMatchObject({
          status: "generating",
          version: 2,
          pixverseId: "398765432109876543",
          credits: 20,
        });
        expect(moved?.updatedAt).toBe(now.toISOString());
        expect(await repo.getById(job.id)).toEqual(moved);
      });

      it("answers null to a duplicate or out-of-order transition and changes nothing", async () => {
        const job = await jobIn("archiving");
        const duplicate = await repo.transition(job.id, { from: ["generating"], to: "archiving" });
        const late = await repo.transition(job.id, {
          from: ["generating"],
          to: "failed",
          set: { error: { code: "generation_failed", message: "late status 8" } },
        });
        expect(duplicate).toBeNull();
        expect(late).toBeNull();
        expect(await repo.getById(job.id)).toEqual(job);
      });

      it("refuses every transition the state machine forbids, before writing", async () => {
        for (const from of JOB_STATUSES) {
          const job = await jobIn(from);
          for (const to of JOB_STATUSES.filter((status) => !canTransition(from, status))) {
            await expect(repo.transition(job.id, { from: [from], to })).rejects.toBeInstanceOf(
              InvalidTransitionError,
            );
          }
          expect(await repo.getById(job.id)).toEqual(job);
        }
      });

      it("performs every transition the state machine allows", async () => {
        for (const from of JOB_STATUSES) {
          for (const to of allowedTransitions[from]) {
            const job = await jobIn(from);
            const set =
              to === "generating" ? { pixverseId: `${Date.now()}${Math.floor(Math.random() * 1e6)}` } : {};
            expect(await repo.transition(job.id, { from: [from], to, set })).toMatchObject({ status: to });
          }
        }
      });

      it("lets exactly one of several racing transitions win", async () => {
        const job = await jobIn("generating");
        const results = await Promise.all([
          repo.transition(job.id, { from: ["generating"], to: "archiving" }),
          repo.transition(job.id, { from: ["generating"], to: "failed" }),
          repo.transition(job.id, { from: ["generating"], to: "cancelled" }),
          repo.transition(job.id, { from: ["generating"], to: "archiving" }),
        ]);
        expect(results.filter((result) => result !== null)).toHaveLength(1);
        expect((await repo.getById(job.id))?.version).toBe(job.version + 1);
      });

      it("never creates a job by transitioning an unknown id", async () => {
        const id = newJobId();
        expect(await repo.transition(id, { from: ["queued"], to: "cancelled" })).toBeNull();
        expect(await repo.getById(id)).toBeNull();
      });

      it("honours expectVersion as an optimistic lock", async () => {
        const job = await jobIn("queued");
        await repo.update(job.id, { expectStatus: "queued", set: { attempts: 1 } });
        const stale = await repo.transition(job.id, {
          from: ["queued"],
          to: "generating",
          expectVersion: job.version,
        });
        expect(stale).toBeNull();
      });

      it("refuses to drop a live job from the due index", async () => {
        const job = await jobIn("generating");
        await expect(
          repo.transition(job.id, { from: ["generating"], to: "archiving", remove: ["nextCheckAt"] }),
        ).rejects.toBeInstanceOf(JobWriteRejectedError);
        await expect(
          repo.update(job.id, { expectStatus: "generating", remove: ["nextCheckAt"] }),
        ).rejects.toBeInstanceOf(JobWriteRejectedError);
      });
    });

    describe("same-status updates", () => {
      it("change fields only while the job is in the expected status", async () => {
        const job = await jobIn("queued");
        const next = new Date(Date.now() + 60_000).toISOString();
        const updated = await repo.update(job.id, {
          expectStatus: "queued",
          set: { attempts: 2, nextCheckAt: next },
        });
        expect(updated).toMatchObject({ status: "queued", attempts: 2, nextCheckAt: next, version: 2 });
        expect(await repo.update(job.id, { expectStatus: "generating", set: { attempts: 3 } })).toBeNull();
        expect((await repo.getById(job.id))?.attempts).toBe(2);
      });
    });

    describe("PixVerse generation ids", () => {
      it("find the job a video belongs to, from the moment it is recorded", async () => {
        const job = await jobIn("queued");
        const pixverseId = "312345678901234567890";
        expect(await repo.findByPixverseId(pixverseId)).toBeNull();
        await repo.transition(job.id, { from: ["queued"], to: "generating", set: { pixverseId } });
        expect(await repo.findByPixverseId(pixverseId)).toMatchObject({
          id: job.id,
          status: "generating",
          pixverseId,
        });
      });

      it("cannot be linked to a second job, but relinking the same job is harmless", async () => {
        const first = await jobIn("queued");
        const second = await jobIn("queued");
        const pixverseId = "498765";
        await repo.transition(first.id, { from: ["queued"], to: "generating", set: { pixverseId } });
        const again = repo.transition(second.id, { from: ["queued"], to: "generating", set: { pixverseId } });
        await expect(again).rejects.toBeInstanceOf(PixverseIdConflictError);
        await expect(again).rejects.toMatchObject({ linkedJobId: first.id });
        expect((await repo.getById(second.id))?.status).toBe("queued");
        // A resubmit with the reused trace id gets the same video id back: the duplicate transition is null.
        expect(
          await repo.transition(first.id, { from: ["queued"], to: "generating", set: { pixverseId } }),
        ).toBeNull();
      });
    });

    describe("a new generation (the opt-in retry after PixVerse's status 8)", () => {
      it("queues the job again under a new trace id, its earlier generation kept and still linked", async () => {
        const job = await jobIn("queued");
        const first = "512345678901234567890";
        await repo.transition(job.id, {
          from: ["queued"],
          to: "generating",
          set: { pixverseId: first, credits: 20 },
        });
        const earlier = {
          traceId: job.traceId,
          pixverseId: first,
          credits: 20,
          error: { code: "generation_failed" as const, message: "failed" },
        };
        const traceId = randomUUID();
        const queued = await repo.transition(job.id, {
          from: ["generating"],
          to: "queued",
          set: { traceId, earlierGenerations: [earlier], stage: "queued" },
          remove: ["pixverseId", "credits"],
        });
        expect(queued).toMatchObject({ status: "queued", traceId, earlierGenerations: [earlier] });
        expect(queued).not.toHaveProperty("pixverseId");
        expect(queued).not.toHaveProperty("credits");
        expect((await repo.oldestQueued(job.tenantId, 10)).map((j) => j.id)).toContain(job.id);
        expect((await repo.findByPixverseId(first))?.id).toBe(job.id);
        const second = "512345678901234567891";
        await repo.transition(job.id, { from: ["queued"], to: "generating", set: { pixverseId: second } });
        expect(await repo.findByPixverseId(second)).toMatchObject({
          id: job.id,
          pixverseId: second,
          traceId,
        });
      });
    });

    describe("the poller's view", () => {
      // A repository of its own: due work and the generating count are repository-wide.
      let poller: JobRepository;
      beforeAll(async () => {
        poller = await adapter.fresh();
      });

      it("lists due jobs across all shards, oldest first, up to the limit", async () => {
        const base = Date.parse("2026-01-01T00:00:00Z");
        const created: JobRecord[] = [];
        for (let i = 0; i < 40; i++) {
          const nextCheckAt = new Date(base + i * 1000).toISOString();
          created.push((await poller.create(newJob(tenant(), { nextCheckAt }), { requestHash: "h" })).job);
        }
        const now = new Date(base + 29_500);
        const due = await poller.listDue(now, 100);
        expect(due.map((job) => job.id)).toEqual(created.slice(0, 30).map((job) => job.id));

        const oldest = await poller.listDue(now, 5);
        expect(oldest.map((job) => job.id)).toEqual(created.slice(0, 5).map((job) => job.id));
      });

      it("drops terminal jobs from due work unless their event is pending, until it is sent", async () => {
        const now = new Date("2026-02-01T00:00:00Z");
        const quiet = (
          await poller.create(newJob(tenant(), { nextCheckAt: now.toISOString() }), { requestHash: "h" })
        ).job;
        const loud = (
          await poller.create(newJob(tenant(), { nextCheckAt: now.toISOString() }), { requestHash: "h" })
        ).job;
        const dueIds = async () => (await poller.listDue(now, 1000)).map((job) => job.id);
        expect(await dueIds()).toEqual(expect.arrayContaining([quiet.id, loud.id]));

        await poller.transition(quiet.id, { from: ["queued"], to: "cancelled", now });
        const failed = await poller.transition(loud.id, {
          from: ["queued"],
          to: "failed",
          set: {
            error: { code: "insufficient_credits", message: "no credits", providerCode: 500090 },
            eventPending: true,
          },
          now,
        });
        expect(failed).toMatchObject({ eventPending: true, nextCheckAt: now.toISOString() });
        expect(await dueIds()).toContain(loud.id);
        expect(await dueIds()).not.toContain(quiet.id);

        const sent = await poller.update(loud.id, { expectStatus: "failed", remove: ["eventPending"], now });
        expect(sent?.eventPending).toBeUndefined();
        expect(sent?.nextCheckAt).toBeUndefined();
        expect(await dueIds()).not.toContain(loud.id);
      });

      it("keeps a terminal job due while its event send is retried, and drops it once sent", async () => {
        const now = new Date("2026-03-01T00:00:00Z");
        const job = (
          await poller.create(newJob(tenant(), { nextCheckAt: now.toISOString() }), { requestHash: "h" })
        ).job;
        await poller.transition(job.id, {
          from: ["queued"],
          to: "cancelled",
          set: { eventPending: true },
          now,
        });
        const retryAt = new Date(now.getTime() + 30_000).toISOString();
        const retried = await poller.update(job.id, {
          expectStatus: "cancelled",
          set: { attempts: 1, nextCheckAt: retryAt },
        });
        expect(retried).toMatchObject({ eventPending: true, nextCheckAt: retryAt });

        const sent = await poller.update(job.id, { expectStatus: "cancelled", set: { eventPending: false } });
        expect(sent?.eventPending).toBeUndefined();
        expect(sent?.nextCheckAt).toBeUndefined();
        expect((await poller.listDue(new Date(retryAt), 1000)).map((due) => due.id)).not.toContain(job.id);
      });

      it("counts every non-terminal job by status with the oldest one's creation, across shards", async () => {
        const census = await adapter.fresh();
        const empty = { count: 0, oldestCreatedAt: null };
        expect(await census.activeJobCensus()).toEqual({
          queued: empty,
          generating: empty,
          archiving: empty,
        });

        const at = (minute: number) => new Date(Date.UTC(2026, 3, 1, 12, minute));
        const create = async (minute: number, path: JobStatus[], eventPending = false) => {
          let job = (await census.create(newJob(tenant()), { requestHash: "h", now: at(minute) })).job;
          for (const to of path) {
            const set = {
              ...(to === "generating" ? { pixverseId: `${minute}0000${Date.now()}` } : {}),
              ...(eventPending ? { eventPending: true } : {}),
            };
            job = (await census.transition(job.id, { from: [job.status], to, set }))!;
          }
        };
        for (let minute = 10; minute < 30; minute++) await create(minute, []);
        await create(5, ["generating"]);
        await create(7, ["generating"]);
        await create(9, ["generating", "archiving"]);
        await create(1, ["failed"], true); // terminal, event still owed: in the due index, not active
        await create(2, ["cancelled"]);
        // DynamoDB's index is eventually consistent: wait for the writes to show.
        await expect
          .poll(() => census.activeJobCensus(), { timeout: 5_000 })
          .toEqual({
            queued: { count: 20, oldestCreatedAt: at(10).toISOString() },
            generating: { count: 2, oldestCreatedAt: at(5).toISOString() },
            archiving: { count: 1, oldestCreatedAt: at(9).toISOString() },
          });
      });

      it("lists a tenant's queued jobs oldest first, and nobody else's", async () => {
        const tenantId = tenant();
        const [first, second, third] = [
          await jobIn("queued", tenantId),
          await jobIn("queued", tenantId),
          await jobIn("queued", tenantId),
        ];
        await jobIn("generating", tenantId);
        await jobIn("queued");
        await repo.transition(second!.id, { from: ["queued"], to: "cancelled" });
        // The index it reads is eventually consistent in DynamoDB: wait for the write to show.
        await expect
          .poll(async () => (await repo.oldestQueued(tenantId, 10)).map((job) => job.id), { timeout: 5_000 })
          .toEqual([first!.id, third!.id]);
        expect((await repo.oldestQueued(tenantId, 1)).map((job) => job.id)).toEqual([first!.id]);
      });
    });

    describe("companion writes", () => {
      const slot = (n: number) => ({ pk: `SLOTS-${n}`, sk: "global#0" });
      const counter = { pk: "USAGE#t", sk: "DAY#2026-12-01#text_to_video" };

      it("commit with the job's write: claimed, released, added to and put", async () => {
        const { job } = await repo.create(newJob(tenant()), {
          requestHash: "h",
          companions: { add: [{ key: counter, values: { created: 1 } }] },
        });
        const key = slot(Math.random());
        const claimed = await repo.update(job.id, {
          expectStatus: "queued",
          set: { slots: { global: 0 } },
          companions: {
            claim: [{ key, item: { jobId: job.id } }],
            add: [{ key: counter, values: { created: 1, credits: 2.5 } }],
            put: [{ key: { pk: key.pk, sk: "note" }, item: { text: "hello" } }],
          },
        });
        expect(claimed).toMatchObject({ slots: { global: 0 }, version: 2 });
        expect(await repo.readItems(key.pk)).toEqual([
          { key, item: { jobId: job.id } },
          { key: { pk: key.pk, sk: "note" }, item: { text: "hello" } },
        ]);
        expect(
          (await repo.readItems(counter.pk)).find((entry) => entry.key.sk === counter.sk)?.item,
        ).toMatchObject({
          created: expect.any(Number),
          credits: expect.any(Number),
        });

        const released = await repo.transition(job.id, {
          from: ["queued"],
          to: "cancelled",
          remove: ["slots"],
          companions: { release: [key] },
        });
        expect(released?.slots).toBeUndefined();
        expect((await repo.readItems(key.pk)).map((entry) => entry.key.sk)).toEqual(["note"]);
      });

      it("refuse an item another job holds, writing nothing of the job or the other companions", async () => {
        const key = slot(Math.random());
        const holder = await jobIn("queued");
        const other = await jobIn("queued");
        await repo.update(holder.id, {
          expectStatus: "queued",
          companions: { claim: [{ key, item: { jobId: holder.id } }] },
        });
        const counterKey = { pk: `C-${Math.random()}`, sk: "c" };
        const taking = repo.update(other.id, {
          expectStatus: "queued",
          set: { slots: { global: 0 } },
          companions: {
            claim: [{ key, item: { jobId: other.id } }],
            add: [{ key: counterKey, values: { n: 1 } }],
          },
        });
        await expect(taking).rejects.toBeInstanceOf(CompanionConflictError);
        await expect(taking).rejects.toMatchObject({ key });
        expect(await repo.getById(other.id)).toEqual(other);
        expect(await repo.readItems(counterKey.pk)).toEqual([]);
        expect((await repo.readItems(key.pk))[0]?.item).toEqual({ jobId: holder.id });
      });

      it("are not written when the job's own condition fails", async () => {
        const job = await jobIn("archiving");
        const key = slot(Math.random());
        expect(
          await repo.transition(job.id, {
            from: ["generating"],
            to: "failed",
            companions: {
              claim: [{ key, item: { jobId: job.id } }],
              add: [{ key: { pk: key.pk, sk: "counter" }, values: { n: 1 } }],
            },
          }),
        ).toBeNull();
        expect(await repo.readItems(key.pk)).toEqual([]);
      });

      it("are not written by a create that returns the job an idempotency key already made", async () => {
        const tenantId = tenant();
        const key = { pk: `C-${Math.random()}`, sk: "c" };
        const options = {
          idempotencyKey: "k",
          requestHash: "h",
          companions: { add: [{ key, values: { created: 1 } }] },
        };
        await repo.create(newJob(tenantId), options);
        expect((await repo.create(newJob(tenantId), options)).created).toBe(false);
        expect((await repo.readItems(key.pk))[0]?.item).toEqual({ created: 1 });
      });

      it("given the job as read, answer it exactly as written; given a stale read, write as without it", async () => {
        const { job } = await repo.create(newJob(tenant()), { requestHash: "h" });
        const key = slot(Math.random());
        const current = await repo.update(job.id, {
          base: job,
          expectStatus: "queued",
          set: { slots: { global: 0 } },
          companions: { claim: [{ key, item: { jobId: job.id } }] },
        });
        expect(current).toMatchObject({ version: 2, slots: { global: 0 } });
        expect(await repo.getById(job.id)).toEqual(current);

        // `job` is at version 1, the job at 2 by now: the write still happens, on the job as stored.
        const cancelled = await repo.transition(job.id, {
          base: job,
          from: ["queued"],
          to: "cancelled",
          remove: ["slots"],
          companions: { release: [key] },
        });
        expect(cancelled).toMatchObject({ status: "cancelled", version: 3 });
        expect(cancelled).not.toHaveProperty("slots");
        expect(await repo.getById(job.id)).toEqual(cancelled);
        expect(await repo.readItems(key.pk)).toEqual([]);
      });

      it("let exactly one of two jobs racing for the same item take it", async () => {
        const key = slot(Math.random());
        const [a, b] = [await jobIn("queued"), await jobIn("queued")];
        const results = await Promise.allSettled(
          [a, b].map((job) =>
            repo.update(job!.id, {
              expectStatus: "queued",
              companions: { claim: [{ key, item: { jobId: job!.id } }] },
            }),
          ),
        );
        expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
        expect(results.filter((result) => result.status === "rejected")).toHaveLength(1);
      });
    });

    describe("write validation", () => {
      it("refuses fields that are not the caller's to set, or malformed values", async () => {
        const job = await jobIn("queued");
        const sneaky = { attempts: 1, tenantId: "ten_other" } as unknown as { attempts: number };
        await expect(repo.update(job.id, { expectStatus: "queued", set: sneaky })).rejects.toThrow();
        await expect(
          repo.transition(job.id, { from: ["queued"], to: "generating", set: { pixverseId: "12e5" } }),
        ).rejects.toThrow();
        expect(await repo.getById(job.id)).toEqual(job);
      });
    });
  });
}
