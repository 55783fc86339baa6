import { describe, expect, it } from "vitest";
import { type UsageIncrement, type UsageRepository, usageIncrement } from "../usage";

/** A repository to read with, and the writer's side: applying an increment as the lifecycle does. */
export interface UsageAdapter {
  usage: UsageRepository;
  add(increment: UsageIncrement): Promise<void>;
}

const job = (tenantId: string, createdAt: string, type = "text_to_video") => ({ tenantId, type, createdAt });

/** What every UsageRepository reads back of what usageIncrement wrote, for each adapter. */
export function describeUsageRepositoryContract(name: string, fresh: () => Promise<UsageAdapter>): void {
  describe(`UsageRepository contract: ${name}`, () => {
    it("reads back what increments added, counters absent until first added reading as 0", async () => {
      const { usage, add } = await fresh();
      const created = job("t1", "2026-03-05T23:59:59.999Z");
      await add(usageIncrement(created, { created: 1 }));
      await add(usageIncrement(created, { created: 1 }));
      await add(usageIncrement(created, { succeeded: 1, credits: 45 }));
      await add(usageIncrement(created, { failed: 1, credits: 2.5 }));
      expect(await usage.read("t1", { from: "2026-03-05", to: "2026-03-05" })).toEqual([
        {
          tenantId: "t1",
          day: "2026-03-05",
          type: "text_to_video",
          jobs: { created: 2, succeeded: 1, failed: 1, cancelled: 0 },
          credits: 47.5,
        },
      ]);
    });

    it("reads the days of the range, both ends included, every type, one tenant only", async () => {
      const { usage, add } = await fresh();
      for (const [tenantId, createdAt, type] of [
        ["t1", "2026-02-28T10:00:00Z", "effect"],
        ["t1", "2026-03-01T00:00:00Z", "text_to_video"],
        ["t1", "2026-03-01T12:00:00Z", "image_to_video"],
        ["t1", "2026-03-31T23:59:59Z", "effect"],
        ["t1", "2026-04-01T00:00:00Z", "effect"],
        ["t10", "2026-03-02T00:00:00Z", "effect"],
        ["t2", "2026-03-02T00:00:00Z", "effect"],
      ] as const) {
        await add(usageIncrement(job(tenantId, createdAt, type), { created: 1, cancelled: 1 }));
      }
      const march = await usage.read("t1", { from: "2026-03-01", to: "2026-03-31" });
      expect(march.map((record) => `${record.day} ${record.type}`)).toEqual([
        "2026-03-01 image_to_video",
        "2026-03-01 text_to_video",
        "2026-03-31 effect",
      ]);
      expect(march.every((record) => record.tenantId === "t1")).toBe(true);
      expect(await usage.read("t3", { from: "2026-03-01", to: "2026-03-31" })).toEqual([]);
    });

    it("reads a range of many items in full", async () => {
      const { usage, add } = await fresh();
      const types = ["effect", "extend", "fusion", "image_to_video", "text_to_video"];
      for (let day = 1; day <= 28; day++) {
        const createdAt = `2026-02-${String(day).padStart(2, "0")}T08:00:00Z`;
        for (const type of types) await add(usageIncrement(job("busy", createdAt, type), { created: 3 }));
      }
      const records = await usage.read("busy", { from: "2026-02-01", to: "2026-02-28" });
      expect(records).toHaveLength(28 * types.length);
      expect(records.reduce((sum, record) => sum + record.jobs.created, 0)).toBe(28 * types.length * 3);
    });
  });
}
