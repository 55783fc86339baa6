import { z } from "@hono/zod-openapi";
import {
  API_KEY_SCOPES,
  apiKeyIdSchema,
  apiKeySchema,
  apiKeyScopeSchema,
  MAX_TENANT_PAGE,
  TENANT_LIMIT_NAMES,
  type TenantLimitName,
  tenantIdSchema,
  tenantLimitsSchema,
  tenantSchema,
  tenantStatusSchema,
} from "@pixpipe/core/tenant";

// Tenants and API keys (admin scope). Core's schemas gain their OpenAPI names with `.meta()` (see
// jobs.ts for why not `.openapi()`).

/** Overlaps of a rotated key: a whole number of seconds up to 30 days. */
const MAX_OVERLAP_SECONDS = 30 * 86_400;

export const TenantIdSchema = tenantIdSchema.meta({
  description: "A tenant id: chosen at creation (ops, acme) or generated (ten_<ULID>).",
  example: "ten_01J9Z3Q4N8X0C2M7V5B6K1D3EF",
});

export const TenantLimitsSchema = tenantLimitsSchema.meta({
  id: "TenantLimits",
  description:
    "Per-tenant limits; an absent one is no limit. maxInFlight: generations of the tenant at PixVerse at " +
    "once (more jobs wait in queued); creditsPerDay / creditsPerMonth: PixVerse credits per UTC day / month.",
  example: { maxInFlight: 3, creditsPerDay: 2000 },
});

export const TenantStatusSchema = tenantStatusSchema.meta({
  id: "TenantStatus",
  description: "A disabled tenant's keys get 403 tenant_disabled; its jobs already accepted still finish.",
});

export const TenantSchema = tenantSchema
  .omit({ webhookSecrets: true })
  .extend({ id: TenantIdSchema, status: TenantStatusSchema, limits: TenantLimitsSchema })
  .meta({ id: "Tenant", description: "A tenant: whose jobs, keys, limits and usage go together." });

export const CreateTenantRequestSchema = z
  .object({
    id: TenantIdSchema.optional().openapi({ description: "A chosen id; ten_<ULID> when absent." }),
    name: TenantSchema.shape.name.meta({ example: "Acme Corp" }),
    status: TenantStatusSchema.optional().openapi({ description: "active (the default) or disabled." }),
    limits: TenantLimitsSchema.optional(),
  })
  .strict()
  .openapi("CreateTenantRequest");

const limitPatch = (name: TenantLimitName) =>
  tenantLimitsSchema.shape[name]
    .unwrap()
    .nullable()
    .optional()
    .openapi({ description: `null removes ${name}.` });

export const UpdateTenantRequestSchema = z
  .object({
    name: TenantSchema.shape.name.optional(),
    status: TenantStatusSchema.optional(),
    limits: z
      .object(
        Object.fromEntries(TENANT_LIMIT_NAMES.map((name) => [name, limitPatch(name)])) as {
          [K in TenantLimitName]: ReturnType<typeof limitPatch>;
        },
      )
      .strict()
      .optional()
      .openapi({ description: "Merged into the tenant's limits: a number sets one, null removes it." }),
  })
  .strict()
  .openapi("UpdateTenantRequest", {
    description: "A JSON Merge Patch (RFC 7396): absent fields stay as they are.",
    example: { status: "disabled", limits: { creditsPerDay: null } },
  });

export const TenantParamsSchema = z.object({
  id: TenantIdSchema.openapi({ param: { name: "id", in: "path" } }),
});

export const ListTenantsQuerySchema = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_TENANT_PAGE)
      .default(50)
      .openapi({ description: "Page size.", example: 50 }),
    cursor: z
      .string()
      .min(1)
      .max(512)
      .optional()
      .openapi({ description: "The nextCursor of the previous page." }),
  })
  .strict();

export const TenantListSchema = z
  .object({
    tenants: z.array(TenantSchema),
    nextCursor: z.string().nullable().openapi({ description: "null on the last page." }),
  })
  .openapi("TenantList", { description: "Tenants by id (generated ids sort by creation)." });

export const ApiKeyScopeSchema = apiKeyScopeSchema.meta({
  id: "ApiKeyScope",
  description:
    "admin: tenants, keys, every tenant's usage, the PixVerse balance; jobs:write: create and cancel jobs, " +
    "uploads, masks, the webhook secret; jobs:read: list, get, watch and download jobs, the catalogue, " +
    "the tenant's usage. jobs:write is always issued with jobs:read.",
});

export const ApiKeySchema = apiKeySchema
  .extend({ tenantId: TenantIdSchema, scopes: z.array(ApiKeyScopeSchema).min(1) })
  .meta({
    id: "ApiKey",
    description:
      "An API key as listed: its prefix tells it apart, its secret is never shown again. lastUsedAt has " +
      "minute resolution; an expired key is refused (and removed from the table days later).",
  });

export const IssuedApiKeySchema = ApiKeySchema.extend({
  secret: z.string().openapi({
    description: "The key itself: send it as Authorization: Bearer <secret>. Shown only in this answer.",
    example: "pp_live_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv1.ten_01J9Z3Q4N8X0C2M7V5B6K1D3EF",
  }),
}).meta({ id: "IssuedApiKey", description: "A new key with its secret, shown this once." });

export const CreateApiKeyRequestSchema = z
  .object({
    label: ApiKeySchema.shape.label.meta({
      description: "What the key is for.",
      example: "render server",
    }),
    scopes: z
      .array(ApiKeyScopeSchema)
      .min(1)
      .optional()
      .openapi({
        description: `Any of ${API_KEY_SCOPES.join(", ")}; jobs:write (with jobs:read) when absent.`,
      }),
    expiresAt: z.iso
      .datetime()
      .optional()
      .openapi({ description: "When the key stops working (whole seconds); never when absent." }),
  })
  .strict()
  .openapi("CreateApiKeyRequest");

export const ApiKeyListSchema = z.object({ keys: z.array(ApiKeySchema) }).openapi("ApiKeyList", {
  description: "The tenant's keys, oldest first.",
});

export const ApiKeyParamsSchema = TenantParamsSchema.extend({
  keyId: apiKeyIdSchema
    .meta({ example: "key_01J9Z3Q4N8X0C2M7V5B6K1D3EF" })
    .openapi({ param: { name: "keyId", in: "path" } }),
});

/** How long something replaced keeps working: whole seconds up to 30 days. */
export const overlapSecondsSchema = (description: string) =>
  z.number().int().min(0).max(MAX_OVERLAP_SECONDS).optional().openapi({ description, example: 3600 });

export const RotateApiKeyRequestSchema = z
  .object({
    overlapSeconds: overlapSecondsSchema(
      "How long the old key keeps working (default 86400, one day; 0: it stops now). Never beyond an " +
        "expiry it already had.",
    ),
  })
  .strict()
  .openapi("RotateApiKeyRequest");

export const RotatedApiKeySchema = z
  .object({
    key: IssuedApiKeySchema,
    previous: ApiKeySchema.openapi({ description: "The old key, with the expiry it now has." }),
  })
  .openapi("RotatedApiKey");

export type Tenant = z.infer<typeof TenantSchema>;
export type TenantList = z.infer<typeof TenantListSchema>;
export type CreateTenantRequest = z.infer<typeof CreateTenantRequestSchema>;
export type UpdateTenantRequest = z.infer<typeof UpdateTenantRequestSchema>;
export type ListTenantsQuery = z.infer<typeof ListTenantsQuerySchema>;
export type ApiKey = z.infer<typeof ApiKeySchema>;
export type IssuedApiKey = z.infer<typeof IssuedApiKeySchema>;
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequestSchema>;
export type RotateApiKeyRequest = z.infer<typeof RotateApiKeyRequestSchema>;
export type RotatedApiKey = z.infer<typeof RotatedApiKeySchema>;
