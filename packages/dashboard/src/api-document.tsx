import type { OpenApiDocument, PixpipeClient } from "@pixpipe/client";
import { type ComponentChildren, createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { describeError } from "./format";

interface DocumentState {
  document: OpenApiDocument | null;
  error: string | null;
}

const DocumentContext = createContext<DocumentState | null>(null);

/** The API's OpenAPI document: forms and filters are built from it (inside NeedsApiDocument only). */
export function useApiDocument(): OpenApiDocument {
  const document = useContext(DocumentContext)?.document;
  if (!document) throw new Error("useApiDocument outside NeedsApiDocument");
  return document;
}

/**
 * Loads the document once per session, while the pages render: only the pages built from it wait
 * for it (NeedsApiDocument), the others show at once.
 */
export function ApiDocumentProvider({
  client,
  children,
}: {
  client: PixpipeClient;
  children: ComponentChildren;
}) {
  const [state, setState] = useState<DocumentState>({ document: null, error: null });
  useEffect(() => {
    const abort = new AbortController();
    client.document({ signal: abort.signal }).then(
      (document) => setState({ document, error: null }),
      (failure: unknown) => {
        if (!abort.signal.aborted) setState({ document: null, error: describeError(failure) });
      },
    );
    return () => abort.abort();
  }, [client]);
  return <DocumentContext.Provider value={state}>{children}</DocumentContext.Provider>;
}

/** Renders its children once the API's document is there. */
export function NeedsApiDocument({ children }: { children: ComponentChildren }) {
  const state = useContext(DocumentContext);
  if (state?.error) {
    return (
      <p role="alert" class="notice error">
        The API's description could not be loaded: {state.error}
      </p>
    );
  }
  if (!state?.document) return <p class="muted">Loading…</p>;
  return <>{children}</>;
}
