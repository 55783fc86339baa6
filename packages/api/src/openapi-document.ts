import { createApp } from "./app";
import type { ApiDeps, ApiLogger } from "./ports";

const quiet: ApiLogger = { info() {}, warn() {}, error() {} };

/**
 * The API's OpenAPI document exactly as GET /openapi.json serves it, built in-process for tools (the
 * client's type generator, the dashboard's tests). Serving the document reads only the routes'
 * schemas, so every dependency but a quiet logger refuses to be used. `T` is the caller's own type for
 * an OpenAPI 3.1 document.
 */
export async function openApiDocument<T = Record<string, unknown>>(): Promise<T> {
  const refuse = () => {
    throw new Error("the OpenAPI document is built without dependencies");
  };
  const deps = new Proxy({}, { get: (_, name) => (name === "logger" ? quiet : refuse) }) as ApiDeps;
  const response = await createApp(deps).request("/openapi.json");
  if (!response.ok) throw new Error(`GET /openapi.json answered ${response.status}`);
  return (await response.json()) as T;
}
