import { openApiDocument } from "@pixpipe/api";
import type { OpenApiDocument } from "@pixpipe/client";

/** The API's OpenAPI document as GET /openapi.json serves it, built in-process. */
export async function apiDocument(): Promise<OpenApiDocument> {
  return openApiDocument<OpenApiDocument>();
}
