export class TenantNotFoundError extends Error {
  override readonly name = "TenantNotFoundError";
  constructor(readonly tenantId: string) {
    super(`tenant ${tenantId} does not exist`);
  }
}

/** createTenant with an id that is taken (HTTP 409). */
export class TenantExistsError extends Error {
  override readonly name = "TenantExistsError";
  constructor(readonly tenantId: string) {
    super(`tenant ${tenantId} already exists`);
  }
}

/** ensureApiKey with a key that already belongs to another tenant. */
export class ApiKeyConflictError extends Error {
  override readonly name = "ApiKeyConflictError";
  constructor() {
    super("this API key already belongs to another tenant");
  }
}

/** Rotating a key that has already expired: there is nothing left to overlap with (HTTP 409). */
export class ApiKeyExpiredError extends Error {
  override readonly name = "ApiKeyExpiredError";
  constructor(
    readonly keyId: string,
    readonly expiresAt: string,
  ) {
    super(`API key ${keyId} expired at ${expiresAt}`);
  }
}

/** A tenant list cursor that pixpipe did not issue (HTTP 400). */
export class InvalidTenantCursorError extends Error {
  override readonly name = "InvalidTenantCursorError";
  constructor() {
    super("cursor is not valid; pass the nextCursor of a previous page unchanged");
  }
}

/** A write that kept losing its optimistic lock to concurrent writers of the same tenant. */
export class TenantWriteConflictError extends Error {
  override readonly name = "TenantWriteConflictError";
  constructor(readonly tenantId: string) {
    super(`tenant ${tenantId} kept changing under this write; try again`);
  }
}
