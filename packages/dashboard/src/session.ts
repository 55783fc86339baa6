import { PixpipeApiError, PixpipeClient } from "@pixpipe/client";

/**
 * The API key lives in this tab's sessionStorage only: never in a URL, never in localStorage, gone
 * when the tab closes. The API is this origin (the local runtime serves the dashboard at /ui/ beside
 * it) unless the build was told another (VITE_PIXPIPE_API_URL, set by infra/dashboard.ts).
 */
export const API_URL = (import.meta.env.VITE_PIXPIPE_API_URL || window.location.origin).replace(/\/+$/, "");

const STORAGE_KEY = "pixpipe.session";

export interface Session {
  apiKey: string;
  /** Admin keys may read the PixVerse balance (the API answers 403 to the others). */
  admin: boolean;
  client: PixpipeClient;
}

/**
 * A client for the key; `onUnauthorized` runs when the API answers 401 (the key was revoked since
 * sign-in), so that the dashboard signs out instead of failing page after page.
 */
function clientFor(apiKey: string, onUnauthorized?: () => void): PixpipeClient {
  const watched: typeof fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    if (response.status === 401) onUnauthorized?.();
    return response;
  };
  return new PixpipeClient({ baseUrl: API_URL, apiKey, ...(onUnauthorized ? { fetch: watched } : {}) });
}

export function storedSession(onUnauthorized: () => void): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as {
      apiKey?: unknown;
      admin?: unknown;
    } | null;
    if (typeof stored?.apiKey !== "string" || stored.apiKey === "") return null;
    return {
      apiKey: stored.apiKey,
      admin: stored.admin === true,
      client: clientFor(stored.apiKey, onUnauthorized),
    };
  } catch {
    return null;
  }
}

/** Checks the key against the API (one page of jobs) and whether it is an admin key, then keeps it. */
export async function signIn(apiKey: string, onUnauthorized: () => void): Promise<Session> {
  const client = clientFor(apiKey);
  await client.listJobs({ limit: 1 });
  let admin = true;
  try {
    await client.balance();
  } catch (error) {
    if (!(error instanceof PixpipeApiError && error.status === 403)) throw error;
    admin = false;
  }
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ apiKey, admin }));
  return { apiKey, admin, client: clientFor(apiKey, onUnauthorized) };
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
