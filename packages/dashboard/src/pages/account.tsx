import type { Me, PixpipeClient, WebhookSecret } from "@pixpipe/client";
import { useState } from "preact/hooks";
import { Dialog } from "../components/dialog";
import { SecretField } from "../components/secret-field";
import { FormFailure } from "../components/text-field";
import { formatDateTime, formatNumber } from "../format";
import { hasScope } from "../session";
import { describeLimits } from "../tenant-limits";
import { useAction } from "../use-action";

/** Who the key is (GET /v1/me), and the tenant's webhook signing secret for keys that may read it. */
export function AccountPage({ client, me }: { client: PixpipeClient; me: Me }) {
  return (
    <>
      <h1>Account</h1>
      <div class="admin-grid">
        <section class="panel" aria-labelledby="key-title">
          <h2 id="key-title">This key</h2>
          <dl class="pairs">
            <dt>Tenant</dt>
            <dd>
              {me.tenant.name} <span class="mono">({me.tenant.id})</span>
            </dd>
            <dt>Limits</dt>
            <dd>{describeLimits(me.tenant.limits, formatNumber)}</dd>
            <dt>Key id</dt>
            <dd class="mono wrap">{me.key.id}</dd>
            <dt>Scopes</dt>
            <dd>{me.key.scopes.join(", ")}</dd>
          </dl>
        </section>
        {hasScope(me, "jobs:write") && <WebhookSecretPanel client={client} />}
      </div>
    </>
  );
}

/** The secret stays off the page until asked for; rotating asks first. */
function WebhookSecretPanel({ client }: { client: PixpipeClient }) {
  const [secret, setSecret] = useState<WebhookSecret | null>(null);
  const [confirming, setConfirming] = useState(false);
  const show = useAction();
  const rotate = useAction();

  return (
    <section class="panel" aria-labelledby="webhook-title">
      <h2 id="webhook-title">Webhook signing secret</h2>
      <p class="hint">
        Per-job webhooks are signed with it (Standard Webhooks: webhook-id, webhook-timestamp,
        webhook-signature); your receiver verifies each delivery with it.
      </p>
      <FormFailure failure={show.failure} />
      {secret ? (
        <>
          <SecretField id="webhook-secret" label="Signing secret" secret={secret.secret} />
          <p class="hint">
            Since {formatDateTime(secret.createdAt)}.
            {secret.previousExpiresAt &&
              ` The secret it replaced also signs until ${formatDateTime(secret.previousExpiresAt)}.`}
          </p>
          <p class="actions">
            <button type="button" class="secondary" onClick={() => setConfirming(true)}>
              Rotate secret
            </button>
            <button type="button" class="secondary" onClick={() => setSecret(null)}>
              Hide
            </button>
          </p>
        </>
      ) : (
        <button
          type="button"
          class="secondary"
          disabled={show.busy}
          onClick={() => show.run(async () => setSecret(await client.webhookSecret()))}
        >
          {show.busy ? "Loading…" : "Show secret"}
        </button>
      )}
      {confirming && (
        <Dialog title="Rotate the webhook secret?" onClose={() => setConfirming(false)}>
          <p>
            A new secret signs every delivery from now on; the current one also signs them for a day, so that
            receivers can switch over.
          </p>
          <FormFailure failure={rotate.failure} />
          <p class="actions">
            <button
              type="button"
              disabled={rotate.busy}
              onClick={async () => {
                if (await rotate.run(async () => setSecret(await client.rotateWebhookSecret()))) {
                  setConfirming(false);
                }
              }}
            >
              {rotate.busy ? "Rotating…" : "Rotate secret"}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </p>
        </Dialog>
      )}
    </section>
  );
}
