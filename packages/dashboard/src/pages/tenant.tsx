import type { ApiKey, ApiKeyScope, IssuedApiKey, Me, PixpipeClient, Tenant } from "@pixpipe/client";
import { useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { Dialog } from "../components/dialog";
import { LimitFields } from "../components/limit-fields";
import { SecretField } from "../components/secret-field";
import { FormFailure, TextField } from "../components/text-field";
import { formatDateTime, formatNumber, formatShortDateTime } from "../format";
import { describeLimits, limitInputs, limitsPatch } from "../tenant-limits";
import { useAction } from "../use-action";
import { useLoaded } from "../use-loaded";

const LIMIT_PATHS = ["limits.maxInFlight", "limits.creditsPerDay", "limits.creditsPerMonth"];

/** One tenant (admin keys only): its name, status and limits, and its API keys. */
export function TenantPage({ client, id, me }: { client: PixpipeClient; id: string; me: Me }) {
  const tenant = useLoaded((signal) => client.getTenant(id, { signal }), [client, id]);
  if (!tenant.value) {
    return (
      <>
        <h1>Tenant</h1>
        <FormFailure failure={tenant.error} />
        {tenant.loading ? (
          <p class="muted">Loading tenant…</p>
        ) : (
          <p>
            <Link href="/admin">Back to the tenants</Link>
          </p>
        )}
      </>
    );
  }
  return (
    <article aria-labelledby="tenant-title">
      <div class="page-head">
        <div>
          <p class="eyebrow">
            <Link href="/admin">Admin</Link> / <span class="mono">{tenant.value.id}</span>
          </p>
          <h1 id="tenant-title">{tenant.value.name}</h1>
        </div>
        <Link href={`/usage?tenant=${encodeURIComponent(tenant.value.id)}`}>Usage of this tenant</Link>
      </div>
      <Keys client={client} tenantId={tenant.value.id} me={me} />
      <Settings client={client} tenant={tenant.value} onSaved={tenant.set} />
    </article>
  );
}

function Settings({
  client,
  tenant,
  onSaved,
}: {
  client: PixpipeClient;
  tenant: Tenant;
  onSaved: (tenant: Tenant) => void;
}) {
  const [name, setName] = useState(tenant.name);
  const [status, setStatus] = useState(tenant.status);
  const [limits, setLimits] = useState(limitInputs(tenant.limits));
  const [saved, setSaved] = useState(false);
  const action = useAction(["name", "status", ...LIMIT_PATHS]);

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(false);
    const ok = await action.run(async () => {
      const updated = await client.updateTenant(tenant.id, {
        ...(name.trim() !== tenant.name ? { name: name.trim() } : {}),
        ...(status !== tenant.status ? { status } : {}),
        limits: limitsPatch(tenant.limits, limits),
      });
      onSaved(updated);
      setLimits(limitInputs(updated.limits));
    });
    setSaved(ok);
  }

  return (
    <section class="panel tenant-settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <p class="hint">
        Now: {tenant.status}, {describeLimits(tenant.limits, formatNumber)}. Created{" "}
        {formatDateTime(tenant.createdAt)}, changed {formatDateTime(tenant.updatedAt)}.
      </p>
      <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="settings-title">
        <FormFailure failure={action.failure} />
        <TextField
          id="settings-name"
          label="Name"
          autoComplete="off"
          value={name}
          onValue={setName}
          messages={action.problems.get("name")}
        />
        <div class="field">
          <label for="settings-status">Status</label>
          <select
            id="settings-status"
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value as Tenant["status"])}
            aria-describedby="settings-status-hint"
          >
            <option value="active">active</option>
            <option value="disabled">disabled</option>
          </select>
          <p id="settings-status-hint" class="hint">
            A disabled tenant's keys get 403 tenant_disabled; its jobs already accepted still finish.
          </p>
        </div>
        <LimitFields idPrefix="settings" inputs={limits} onInputs={setLimits} problems={action.problems} />
        <p class="actions">
          <button type="submit" disabled={action.busy}>
            {action.busy ? "Saving…" : "Save"}
          </button>
          <span role="status" class="hint">
            {saved ? "Saved." : ""}
          </span>
        </p>
      </form>
    </section>
  );
}

const SCOPES: readonly { scope: ApiKeyScope; label: string }[] = [
  { scope: "jobs:read", label: "jobs:read: list, watch and download jobs, usage" },
  { scope: "jobs:write", label: "jobs:write: create and cancel jobs, uploads, the webhook secret" },
  { scope: "admin", label: "admin: tenants, keys, every tenant's usage, the PixVerse balance" },
];

/** A key just issued: its secret, shown this once. */
type Issued = { key: IssuedApiKey; why: string };

function Keys({ client, tenantId, me }: { client: PixpipeClient; tenantId: string; me: Me }) {
  const keys = useLoaded((signal) => client.listApiKeys(tenantId, { signal }), [client, tenantId]);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);

  return (
    <section class="panel" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <FormFailure failure={keys.error} />
      {keys.value?.length === 0 && <p class="muted">This tenant has no keys.</p>}
      {keys.value && keys.value.length > 0 && (
        <table class="data keys">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.value.map((key) => (
              <tr key={key.id} data-key-id={key.id}>
                <th scope="row" data-label="Key">
                  {key.label}
                  {key.id === me.key.id && <span class="badge">this key</span>}
                  <span class="mono hint key-prefix">{key.prefix}…</span>
                </th>
                <td data-label="Scopes">{key.scopes.join(", ")}</td>
                <td data-label="Created">{formatShortDateTime(key.createdAt)}</td>
                <td data-label="Last used">
                  {key.lastUsedAt ? formatShortDateTime(key.lastUsedAt) : "never"}
                </td>
                <td data-label="Expires">{key.expiresAt ? formatShortDateTime(key.expiresAt) : "never"}</td>
                <td class="row-actions">
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() => setRotating(key)}
                    aria-label={`Rotate ${key.label}`}
                  >
                    Rotate
                  </button>
                  <button
                    type="button"
                    class="danger small"
                    onClick={() => setRevoking(key)}
                    aria-label={`Revoke ${key.label}`}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewKey
        client={client}
        tenantId={tenantId}
        onIssued={(key) => {
          setIssued({ key, why: "created" });
          keys.reload();
        }}
      />
      {issued && <IssuedKeyDialog issued={issued} onClose={() => setIssued(null)} />}
      {revoking && (
        <RevokeDialog
          client={client}
          apiKey={revoking}
          own={revoking.id === me.key.id}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setRevoking(null);
            keys.reload();
          }}
        />
      )}
      {rotating && (
        <RotateDialog
          client={client}
          apiKey={rotating}
          onClose={() => setRotating(null)}
          onRotated={(key) => {
            setRotating(null);
            setIssued({ key, why: `rotated from ${rotating.prefix}…` });
            keys.reload();
          }}
        />
      )}
    </section>
  );
}

/** <input type="datetime-local"> speaks local time without a zone; the API speaks ISO 8601 (whole seconds). */
const expiryOf = (local: string) =>
  local ? new Date(local).toISOString().replace(/\.\d{3}Z$/, "Z") : undefined;

function NewKey({
  client,
  tenantId,
  onIssued,
}: {
  client: PixpipeClient;
  tenantId: string;
  onIssued: (key: IssuedApiKey) => void;
}) {
  const [label, setLabel] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["jobs:read", "jobs:write"]);
  const [expires, setExpires] = useState("");
  const action = useAction(["label", "scopes", "expiresAt"]);

  async function submit(event: Event) {
    event.preventDefault();
    const ok = await action.run(async () => {
      const expiresAt = expiryOf(expires);
      onIssued(
        await client.createApiKey(tenantId, {
          label: label.trim(),
          scopes,
          ...(expiresAt ? { expiresAt } : {}),
        }),
      );
    });
    if (ok) {
      setLabel("");
      setExpires("");
    }
  }
  const toggle = (scope: ApiKeyScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  const scopeMessages = action.problems.get("scopes") ?? [];

  return (
    <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="new-key-title">
      <h3 id="new-key-title">New key</h3>
      <FormFailure failure={action.failure} />
      <TextField
        id="key-label"
        label="Label"
        hint="What the key is for, e.g. render server."
        autoComplete="off"
        value={label}
        onValue={setLabel}
        messages={action.problems.get("label")}
      />
      <fieldset class={scopeMessages.length > 0 ? "invalid" : undefined}>
        <legend>Scopes</legend>
        {SCOPES.map(({ scope, label: text }) => (
          <label key={scope} class="check">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(event) => toggle(scope, event.currentTarget.checked)}
            />
            {text}
          </label>
        ))}
        {scopeMessages.length > 0 && <p class="field-error">{scopeMessages.join(" ")}</p>}
      </fieldset>
      <TextField
        id="key-expires"
        label="Expires (optional)"
        hint="Your local time; the key never expires when empty."
        type="datetime-local"
        value={expires}
        onValue={setExpires}
        messages={action.problems.get("expiresAt")}
      />
      <button type="submit" disabled={action.busy}>
        {action.busy ? "Creating…" : "Create key"}
      </button>
    </form>
  );
}

function IssuedKeyDialog({ issued, onClose }: { issued: Issued; onClose: () => void }) {
  const { key } = issued;
  return (
    <Dialog title={`Key ${key.label} ${issued.why}`} onClose={onClose}>
      <p>
        This is the only time the secret is shown: copy it now and keep it somewhere safe. The API stores only
        its hash.
      </p>
      <SecretField id="issued-secret" label="Secret" secret={key.secret} />
      <p class="hint">
        Scopes {key.scopes.join(", ")}
        {key.expiresAt ? `; expires ${formatDateTime(key.expiresAt)}` : ""}.
      </p>
      <p class="actions">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </p>
    </Dialog>
  );
}

function RevokeDialog({
  client,
  apiKey,
  own,
  onClose,
  onRevoked,
}: {
  client: PixpipeClient;
  apiKey: ApiKey;
  own: boolean;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const action = useAction();
  const revoke = async () => {
    if (await action.run(() => client.revokeApiKey(apiKey.tenantId, apiKey.id))) onRevoked();
  };
  return (
    <Dialog title={`Revoke ${apiKey.label}?`} onClose={onClose}>
      <p>
        Requests with <span class="mono">{apiKey.prefix}…</span> are refused from the next one on. This cannot
        be undone.
      </p>
      {own && <p class="notice error">This is the key you are signed in with: you will be signed out.</p>}
      <FormFailure failure={action.failure} />
      <p class="actions">
        <button type="button" class="danger" onClick={revoke} disabled={action.busy}>
          {action.busy ? "Revoking…" : "Revoke key"}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          Keep it
        </button>
      </p>
    </Dialog>
  );
}

const OVERLAPS: readonly [number, string][] = [
  [0, "stops now"],
  [3600, "works one more hour"],
  [86_400, "works one more day"],
  [7 * 86_400, "works one more week"],
];

function RotateDialog({
  client,
  apiKey,
  onClose,
  onRotated,
}: {
  client: PixpipeClient;
  apiKey: ApiKey;
  onClose: () => void;
  onRotated: (key: IssuedApiKey) => void;
}) {
  const [overlapSeconds, setOverlapSeconds] = useState(86_400);
  const action = useAction();
  const rotate = async () => {
    await action.run(async () => {
      const rotated = await client.rotateApiKey(apiKey.tenantId, apiKey.id, { overlapSeconds });
      onRotated(rotated.key);
    });
  };
  return (
    <Dialog title={`Rotate ${apiKey.label}?`} onClose={onClose}>
      <p>A new key with the same label and scopes is issued now.</p>
      <div class="field">
        <label for="rotate-overlap">The old key</label>
        <select
          id="rotate-overlap"
          value={overlapSeconds}
          onChange={(event) => setOverlapSeconds(Number(event.currentTarget.value))}
        >
          {OVERLAPS.map(([seconds, text]) => (
            <option key={seconds} value={seconds}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <FormFailure failure={action.failure} />
      <p class="actions">
        <button type="button" onClick={rotate} disabled={action.busy}>
          {action.busy ? "Rotating…" : "Rotate key"}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          Cancel
        </button>
      </p>
    </Dialog>
  );
}
