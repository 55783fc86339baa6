import { createHash, randomBytes } from "node:crypto";
import * as z from "zod";
import { tenantIdSchema } from "./tenant";

/**
 * What a key may do. `admin`: tenants, keys, every tenant's usage, the PixVerse balance; `jobs:write`:
 * create and cancel jobs, uploads, masks, the webhook secret; `jobs:read`: list, get, watch and
 * download jobs, the catalogue, the tenant's usage. Issuing a key with jobs:write grants jobs:read too.
 */
export const API_KEY_SCOPES = ["admin", "jobs:write", "jobs:read"] as const;
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

/** The scopes of a key that can do everything (the bootstrap and local dev keys). */
export const ALL_SCOPES: readonly ApiKeyScope[] = API_KEY_SCOPES;

export const apiKeyIdSchema = z
  .string()
  .regex(/^key_[0-9A-HJKMNP-TV-Z]{26}$/, "must be a key id (key_<ULID>)");

const isoDateTime = z.iso.datetime();

/** An API key as it is listed: never its secret, nor the hash it is found by. */
export const apiKeySchema = z.object({
  id: apiKeyIdSchema,
  tenantId: tenantIdSchema,
  /** The key's first characters, to tell keys apart in a list (`pp_live_Ab12Cd`). */
  prefix: z.string(),
  label: z.string().min(1).max(200),
  scopes: z.array(apiKeyScopeSchema).min(1),
  createdAt: isoDateTime,
  /** Minute resolution: uses are recorded at most once a minute per key. */
  lastUsedAt: isoDateTime.nullable(),
  /** After this instant the key is refused (a rotated key's overlap, or a temporary key). */
  expiresAt: isoDateTime.nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** A key as the repositories keep it: found by the SHA-256 of its plaintext. */
export interface ApiKeyRecord extends ApiKey {
  hash: string;
}

/** A newly issued key: the plaintext exists only in this value; the table keeps its SHA-256. */
export interface IssuedApiKey extends ApiKey {
  secret: string;
}

export const API_KEY_PREFIX = "pp_live_";
/** Longer presented keys are not looked up at all. */
export const MAX_API_KEY_LENGTH = 256;
const SECRET_LENGTH = 43; // base64url of 32 random bytes
const LISTED_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;
const ISSUED_KEY = new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{${SECRET_LENGTH}}\\.(.+)$`);

/**
 * Keys are looked up by their SHA-256, so no comparison against a stored secret happens in pixpipe
 * and no constant-time compare is needed: timing can at most tell an attacker something about the
 * hash of a guess, and a SHA-256 (of 256 random bits) cannot be turned back into a key.
 */
export function hashApiKey(plaintextKey: string): string {
  return createHash("sha256").update(plaintextKey, "utf8").digest("hex");
}

/**
 * A new key for a tenant: `pp_live_<32 random bytes, base64url>.<tenantId>`. The tenant id in the
 * key lets authentication read the key and its tenant in one round trip.
 */
export function generateApiKey(tenantId: string): string {
  tenantIdSchema.parse(tenantId);
  return `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}.${tenantId}`;
}

/** The tenant an issued key names; undefined for a key of another form (one an operator chose). */
export function tenantOfApiKey(plaintextKey: string): string | undefined {
  const tenantId = ISSUED_KEY.exec(plaintextKey)?.[1];
  return tenantId !== undefined && tenantIdSchema.safeParse(tenantId).success ? tenantId : undefined;
}

/** The characters a list shows; at most a quarter of a chosen key, so a short one is not given away. */
export function listedPrefix(plaintextKey: string): string {
  return plaintextKey.slice(0, Math.min(LISTED_PREFIX_LENGTH, Math.floor(plaintextKey.length / 4)));
}

/** Whether a presented key is worth looking up at all. */
export function isPlausibleApiKey(plaintextKey: string): boolean {
  return plaintextKey.length > 0 && plaintextKey.length <= MAX_API_KEY_LENGTH;
}

/**
 * A key an operator chooses (PIXPIPE_API_KEY) must be one that can be presented in a Bearer header,
 * and may not name a tenant other than its own.
 */
export function assertChosenApiKey(tenantId: string, plaintextKey: string): void {
  if (!isPlausibleApiKey(plaintextKey) || /\s/.test(plaintextKey)) {
    throw new RangeError(`an API key is 1 to ${MAX_API_KEY_LENGTH} characters without whitespace`);
  }
  const named = tenantOfApiKey(plaintextKey);
  if (named !== undefined && named !== tenantId) {
    throw new RangeError(`this API key names tenant ${named}, not ${tenantId}`);
  }
}

/** The scopes as stored: each once, in a fixed order, jobs:read added to jobs:write. */
export function normalizeScopes(scopes: readonly ApiKeyScope[]): ApiKeyScope[] {
  const granted = new Set(scopes);
  if (granted.has("jobs:write")) granted.add("jobs:read");
  if (granted.size === 0) throw new RangeError("an API key needs at least one scope");
  return API_KEY_SCOPES.filter((scope) => granted.has(scope));
}
