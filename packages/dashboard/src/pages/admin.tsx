import type { Balance, PixpipeClient } from "@pixpipe/client";
import { useEffect, useState } from "preact/hooks";
import { describeError, formatDateTime, formatNumber } from "../format";

/** The admin view: the PixVerse account's credits (admin keys only). */
export function AdminPage({ client }: { client: PixpipeClient }) {
  const [balance, setBalance] = useState<{ value: Balance; at: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function load() {
    setLoading(true);
    try {
      setBalance({ value: await client.balance(), at: new Date().toISOString() });
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => {
    void load();
  }, [client]);

  return (
    <>
      <h1>Admin</h1>
      <section class="panel" aria-labelledby="balance-title">
        <div class="page-head">
          <h2 id="balance-title">PixVerse balance</h2>
          <button type="button" class="secondary" onClick={load} disabled={loading}>
            {loading ? "Refreshing…" : "Refresh"}
          </button>
        </div>
        {error && (
          <p role="alert" class="notice error">
            {error}
          </p>
        )}
        {balance && (
          <>
            <dl class="stats">
              <div>
                <dt>Credits left</dt>
                <dd>{formatNumber(balance.value.creditMonthly + balance.value.creditPackage)}</dd>
              </div>
              <div>
                <dt>Monthly subscription</dt>
                <dd>{formatNumber(balance.value.creditMonthly)}</dd>
              </div>
              <div>
                <dt>Purchased packages</dt>
                <dd>{formatNumber(balance.value.creditPackage)}</dd>
              </div>
            </dl>
            <p class="hint">
              Account <span class="mono">{balance.value.accountId}</span>, read {formatDateTime(balance.at)}.
            </p>
          </>
        )}
      </section>
    </>
  );
}
