import { fileURLToPath } from "node:url";
import { type ApiDeps, createApp } from "@pixpipe/api";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";

/** The checked-in types; `pnpm --filter @pixpipe/client generate` rewrites it. */
export const API_TYPES_FILE = fileURLToPath(new URL("../src/generated/api.ts", import.meta.url));

const HEADER = `// Generated from the pixpipe OpenAPI document by packages/client/scripts/generate.ts. Do not edit:
// run \`npx -y pnpm@10 --filter @pixpipe/client generate\` after changing the API.

`;

/**
 * The API's OpenAPI document, built in-process as GET /openapi.json serves it. Serving the document
 * reads only the routes' schemas, so the app gets dependencies that refuse every call.
 */
export async function openApiDocument(): Promise<OpenAPI3> {
  const refuse = () => {
    throw new Error("the OpenAPI document is built without dependencies");
  };
  const deps = new Proxy({}, { get: () => refuse }) as ApiDeps;
  const response = await createApp(deps).request("/openapi.json");
  if (!response.ok) throw new Error(`GET /openapi.json answered ${response.status}`);
  return (await response.json()) as OpenAPI3;
}

/** The TypeScript the current document generates, exactly as the checked-in file must read. */
export async function renderApiTypes(): Promise<string> {
  const nodes = await openapiTS(await openApiDocument(), { silent: true });
  return HEADER + astToString(nodes);
}
