import { createAwsClients } from "@pixpipe/core/aws";
import { createS3Intake } from "@pixpipe/core/intake";
import type { S3Event } from "aws-lambda";
import { pipeline } from "./pipeline";

const intake = createS3Intake(pipeline, createAwsClients());

/**
 * S3 ObjectCreated under incoming/{tenantId}/ (asynchronous invocation): each object starts a job or
 * becomes a failed one. An infrastructure error fails the invocation, so Lambda retries the event.
 */
export const handler = (event: S3Event) => intake.handle(event);
