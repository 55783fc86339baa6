import type { JobWebhook, PixpipeClient, WebhookDelivery } from "@pixpipe/client";
import { useEffect, useState } from "preact/hooks";
import { lastAnswer } from "../deliveries-view";
import { describeError, formatDateTime, labelOfStatus } from "../format";
import { followDeliveries } from "../live";

/**
 * A job's webhook deliveries, one row per event with its attempts. Read again at each change of the
 * job the page sees (`version`: the job as its long poll last answered) and when a pending
 * delivery's next attempt is due.
 */
export function WebhookDeliveries({
  client,
  jobId,
  webhook,
  version,
}: {
  client: PixpipeClient;
  jobId: string;
  webhook: JobWebhook;
  version: unknown;
}) {
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // `version` is not read: a new one (a change of the job) starts the reads over.
  useEffect(() => {
    const abort = new AbortController();
    followDeliveries(
      client,
      jobId,
      {
        onChange: (next) => {
          setError(null);
          setDeliveries(next);
        },
        onError: (failure) => setError(describeError(failure)),
      },
      abort.signal,
    );
    return () => abort.abort();
  }, [client, jobId, version]);

  return (
    <>
      <p class="hint">
        POSTed to <span class="mono wrap">{webhook.url}</span>: {webhook.events.join(", ")}.
      </p>
      {error && (
        <p role="alert" class="notice error">
          {error} Retrying…
        </p>
      )}
      {deliveries?.length === 0 && <p class="muted">No event to deliver yet.</p>}
      {deliveries && deliveries.length > 0 && (
        <table class="data deliveries">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">Next attempt</th>
              <th scope="col">Delivered</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <DeliveryRow key={delivery.webhookId} delivery={delivery} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

const Time = ({ iso }: { iso: string | undefined }) =>
  iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : <span class="muted">—</span>;

function DeliveryRow({ delivery }: { delivery: WebhookDelivery }) {
  const { attempts } = delivery;
  return (
    <tr data-event={delivery.event}>
      <th scope="row" data-label="Event" class="mono">
        {delivery.event}
      </th>
      <td data-label="State">
        <span>
          <span class={`status delivery-${delivery.state}`}>{labelOfStatus(delivery.state)}</span>
          {delivery.failureReason && <span class="event-reason">{delivery.failureReason}</span>}
        </span>
      </td>
      <td data-label="Attempts">
        {attempts.length === 0 ? (
          delivery.attemptCount
        ) : (
          <details>
            <summary>{delivery.attemptCount}</summary>
            <ol class="attempts">
              {attempts.map((attempt) => (
                <li key={attempt.at}>
                  <Time iso={attempt.at} /> {lastAnswer(attempt)}, {attempt.latencyMs} ms
                  {attempt.nextAttemptAt && <>, retried</>}
                </li>
              ))}
            </ol>
          </details>
        )}
      </td>
      <td data-label="Last answer" class="wrap">
        {lastAnswer(attempts.at(-1)) ?? <span class="muted">—</span>}
      </td>
      <td data-label="Next attempt">
        <Time iso={delivery.state === "pending" ? delivery.nextAttemptAt : undefined} />
      </td>
      <td data-label="Delivered">
        <Time iso={delivery.deliveredAt} />
      </td>
    </tr>
  );
}
