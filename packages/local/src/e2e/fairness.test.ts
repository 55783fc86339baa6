import type { PublicJob } from "@pixpipe/core/job";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type E2eRuntime, startE2eRuntime, TEXT_TO_VIDEO } from "../test-support/e2e-runtime";

// One PixVerse account shared by two tenants (issue 10 §2): pixpipe's limit of 2 generations in flight,
// tenant A (the dev tenant) floods it, tenant B comes in behind. Judged by the order of submits the
// simulator received, never by how long anything took.

const GLOBAL_LIMIT = 2;
const FLOOD = 12;

let e2e: E2eRuntime;
let b: ApiClient;

beforeAll(async () => {
  e2e = await startE2eRuntime({ env: { PIXVERSE_MAX_CONCURRENCY: String(GLOBAL_LIMIT) } });
  const tenant = await e2e.api.request<{ id: string }>("POST", "/v1/admin/tenants", {
    json: { name: "Tenant B" },
  });
  expect(tenant.status).toBe(201);
  const key = await e2e.api.request<{ secret: string }>("POST", `/v1/admin/tenants/${tenant.body.id}/keys`, {
    json: { label: "B's server" },
  });
  expect(key.status).toBe(201);
  b = e2e.api.withKey(key.body.secret);
}, 120_000);
afterAll(() => e2e?.stop());

describe("the global PixVerse limit shared between tenants", { timeout: 180_000 }, () => {
  it("submits tenant B's job with the first slot that frees, ahead of tenant A's backlog", async () => {
    const { sim, api } = e2e;
    sim.control.setGenerationMs(30 * 60_000); // Generations end only when finished below.
    const flood: PublicJob[] = [];
    for (let i = 0; i < FLOOD; i++) flood.push(await api.accepted(TEXT_TO_VIDEO));
    const traces = new Map(flood.map((job) => [job.pixverse.traceId, "A"]));
    /** Who each submit PixVerse received was for, in the order received. */
    const submits = () =>
      sim.control
        .ledger()
        .generations.filter((g) => traces.has(g.traceId))
        .sort((x, y) => x.createdAt.localeCompare(y.createdAt))
        .map((g) => ({ tenant: traces.get(g.traceId), id: g.id, status: g.status }));
    await expect.poll(() => submits().length, { timeout: 30_000 }).toBe(GLOBAL_LIMIT);

    const job = await b.accepted(TEXT_TO_VIDEO);
    traces.set(job.pixverse.traceId, "B");
    // B waits for capacity like A's backlog; nothing of either reaches PixVerse while the slots are held.
    const waiting = await b.waitForStatus(job.id, "queued");
    await expect
      .poll(async () => (await b.getJob(job.id)).body.progress?.stage, { timeout: 30_000 })
      .toBe("waiting_for_capacity");
    expect(waiting.tenantId).not.toBe(flood[0]?.tenantId);
    expect(submits()).toHaveLength(GLOBAL_LIMIT);

    // One of A's generations ends: the slot it frees goes to B, the tenant with none in flight.
    sim.control.finish(submits()[0]?.id ?? "", 1);
    await expect.poll(() => submits().length, { timeout: 60_000 }).toBe(GLOBAL_LIMIT + 1);
    expect(submits().map((s) => s.tenant)).toEqual(["A", "A", "B"]);

    // Then A's backlog drains through the same two slots, and every job ends succeeded.
    sim.control.setGenerationMs(300);
    for (const generation of submits().filter((s) => s.status === 5)) sim.control.finish(generation.id, 1);
    for (const a of flood) await api.waitForStatus(a.id, "succeeded", 120_000);
    expect((await b.waitForStatus(job.id, "succeeded", 60_000)).tenantId).toBe(waiting.tenantId);
    expect(submits().map((s) => s.tenant)).toEqual(["A", "A", "B", ...Array(FLOOD - GLOBAL_LIMIT).fill("A")]);
  });
});
