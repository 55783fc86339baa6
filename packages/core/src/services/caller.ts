import type { TenantLimits } from "../tenant";

/** Who is calling: the tenant of the API key, and whether the key is an admin key. */
export interface Caller {
  tenantId: string;
  admin: boolean;
  /** The tenant's limits as read when the key was checked; absent, they are read when needed. */
  limits?: TenantLimits;
}
