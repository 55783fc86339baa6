import { z } from "zod";

export const tenantSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  createdAt: z.iso.datetime(),
});
export type Tenant = z.infer<typeof tenantSchema>;

/** Who an API key speaks for. */
export interface ApiKeyIdentity {
  tenantId: string;
  admin: boolean;
}

/** A newly issued key: the plaintext exists only in this value; the table keeps its SHA-256. */
export interface IssuedApiKey extends ApiKeyIdentity {
  key: string;
  createdAt: string;
}

export class TenantNotFoundError extends Error {
  override readonly name = "TenantNotFoundError";
  constructor(readonly tenantId: string) {
    super(`tenant ${tenantId} does not exist`);
  }
}

/** ensureApiKey with a key that already belongs to another tenant. */
export class ApiKeyConflictError extends Error {
  override readonly name = "ApiKeyConflictError";
  constructor() {
    super("this API key already belongs to another tenant");
  }
}

export interface TenantRepository {
  createTenant(input: { name: string }): Promise<Tenant>;
  /** Creates the tenant with this id unless it exists; returns it either way. */
  ensureTenant(input: { id: string; name: string }): Promise<Tenant>;
  getTenant(id: string): Promise<Tenant | null>;
  /** Issues a new random key for an existing tenant; the plaintext is returned once, never stored. */
  createApiKey(tenantId: string, options: { admin: boolean }): Promise<IssuedApiKey>;
  /**
   * Makes a chosen plaintext key (the local runtime's PIXPIPE_API_KEY) valid for the tenant,
   * creating the tenant if needed. Idempotent; the admin flag is set to the given value.
   */
  ensureApiKey(tenantId: string, plaintextKey: string, options: { admin: boolean }): Promise<void>;
  /** The tenant and admin flag of a presented key, or null for an unknown key. */
  authenticate(plaintextKey: string): Promise<ApiKeyIdentity | null>;
}
