// Shared by the benchmarks: a caller of the local runtime's API and the percentile they report.

/** JSON over HTTP to the local API with its dev key; a non-2xx answer throws with its body. */
export function apiCaller(info: { apiUrl: string; apiKey: string }) {
  return async (method: string, urlPath: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${info.apiUrl}${urlPath}`, {
      method,
      headers: {
        authorization: `Bearer ${info.apiKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${urlPath} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

/** The p-th percentile of ascending samples (nearest rank). */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
