import { type Me, PixpipeClient } from "@pixpipe/client";

/**
 * The API key lives in this tab's sessionStorage only: never in a URL, never in localStorage, gone
 * when the tab closes. The API is this origin (the local runtime serves the dashboard at /ui/ beside
 * it) unless the build was told another (VITE_PIXPIPE_API_URL, set by infra/dashboard.ts).
 */
export const API_URL = (import.meta.env.VITE_PIXPIPE_API_URL || window.location.origin).replace(/\/+$/, "");

const STORAGE_KEY = "pixpipe.session";

export interface Session {
  apiKey: string;
  /**
   * Who the key is (GET /v1/me): its tenant and limits, its scopes, whether it is an admin key. Kept
   * with the key so that a reload shows the pages at once; null until the API has said (a session
   * kept by an older dashboard).
   */
  me: Me | null;
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

const isMe = (value: unknown): value is Me => {
  const me = value as { tenant?: { id?: unknown }; key?: { admin?: unknown; scopes?: unknown } } | null;
  return (
    typeof me?.tenant?.id === "string" && typeof me.key?.admin === "boolean" && Array.isArray(me.key.scopes)
  );
};

function keep(apiKey: string, me: Me): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ apiKey, me }));
}

export function storedSession(onUnauthorized: () => void): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as {
      apiKey?: unknown;
      me?: unknown;
    } | null;
    if (typeof stored?.apiKey !== "string" || stored.apiKey === "") return null;
    return {
      apiKey: stored.apiKey,
      me: isMe(stored.me) ? stored.me : null,
      client: clientFor(stored.apiKey, onUnauthorized),
    };
  } catch {
    return null;
  }
}

/** The session with who its key is now (an admin may have changed its limits or tenant since). */
export async function refreshedSession(session: Session, signal?: AbortSignal): Promise<Session> {
  const me = await session.client.me({ signal });
  keep(session.apiKey, me);
  return { ...session, me };
}

/** Asks the API who the key is (GET /v1/me, which any valid key may read), then keeps it. */
export async function signIn(apiKey: string, onUnauthorized: () => void): Promise<Session> {
  const me = await clientFor(apiKey).me();
  keep(apiKey, me);
  return { apiKey, me, client: clientFor(apiKey, onUnauthorized) };
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Whether the session's key has a scope (admin keys are issued with every scope they need). */
export const hasScope = (me: Me, scope: Me["key"]["scopes"][number]) => me.key.scopes.includes(scope);
