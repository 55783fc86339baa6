import type { Clock, Logger } from "../pipeline";
import { type ApiKeyCheck, lastUseIsStale, type TenantRepository } from "../tenant";

export interface AuthenticationServiceDeps {
  tenants: Pick<TenantRepository, "authenticate" | "recordApiKeyUse">;
  clock: Clock;
  logger: Logger;
}

/** Turns a presented API key into its key (or the reason it is refused), fresh from the table every time. */
export class AuthenticationService {
  constructor(private readonly deps: AuthenticationServiceDeps) {}

  /**
   * No cache: a key revoked or a tenant disabled in another process is refused at the next request.
   * A use is recorded at most once a minute per key, alongside the request, never holding it up.
   */
  async authenticate(plaintextKey: string): Promise<ApiKeyCheck> {
    const now = this.deps.clock.now();
    const check = await this.deps.tenants.authenticate(plaintextKey, now);
    if (check.ok && lastUseIsStale(check.key.lastUsedAt, now)) {
      this.deps.tenants.recordApiKeyUse(plaintextKey, now).catch((error: unknown) =>
        this.deps.logger.warn("could not record an API key's use", {
          keyId: check.key.id,
          error: String(error),
        }),
      );
    }
    return check;
  }
}
