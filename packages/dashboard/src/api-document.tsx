import type { OpenApiDocument, PixpipeClient } from "@pixpipe/client";
import { type ComponentChildren, createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { describeError } from "./format";

const DocumentContext = createContext<OpenApiDocument | null>(null);

/** The API's OpenAPI document: forms and filters are built from it. */
export function useApiDocument(): OpenApiDocument {
  const document = useContext(DocumentContext);
  if (!document) throw new Error("useApiDocument outside ApiDocumentProvider");
  return document;
}

/** Loads the document once per session; its children render once it is there. */
export function ApiDocumentProvider({
  client,
  children,
}: {
  client: PixpipeClient;
  children: ComponentChildren;
}) {
  const [document, setDocument] = useState<OpenApiDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    client.document({ signal: abort.signal }).then(setDocument, (failure: unknown) => {
      if (!abort.signal.aborted) setError(describeError(failure));
    });
    return () => abort.abort();
  }, [client]);
  if (error) {
    return (
      <p role="alert" class="notice error">
        The API's description could not be loaded: {error}
      </p>
    );
  }
  if (!document) return <p class="muted">Loading…</p>;
  return <DocumentContext.Provider value={document}>{children}</DocumentContext.Provider>;
}
