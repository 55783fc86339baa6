import { stageSettings } from "./settings";

const settings = stageSettings();

/*
 * The table mirrors packages/core/src/table/definition.ts (TABLE_KEYS, GSI, tableDefinition): string
 * keys, three GSIs projecting ALL, TTL on `expiresAt`. infra-test compares the synthesized table with
 * that definition, so the two cannot drift apart silently.
 */
export const table = new sst.aws.Dynamo("Table", {
  fields: {
    pk: "string",
    sk: "string",
    tenantPk: "string",
    tenantSk: "string",
    statusSk: "string",
    dueShard: "string",
    nextCheckAt: "string",
  },
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: {
    byTenant: { hashKey: "tenantPk", rangeKey: "tenantSk", projection: "all" },
    byTenantStatus: { hashKey: "tenantPk", rangeKey: "statusSk", projection: "all" },
    due: { hashKey: "dueShard", rangeKey: "nextCheckAt", projection: "all" },
  },
  ttl: "expiresAt",
  // Protected stages also refuse a table delete made outside SST (console, CLI).
  deletionProtection: $app.protect,
  transform: {
    table: (args) => {
      // 35 days of restorable history (billed per GB stored); SST would enable it on every stage.
      args.pointInTimeRecovery = { enabled: settings.pointInTimeRecovery };
      // Encryption at rest is always on; without serverSideEncryption DynamoDB uses an AWS owned key.
    },
  },
});

/** Lifecycle actions SST's `lifecycle` cannot express, added to its rules by id (see transform). */
const ruleActions: Record<string, Record<string, unknown>> = {
  // Archives are multipart uploads; a crashed archiver leaves invisible, billed parts behind.
  "abort-incomplete-multipart-uploads": {
    filter: { prefix: "" },
    abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
  },
  ...(settings.videosTransition && {
    "videos-storage-class": {
      transitions: [
        { days: settings.videosTransition.days, storageClass: settings.videosTransition.storageClass },
      ],
    },
  }),
};

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}` as const;

/*
 * No versioning: pixpipe writes each key once (a job's video, an upload under a fresh ulid) and
 * deletes nothing itself; with versioning every expired upload would stay billed as a noncurrent
 * version. docs/deploy.md ("Data protection") says how to turn it on where deletes must be undoable.
 */
export const media = new sst.aws.Bucket("Media", {
  // Browsers (the dashboard) PUT uploads to presigned URLs and read results; a redirected read
  // arrives with Origin "null", hence "*": the presigned URL itself is the credential.
  cors: {
    allowOrigins: ["*"],
    allowMethods: ["GET", "HEAD", "PUT"],
    allowHeaders: ["content-type", "range"],
    exposeHeaders: ["ETag", "Content-Length", "Content-Range"],
    maxAge: "10 minutes",
  },
  lifecycle: [
    { id: "abort-incomplete-multipart-uploads" },
    // Job inputs: a job reads them within its deadline (an hour by default), nothing after.
    { id: "expire-uploads", prefix: "uploads/", expiresIn: days(settings.uploadsExpireDays) },
    { id: "expire-incoming", prefix: "incoming/", expiresIn: days(settings.incomingExpireDays) },
    ...(settings.videosTransition ? [{ id: "videos-storage-class", prefix: "videos/" }] : []),
  ],
  transform: {
    lifecycle: (args) => {
      args.rules = $output(args.rules).apply((rules) =>
        (rules ?? []).map((rule) => ({ ...rule, ...ruleActions[String(rule.id)] })),
      );
    },
  },
});

// S3 encrypts every object (SSE-S3, keys S3 owns) whatever is set; stated here so it is asserted
// and a later switch to SSE-KMS is one edit.
new aws.s3.BucketServerSideEncryptionConfiguration("MediaEncryption", {
  bucket: media.name,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
});
