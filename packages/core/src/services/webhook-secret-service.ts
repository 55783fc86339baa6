import type { Clock } from "../pipeline";
import {
  activeWebhookSecrets,
  signingSecrets,
  type Tenant,
  TenantNotFoundError,
  type TenantRepository,
} from "../tenant";
import type { Caller } from "./caller";

/** How long a rotated webhook secret keeps signing unless the tenant says otherwise. */
export const DEFAULT_SECRET_OVERLAP_SECONDS = 24 * 3600;

/** The caller's signing secret as GET and POST /v1/webhooks/secret answer it. */
export interface WebhookSecretView {
  secret: string;
  createdAt: string;
  /** Until when the secret it replaced still signs deliveries; null when it does not any more. */
  previousExpiresAt: string | null;
}

/** Each tenant's Standard Webhooks signing secret: read, rotated, and the ones deliveries sign with. */
export class WebhookSecretService {
  constructor(
    private readonly deps: {
      tenants: Pick<TenantRepository, "getTenant" | "rotateWebhookSecret">;
      clock: Clock;
    },
  ) {}

  async getSecret(caller: Caller): Promise<WebhookSecretView> {
    return this.view(await this.deps.tenants.getTenant(caller.tenantId), caller.tenantId);
  }

  /** A new secret; the old one signs too for `overlapSeconds` (24 h by default, 0 to stop it at once). */
  async rotateSecret(caller: Caller, options: { overlapSeconds?: number } = {}): Promise<WebhookSecretView> {
    const overlapSeconds = options.overlapSeconds ?? DEFAULT_SECRET_OVERLAP_SECONDS;
    const tenant = await this.deps.tenants.rotateWebhookSecret(
      caller.tenantId,
      { overlapSeconds },
      this.deps.clock.now(),
    );
    return this.view(tenant, caller.tenantId);
  }

  /**
   * The secrets a delivery made now signs with (the current one, and the previous one while its
   * overlap lasts): one `v1,<signature>` each in `webhook-signature`. Read strongly consistent, so a
   * rotation counts from the next delivery on.
   */
  async signingSecrets(tenantId: string): Promise<string[]> {
    const tenant = await this.deps.tenants.getTenant(tenantId);
    if (!tenant) throw new TenantNotFoundError(tenantId);
    return signingSecrets(tenant, this.deps.clock.now());
  }

  private view(tenant: Tenant | null, tenantId: string): WebhookSecretView {
    if (!tenant) throw new TenantNotFoundError(tenantId);
    const { current, previous } = activeWebhookSecrets(tenant.webhookSecrets, this.deps.clock.now());
    return {
      secret: current.secret,
      createdAt: current.createdAt,
      previousExpiresAt: previous?.expiresAt ?? null,
    };
  }
}
