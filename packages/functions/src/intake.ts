import { createS3Intake } from "@pixpipe/core/intake";
import type { S3Event, S3Handler } from "aws-lambda";
import { flushingMetrics, loadPipeline, RUNS_JOBS } from "./pipeline";

// Creating a job submits it inline (PixVerse, the archive queue's redrive) and a bad object's job
// sends its event: the links of infra/uploads.ts (the intake function).
const pipeline = loadPipeline(RUNS_JOBS);
const intake = createS3Intake(pipeline);

/**
 * S3 ObjectCreated under incoming/{tenantId}/ (asynchronous invocation): each object starts a job or
 * becomes a failed one. An infrastructure error fails the invocation, so Lambda retries the event.
 */
export const handler: S3Handler = flushingMetrics(pipeline, async (event: S3Event) => {
  await intake.handle(event);
});
