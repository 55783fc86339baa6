import { type ApiDeps, createApp } from "@pixpipe/api";
import type { OpenApiDocument } from "@pixpipe/client";

/** The API's OpenAPI document as GET /openapi.json serves it, built in-process (no dependencies used). */
export async function apiDocument(): Promise<OpenApiDocument> {
  const refuse = () => {
    throw new Error("the OpenAPI document is built without dependencies");
  };
  const quiet = { info() {}, warn() {}, error() {} };
  const deps = new Proxy({}, { get: (_, name) => (name === "logger" ? quiet : refuse) }) as ApiDeps;
  const response = await createApp(deps).request("/openapi.json");
  return (await response.json()) as OpenApiDocument;
}
