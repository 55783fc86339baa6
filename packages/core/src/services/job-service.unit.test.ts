import { describe, expect, it } from "vitest";
import { createInMemoryPipeline, pixverseError } from "../test-support";
import { JobValidationError } from "./errors";

const lipSync = (speaker: string) => ({
  type: "lip_sync",
  input: {
    video: { url: "https://cdn.example.com/talk.mp4" },
    lip_sync_tts_speaker_id: speaker,
    lip_sync_tts_content: "hello there",
  },
});

async function refusal(promise: Promise<unknown>): Promise<JobValidationError | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => error as JobValidationError,
  );
}

describe("JobService's checks at the door", () => {
  it("refuses a TTS voice PixVerse does not list, naming the catalogue to look in", async () => {
    const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0, allowPrivateMediaUrls: true } });
    const error = await refusal(world.pipeline.jobService.createJob(world.tenant, lipSync("999")));
    expect(error).toBeInstanceOf(JobValidationError);
    expect(error?.issues).toEqual([
      {
        path: "input.lip_sync_tts_speaker_id",
        message: "PixVerse has no such id; see GET /v1/catalog/voices",
      },
    ]);
    expect((await world.pipeline.jobService.createJob(world.tenant, lipSync("2"))).created).toBe(true);
  });

  it("reads a stale catalogue again once before refusing, so a voice added since is accepted", async () => {
    const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0, allowPrivateMediaUrls: true } });
    await world.pipeline.jobService.createJob(world.tenant, lipSync("1"));
    world.pixverse.catalogs.voices.push("custom-77");
    expect((await world.pipeline.jobService.createJob(world.tenant, lipSync("custom-77"))).created).toBe(
      true,
    );
    const reads = world.pixverse.callsOf("listTtsSpeakers").length;
    await world.pipeline.jobService.createJob(world.tenant, lipSync("custom-77"));
    expect(world.pixverse.callsOf("listTtsSpeakers").length).toBe(reads);
  });

  it("lets the job through when PixVerse cannot list its catalogue now (PixVerse then decides)", async () => {
    const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0, allowPrivateMediaUrls: true } });
    world.pixverse.failNext("listTtsSpeakers", pixverseError(500069, "retryable"));
    expect((await world.pipeline.jobService.createJob(world.tenant, lipSync("999"))).created).toBe(true);
  });

  it("checks effect templates and restyle presets the same way", async () => {
    const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0, allowPrivateMediaUrls: true } });
    const effect = await refusal(
      world.pipeline.jobService.createJob(world.tenant, {
        type: "effect",
        input: {
          template_id: 1234,
          quality: "540p",
          duration: 5,
          image: { url: "https://cdn.example.com/a.png" },
        },
      }),
    );
    expect(effect?.issues.map((issue) => issue.path)).toEqual(["input.template_id"]);
    const restyle = await refusal(
      world.pipeline.jobService.createJob(world.tenant, {
        type: "restyle",
        input: { restyle_id: 42, video: { url: "https://cdn.example.com/v.mp4" } },
      }),
    );
    expect(restyle?.issues.map((issue) => issue.path)).toEqual(["input.restyle_id"]);
  });
});
