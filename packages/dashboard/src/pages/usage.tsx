import type { Me, PixpipeClient, Tenant, UsageReport } from "@pixpipe/client";
import { useMemo } from "preact/hooks";
import { useLocation, useSearch } from "wouter-preact";
import { formatNumber, labelOfType } from "../format";
import { creditBars, usageQuery, usageSearch, usageSelection } from "../usage-view";
import { useLoaded } from "../use-loaded";

/** Every tenant, for an admin to pick from (a few pages at most). */
async function allTenants(client: PixpipeClient, signal: AbortSignal): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  for await (const tenant of client.tenants({}, { signal })) tenants.push(tenant);
  return tenants;
}

/**
 * Usage (GET /v1/usage): credits and jobs per UTC day as a chart, and per job type; admin keys
 * choose a tenant or every tenant together (then also per tenant).
 */
export function UsagePage({ client, me }: { client: PixpipeClient; me: Me }) {
  const search = useSearch();
  const [, navigate] = useLocation();
  const selection = useMemo(() => usageSelection(search), [search]);
  const admin = me.key.admin;
  const everyTenant = admin && !selection.tenantId;
  const byDay = useLoaded(
    (signal) => client.usage(usageQuery(selection, "day"), { signal }),
    [client, search],
  );
  const byType = useLoaded(
    (signal) => client.usage(usageQuery(selection, "type"), { signal }),
    [client, search],
  );
  const byTenant = useLoaded(
    (signal) =>
      everyTenant ? client.usage(usageQuery(selection, "tenant"), { signal }) : Promise.resolve(null),
    [client, search],
  );
  const tenants = useLoaded((signal) => (admin ? allTenants(client, signal) : Promise.resolve([])), [client]);
  const report = byDay.value;
  const select = (change: Partial<typeof selection>) =>
    navigate(`/usage${usageSearch({ ...selection, ...change })}`);
  const error = byDay.error ?? byType.error ?? byTenant.error;

  return (
    <>
      <h1>Usage</h1>
      <form class="filters" aria-label="Period" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="usage-from">From (UTC day)</label>
          <input
            id="usage-from"
            type="date"
            value={report?.from ?? selection.from ?? ""}
            max={report?.to}
            onChange={(event) => select({ from: event.currentTarget.value || undefined })}
          />
        </div>
        <div class="field">
          <label for="usage-to">To (UTC day, included)</label>
          <input
            id="usage-to"
            type="date"
            value={report?.to ?? selection.to ?? ""}
            min={report?.from}
            onChange={(event) => select({ to: event.currentTarget.value || undefined })}
          />
        </div>
        {admin && (
          <div class="field">
            <label for="usage-tenant">Tenant</label>
            <select
              id="usage-tenant"
              value={selection.tenantId ?? ""}
              onChange={(event) => select({ tenantId: event.currentTarget.value || undefined })}
            >
              <option value="">Every tenant</option>
              {selection.tenantId && !tenants.value?.some((t) => t.id === selection.tenantId) && (
                <option value={selection.tenantId}>{selection.tenantId}</option>
              )}
              {tenants.value?.map((tenant) => (
                <option key={tenant.id} value={tenant.id}>
                  {tenant.name} ({tenant.id})
                </option>
              ))}
            </select>
          </div>
        )}
      </form>
      {error && (
        <p role="alert" class="notice error">
          {error}
        </p>
      )}
      {!report && !error && <p class="muted">Loading usage…</p>}
      {report && (
        <>
          <dl class="stats" aria-label="Totals">
            <div>
              <dt>Credits spent</dt>
              <dd>{formatNumber(report.totals.credits)}</dd>
            </div>
            <div>
              <dt>Jobs created</dt>
              <dd>{formatNumber(report.totals.jobs.created)}</dd>
            </div>
            <div>
              <dt>Succeeded</dt>
              <dd>{formatNumber(report.totals.jobs.succeeded)}</dd>
            </div>
            <div>
              <dt>Failed</dt>
              <dd>{formatNumber(report.totals.jobs.failed)}</dd>
            </div>
            <div>
              <dt>Cancelled</dt>
              <dd>{formatNumber(report.totals.jobs.cancelled)}</dd>
            </div>
          </dl>
          <p class="hint">
            {report.tenantId === null ? "Every tenant" : `Tenant ${report.tenantId}`}, {report.from} to{" "}
            {report.to} (UTC). A job counts on the day it was created; credits as PixVerse reported them.
          </p>
          <section class="panel usage-panel" aria-labelledby="per-day-title">
            <h2 id="per-day-title">Credits per day</h2>
            <CreditChart report={report} />
          </section>
        </>
      )}
      {byType.value && (
        <section class="panel usage-panel" aria-labelledby="per-type-title">
          <h2 id="per-type-title">By job type</h2>
          <FiguresTable report={byType.value} keyLabel="Job type" labelOf={labelOfType} />
        </section>
      )}
      {byTenant.value && (
        <section class="panel usage-panel" aria-labelledby="per-tenant-title">
          <h2 id="per-tenant-title">By tenant</h2>
          <FiguresTable
            report={byTenant.value}
            keyLabel="Tenant"
            labelOf={(id) => tenants.value?.find((tenant) => tenant.id === id)?.name ?? id}
          />
        </section>
      )}
    </>
  );
}

/** Bars of credits per day (a chart for the eye; the same figures are in the table below it). */
function CreditChart({ report }: { report: UsageReport }) {
  const bars = creditBars(report);
  const most = Math.max(0, ...bars.map((bar) => bar.credits));
  const width = 10;
  return (
    <>
      <figure class="chart">
        <div class="chart-plot">
          <span class="chart-max" aria-hidden="true">
            {formatNumber(most)}
          </span>
          <svg
            viewBox={`0 0 ${bars.length * width} 100`}
            preserveAspectRatio="none"
            role="img"
            aria-labelledby="chart-caption"
          >
            <title>Credits per day</title>
            {bars.map((bar, index) => (
              <rect
                key={bar.day}
                class={bar.credits > 0 ? "bar" : "bar bar-empty"}
                x={index * width + 1}
                width={width - 2}
                y={100 - Math.max(bar.share * 100, 1)}
                height={Math.max(bar.share * 100, 1)}
              >
                <title>
                  {bar.day}: {formatNumber(bar.credits)} credits, {bar.jobs} jobs
                </title>
              </rect>
            ))}
          </svg>
        </div>
        <div class="chart-axis" aria-hidden="true">
          <span>{report.from}</span>
          <span>{report.to}</span>
        </div>
        <figcaption id="chart-caption">
          {formatNumber(report.totals.credits)} credits over {bars.length} days, at most {formatNumber(most)}{" "}
          in a day.
        </figcaption>
      </figure>
      <details class="more">
        <summary>Each day</summary>
        <FiguresTable report={report} keyLabel="Day" labelOf={(day) => day} />
      </details>
    </>
  );
}

function FiguresTable({
  report,
  keyLabel,
  labelOf,
}: {
  report: UsageReport;
  keyLabel: string;
  labelOf: (key: string) => string;
}) {
  if (report.groups.length === 0) return <p class="muted">No jobs in this period.</p>;
  return (
    <table class="data">
      <thead>
        <tr>
          <th scope="col">{keyLabel}</th>
          <th scope="col" class="number">
            Credits
          </th>
          <th scope="col" class="number">
            Created
          </th>
          <th scope="col" class="number">
            Succeeded
          </th>
          <th scope="col" class="number">
            Failed
          </th>
          <th scope="col" class="number">
            Cancelled
          </th>
        </tr>
      </thead>
      <tbody>
        {report.groups.map((group) => (
          <tr key={group.key} data-key={group.key}>
            <th scope="row" data-label={keyLabel}>
              {labelOf(group.key)}
            </th>
            <td data-label="Credits" class="number">
              {formatNumber(group.credits)}
            </td>
            <td data-label="Created" class="number">
              {formatNumber(group.jobs.created)}
            </td>
            <td data-label="Succeeded" class="number">
              {formatNumber(group.jobs.succeeded)}
            </td>
            <td data-label="Failed" class="number">
              {formatNumber(group.jobs.failed)}
            </td>
            <td data-label="Cancelled" class="number">
              {formatNumber(group.jobs.cancelled)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
