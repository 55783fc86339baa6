import { randomBytes } from "node:crypto";
import { monotonicFactory } from "ulid";
import {
  type ApiKey,
  type ApiKeyRecord,
  type ApiKeyScope,
  hashApiKey,
  type IssuedApiKey,
  listedPrefix,
  normalizeScopes,
} from "./api-key";
import { ApiKeyExpiredError, InvalidTenantCursorError } from "./errors";
import {
  type NewTenantInput,
  TENANT_LIMIT_NAMES,
  type Tenant,
  type TenantLimits,
  type TenantPatch,
  tenantIdSchema,
  tenantLimitsSchema,
  tenantSchema,
  type WebhookSecrets,
} from "./tenant";

// The rules every tenant and key write obeys, as plain functions: both repository adapters apply them
// the same way, so what one stores the other would store too.

export const TENANT_ID_PREFIX = "ten_";
/** The label of a key an operator chose (ensureApiKey) when none is given. */
export const CONFIGURED_KEY_LABEL = "configured key";

// Monotonic: ids made in the same millisecond still sort in creation order (keys are listed by id).
const nextUlid = monotonicFactory();
export const MAX_TENANT_PAGE = 100;

/** A new random Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** A tenant as created: active, its limits validated, with a fresh webhook signing secret. */
export function newTenant(input: NewTenantInput, now: Date): Tenant {
  const at = now.toISOString();
  return tenantSchema.parse({
    id: input.id ?? `${TENANT_ID_PREFIX}${nextUlid(now.getTime())}`,
    name: input.name,
    status: input.status ?? "active",
    limits: input.limits ?? {},
    createdAt: at,
    updatedAt: at,
    webhookSecrets: { current: { secret: generateWebhookSecret(), createdAt: at } },
  });
}

/** The tenant after a merge patch (null removes a limit); validated as a whole. */
export function applyTenantPatch(tenant: Tenant, patch: TenantPatch, now: Date): Tenant {
  const limits: Record<string, number | undefined> = { ...tenant.limits };
  for (const name of TENANT_LIMIT_NAMES) {
    const value = patch.limits?.[name];
    if (value === null) delete limits[name];
    else if (value !== undefined) limits[name] = value;
  }
  return tenantSchema.parse({
    ...tenant,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    limits: tenantLimitsSchema.parse(limits) satisfies TenantLimits,
    updatedAt: now.toISOString(),
  });
}

/**
 * A new current secret; the one it replaces keeps signing for `overlapSeconds` (0: not at all). Only
 * two secrets sign at once: rotating again during an overlap ends the older secret's overlap.
 */
export function rotateWebhookSecrets(
  secrets: WebhookSecrets,
  now: Date,
  overlapSeconds: number,
  secret = generateWebhookSecret(),
): WebhookSecrets {
  if (!Number.isInteger(overlapSeconds) || overlapSeconds < 0) {
    throw new RangeError("overlapSeconds is a whole number of seconds, 0 or more");
  }
  return {
    current: { secret, createdAt: now.toISOString() },
    ...(overlapSeconds > 0
      ? {
          previous: {
            secret: secrets.current.secret,
            expiresAt: new Date(now.getTime() + overlapSeconds * 1000).toISOString(),
          },
        }
      : {}),
  };
}

/**
 * The secrets that sign a delivery made at `now`: the current one, and the previous one while its
 * overlap lasts. Standard Webhooks sends one `v1,<signature>` per secret in `webhook-signature`.
 */
export function signingSecrets(tenant: Pick<Tenant, "webhookSecrets">, now: Date): string[] {
  const { current, previous } = tenant.webhookSecrets;
  return previous && Date.parse(previous.expiresAt) > now.getTime()
    ? [current.secret, previous.secret]
    : [current.secret];
}

/** The secrets as a tenant's receiver should know them: the previous one only while it still signs. */
export function activeWebhookSecrets(secrets: WebhookSecrets, now: Date): WebhookSecrets {
  const { current, previous } = secrets;
  return previous && Date.parse(previous.expiresAt) > now.getTime() ? secrets : { current };
}

/** Key expiries are kept to the second (DynamoDB expires items by epoch seconds). */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export interface NewApiKeyInput {
  label: string;
  scopes: readonly ApiKeyScope[];
  expiresAt?: Date;
}

/** A new key of a tenant: its record (to store) and the issued key (to hand out once). */
export function newApiKey(
  tenantId: string,
  plaintext: string,
  input: NewApiKeyInput,
  now: Date,
): { record: ApiKeyRecord; issued: IssuedApiKey } {
  const key: ApiKey = {
    id: `key_${nextUlid(now.getTime())}`,
    tenantId: tenantIdSchema.parse(tenantId),
    prefix: listedPrefix(plaintext),
    label: input.label,
    scopes: normalizeScopes(input.scopes),
    createdAt: now.toISOString(),
    lastUsedAt: null,
    expiresAt: input.expiresAt ? wholeSeconds(input.expiresAt).toISOString() : null,
  };
  return { record: { ...key, hash: hashApiKey(plaintext) }, issued: { ...key, secret: plaintext } };
}

/**
 * A chosen key made valid for its tenant: a new record, or the existing one with the given scopes, no
 * expiry and its listed prefix and label brought up to date.
 */
export function ensuredApiKey(
  existing: ApiKeyRecord | null,
  tenantId: string,
  plaintext: string,
  options: { scopes: readonly ApiKeyScope[]; label?: string },
  now: Date,
): ApiKeyRecord {
  const label = options.label ?? existing?.label ?? CONFIGURED_KEY_LABEL;
  if (!existing) return newApiKey(tenantId, plaintext, { label, scopes: options.scopes }, now).record;
  return {
    ...existing,
    prefix: listedPrefix(plaintext),
    label,
    scopes: normalizeScopes(options.scopes),
    expiresAt: null,
  };
}

export const toApiKey = ({ hash: _hash, ...key }: ApiKeyRecord): ApiKey => key;

export function isExpired(key: Pick<ApiKey, "expiresAt">, now: Date): boolean {
  return key.expiresAt !== null && Date.parse(key.expiresAt) <= now.getTime();
}

/**
 * When a rotated key stops working: `overlapSeconds` from now, but never later than it would have
 * (rotation does not extend a key's life). An expired key cannot be rotated.
 */
export function rotatedKeyExpiry(key: Pick<ApiKey, "expiresAt">, now: Date, overlapSeconds: number): Date {
  if (!Number.isInteger(overlapSeconds) || overlapSeconds < 0) {
    throw new RangeError("overlapSeconds is a whole number of seconds, 0 or more");
  }
  const chosen = wholeSeconds(new Date(now.getTime() + overlapSeconds * 1000));
  return key.expiresAt !== null && Date.parse(key.expiresAt) < chosen.getTime()
    ? new Date(key.expiresAt)
    : chosen;
}

/**
 * A rotation: the new key (the old one's label and scopes) and the old key with its new expiry, from
 * `rotatedKeyExpiry`. Throws ApiKeyExpiredError for a key that has already expired.
 */
export function planKeyRotation(
  old: ApiKeyRecord,
  plaintext: string,
  overlapSeconds: number,
  now: Date,
): { record: ApiKeyRecord; issued: IssuedApiKey; previous: ApiKeyRecord } {
  if (isExpired(old, now)) throw new ApiKeyExpiredError(old.id, old.expiresAt!);
  const { record, issued } = newApiKey(
    old.tenantId,
    plaintext,
    { label: old.label, scopes: old.scopes },
    now,
  );
  const previous = { ...old, expiresAt: rotatedKeyExpiry(old, now, overlapSeconds).toISOString() };
  return { record, issued, previous };
}

/** Why a presented key is refused: 401 for `invalid` and `expired`, 403 for `tenant_disabled`. */
export type ApiKeyRefusal = "invalid" | "expired" | "tenant_disabled";

/** A key accepted, with its tenant's limits as read with it (so a request need not read them again). */
export type ApiKeyCheck =
  | { ok: true; key: ApiKey; limits: TenantLimits }
  | { ok: false; reason: ApiKeyRefusal };

/**
 * The decision on a presented key, from what was read for it: its record (null when unknown), its
 * tenant, and the tenant its plaintext names (issued keys carry it).
 */
export function checkApiKey(
  record: ApiKeyRecord | null,
  tenant: Pick<Tenant, "id" | "status" | "limits"> | null,
  now: Date,
): ApiKeyCheck {
  if (!record || !tenant || record.tenantId !== tenant.id) return { ok: false, reason: "invalid" };
  if (isExpired(record, now)) return { ok: false, reason: "expired" };
  if (tenant.status !== "active") return { ok: false, reason: "tenant_disabled" };
  return { ok: true, key: toApiKey(record), limits: tenant.limits };
}

/** Uses of a key are recorded at most this often (each record is a write). */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function lastUseIsStale(lastUsedAt: string | null, now: Date): boolean {
  return lastUsedAt === null || Date.parse(lastUsedAt) <= now.getTime() - LAST_USED_RESOLUTION_MS;
}

/** The lastUsedAt below which a use is recorded again. */
export const staleBefore = (now: Date) => new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();

export function assertTenantPageLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TENANT_PAGE) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_TENANT_PAGE}`);
  }
}

/** An opaque cursor naming the last tenant of a page (tenants are listed by id). */
export const encodeTenantCursor = (lastTenantId: string): string =>
  Buffer.from(lastTenantId, "utf8").toString("base64url");

/** The tenant id a cursor names; InvalidTenantCursorError for a cursor pixpipe did not issue. */
export function decodeTenantCursor(cursor: string): string {
  const after = tenantIdSchema.safeParse(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!after.success || encodeTenantCursor(after.data) !== cursor) throw new InvalidTenantCursorError();
  return after.data;
}
