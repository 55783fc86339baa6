import * as z from "zod";

/**
 * Tenant ids: chosen (`ops`, `local`) or generated (`ten_<ULID>`). Never `#` or `.`: the table's index
 * partitions and the API key format use them as separators.
 */
export const tenantIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
    "must be 1 to 64 letters, digits, '_' or '-', not starting with '_' or '-'",
  );

export const TENANT_STATUSES = ["active", "disabled"] as const;
export const tenantStatusSchema = z.enum(TENANT_STATUSES);
export type TenantStatus = z.infer<typeof tenantStatusSchema>;

/** What an admin sets per tenant; an absent limit is no limit (beyond pixpipe's global ones). */
export const tenantLimitsSchema = z
  .object({
    /** Generations of the tenant in flight at PixVerse at once; more jobs wait in `queued`. */
    maxInFlight: z.number().int().positive().optional(),
    /** PixVerse credits the tenant's jobs may spend per UTC day. */
    creditsPerDay: z.number().positive().optional(),
    /** PixVerse credits the tenant's jobs may spend per UTC calendar month. */
    creditsPerMonth: z.number().positive().optional(),
  })
  .strict();
export type TenantLimits = z.infer<typeof tenantLimitsSchema>;
export type TenantLimitName = keyof TenantLimits;
export const TENANT_LIMIT_NAMES = Object.keys(tenantLimitsSchema.shape) as TenantLimitName[];

const isoDateTime = z.iso.datetime();

/** Standard Webhooks secrets: `whsec_` and the base64 of 24 to 64 random bytes. */
export const webhookSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, "must be whsec_ and base64");

/**
 * The tenant's webhook signing secrets: `current` signs every delivery; `previous` also signs until
 * `expiresAt`, so receivers can switch over to a rotated secret without refusing a delivery.
 */
export const webhookSecretsSchema = z.object({
  current: z.object({ secret: webhookSecretSchema, createdAt: isoDateTime }),
  previous: z.object({ secret: webhookSecretSchema, expiresAt: isoDateTime }).optional(),
});
export type WebhookSecrets = z.infer<typeof webhookSecretsSchema>;

export const tenantSchema = z.object({
  id: tenantIdSchema,
  name: z.string().min(1).max(200),
  /** A disabled tenant's keys are refused (403); its jobs already accepted still run to the end. */
  status: tenantStatusSchema,
  limits: tenantLimitsSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  webhookSecrets: webhookSecretsSchema,
});
export type Tenant = z.infer<typeof tenantSchema>;

/** A tenant as admins see it: without its webhook secrets (the tenant reads those with its own key). */
export type PublicTenant = Omit<Tenant, "webhookSecrets">;

export function toPublicTenant({ webhookSecrets: _secrets, ...tenant }: Tenant): PublicTenant {
  return tenant;
}

/**
 * A change to a tenant, as JSON Merge Patch (RFC 7396) reads: absent fields stay; in `limits`, a
 * number sets that limit and null removes it.
 */
export interface TenantPatch {
  name?: string;
  status?: TenantStatus;
  limits?: { [K in TenantLimitName]?: number | null };
}

export interface NewTenantInput {
  /** A chosen id; `ten_<ULID>` when absent. */
  id?: string;
  name: string;
  status?: TenantStatus;
  limits?: TenantLimits;
}

export interface TenantPage {
  tenants: Tenant[];
  nextCursor: string | null;
}
