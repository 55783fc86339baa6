/** Who is calling: the tenant of the API key, and whether the key is an admin key. */
export interface Caller {
  tenantId: string;
  admin: boolean;
}
