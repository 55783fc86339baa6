import type { PixpipeClient, Tenant } from "@pixpipe/client";
import { useState } from "preact/hooks";
import { Link, useLocation } from "wouter-preact";
import { LimitFields } from "../components/limit-fields";
import { FormFailure, TextField } from "../components/text-field";
import { formatDateTime, formatNumber, formatShortDateTime } from "../format";
import { describeLimits, limitInputs, newLimits } from "../tenant-limits";
import { useAction } from "../use-action";
import { useLoaded } from "../use-loaded";

/** The admin view: the PixVerse account's credits, the tenants, a new tenant (admin keys only). */
export function AdminPage({ client }: { client: PixpipeClient }) {
  return (
    <>
      <h1>Admin</h1>
      <Balance client={client} />
      <Tenants client={client} />
    </>
  );
}

function Balance({ client }: { client: PixpipeClient }) {
  const balance = useLoaded(
    async (signal) => ({ value: await client.balance({ signal }), at: new Date().toISOString() }),
    [client],
  );
  return (
    <section class="panel" aria-labelledby="balance-title">
      <div class="page-head">
        <h2 id="balance-title">PixVerse balance</h2>
        <button type="button" class="secondary" onClick={balance.reload} disabled={balance.loading}>
          {balance.loading ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      <FormFailure failure={balance.error} />
      {balance.value && (
        <>
          <dl class="stats">
            <div>
              <dt>Credits left</dt>
              <dd>{formatNumber(balance.value.value.creditMonthly + balance.value.value.creditPackage)}</dd>
            </div>
            <div>
              <dt>Monthly subscription</dt>
              <dd>{formatNumber(balance.value.value.creditMonthly)}</dd>
            </div>
            <div>
              <dt>Purchased packages</dt>
              <dd>{formatNumber(balance.value.value.creditPackage)}</dd>
            </div>
          </dl>
          <p class="hint">
            Account <span class="mono">{balance.value.value.accountId}</span>, read{" "}
            {formatDateTime(balance.value.at)}.
          </p>
        </>
      )}
    </section>
  );
}

const PAGE_SIZE = 50;

function Tenants({ client }: { client: PixpipeClient }) {
  const first = useLoaded((signal) => client.listTenants({ limit: PAGE_SIZE }, { signal }), [client]);
  // Pages after the first, as "More tenants" loads them.
  const [later, setLater] = useState<{ tenants: Tenant[]; nextCursor: string | null } | null>(null);
  const more = useAction();
  const nextCursor = later ? later.nextCursor : first.value?.nextCursor;
  const tenants = [...(first.value?.tenants ?? []), ...(later?.tenants ?? [])];

  const loadMore = () =>
    more.run(async () => {
      if (!nextCursor) return;
      const page = await client.listTenants({ limit: PAGE_SIZE, cursor: nextCursor });
      setLater({ tenants: [...(later?.tenants ?? []), ...page.tenants], nextCursor: page.nextCursor });
    });

  return (
    <section class="panel" aria-labelledby="tenants-title">
      <h2 id="tenants-title">Tenants</h2>
      <FormFailure failure={first.error ?? more.failure} />
      {!first.value && !first.error && <p class="muted">Loading tenants…</p>}
      {tenants.length > 0 && (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Tenant</th>
              <th scope="col">Id</th>
              <th scope="col">Status</th>
              <th scope="col">Limits</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {tenants.map((tenant) => (
              <tr key={tenant.id} data-tenant-id={tenant.id}>
                <th scope="row" data-label="Tenant">
                  <Link href={`/admin/tenants/${encodeURIComponent(tenant.id)}`}>{tenant.name}</Link>
                </th>
                <td data-label="Id" class="mono">
                  {tenant.id}
                </td>
                <td data-label="Status">
                  <span class={`status status-tenant-${tenant.status}`}>{tenant.status}</span>
                </td>
                <td data-label="Limits">{describeLimits(tenant.limits, formatNumber)}</td>
                <td data-label="Created">{formatShortDateTime(tenant.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <button type="button" class="secondary" onClick={loadMore} disabled={more.busy}>
          {more.busy ? "Loading…" : "More tenants"}
        </button>
      )}
      <NewTenant client={client} />
    </section>
  );
}

function NewTenant({ client }: { client: PixpipeClient }) {
  const [, navigate] = useLocation();
  const [name, setName] = useState("");
  const [id, setId] = useState("");
  const [limits, setLimits] = useState(limitInputs());
  const action = useAction([
    "name",
    "id",
    "limits.maxInFlight",
    "limits.creditsPerDay",
    "limits.creditsPerMonth",
  ]);

  async function submit(event: Event) {
    event.preventDefault();
    await action.run(async () => {
      const tenant = await client.createTenant({
        name: name.trim(),
        ...(id.trim() ? { id: id.trim() } : {}),
        limits: newLimits(limits),
      });
      navigate(`/admin/tenants/${encodeURIComponent(tenant.id)}`);
    });
  }

  return (
    <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="new-tenant-title">
      <h3 id="new-tenant-title">New tenant</h3>
      <FormFailure failure={action.failure} />
      <TextField
        id="tenant-name"
        label="Name"
        autoComplete="off"
        value={name}
        onValue={setName}
        messages={action.problems.get("name")}
      />
      <TextField
        id="tenant-id"
        label="Id (optional)"
        hint="Up to 64 letters, digits, _ or -, e.g. acme; ten_<ULID> when left empty. It cannot change later."
        autoComplete="off"
        spellcheck={false}
        value={id}
        onValue={setId}
        messages={action.problems.get("id")}
      />
      <LimitFields idPrefix="tenant" inputs={limits} onInputs={setLimits} problems={action.problems} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? "Creating…" : "Create tenant"}
      </button>
    </form>
  );
}
