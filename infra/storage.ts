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
});

const abortIncompleteUploads = "abort-incomplete-multipart-uploads";

export const media = new sst.aws.Bucket("Media", {
  // Archives are multipart uploads; a crashed archiver leaves invisible, billed parts behind.
  lifecycle: [{ id: abortIncompleteUploads }],
  transform: {
    // SST's lifecycle rules only express expiration; the abort action is added to our rule here.
    lifecycle: (args) => {
      args.rules = $output(args.rules).apply((rules) =>
        (rules ?? []).map((rule) =>
          rule.id === abortIncompleteUploads
            ? { ...rule, filter: { prefix: "" }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }
            : rule,
        ),
      );
    },
  },
});
