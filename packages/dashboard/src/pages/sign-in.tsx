import { PixpipeApiError } from "@pixpipe/client";
import { useState } from "preact/hooks";
import { describeError } from "../format";
import { type Session, signIn } from "../session";

export function SignInPage({
  notice,
  onSignedIn,
  onUnauthorized,
}: {
  /** Why the page is shown again (a key that stopped working), if it is. */
  notice: string | null;
  onSignedIn: (session: Session) => void;
  onUnauthorized: () => void;
}) {
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const key = apiKey.trim();
    if (!key) {
      setError("Enter an API key.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(key, onUnauthorized));
    } catch (failure) {
      setError(
        failure instanceof PixpipeApiError && failure.status === 401
          ? "The API does not know this key (or it was revoked)."
          : describeError(failure),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="sign-in">
      <h1>pixpipe</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="api-key">API key</label>
          <input
            id="api-key"
            name="api-key"
            type="password"
            autoComplete="off"
            spellcheck={false}
            value={apiKey}
            onInput={(event) => setApiKey(event.currentTarget.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "api-key-hint api-key-error" : "api-key-hint"}
            // biome-ignore lint/a11y/noAutofocus: the page's only task; the field is the first thing to use.
            autoFocus
          />
          <p id="api-key-hint" class="hint">
            Kept in this browser tab only (session storage) until you sign out or close the tab. The local
            runtime's dev key is <code>apiKey</code> in <code>.pixpipe/local.json</code>.
          </p>
          {error && (
            <p id="api-key-error" class="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
