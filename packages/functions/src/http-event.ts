/**
 * hono's Lambda adapter drops a header whose value is empty (it copies `if (value)`), so an empty
 * `Idempotency-Key:` would reach the API as no key and be silently ignored. A single space passes that
 * check and the Fetch Headers trim it back to "", so the API sees the header as the client sent it.
 */
export function keepEmptyHeaders<E extends { headers?: Record<string, unknown> }>(event: E): E {
  const headers = event.headers ?? {};
  if (!Object.values(headers).includes("")) return event;
  const kept = Object.entries(headers).map(([name, value]) => [name, value === "" ? " " : value]);
  return { ...event, headers: Object.fromEntries(kept) };
}
