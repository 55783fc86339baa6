import { describe, expect, it } from "vitest";
import { describeJobRepositoryContract, newTestJob } from "../test-support/job-repository-contract";
import { InMemoryJobRepository } from "./memory-repository";

describeJobRepositoryContract("in memory", { fresh: async () => new InMemoryJobRepository() });

describe("InMemoryJobRepository", () => {
  it("hands out copies: changing a record it returned changes nothing stored", async () => {
    const repo = new InMemoryJobRepository();
    const { job } = await repo.create(newTestJob("ten_1"), { requestHash: "h" });
    job.input.prompt = "changed";
    job.attempts = 9;
    expect(await repo.getById(job.id)).toMatchObject({ attempts: 0, input: { prompt: "a cat surfing" } });
  });
});
