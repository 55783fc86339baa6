import { fileURLToPath } from "node:url";
import { openApiDocument } from "@pixpipe/api";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";

/** The checked-in types; `pnpm --filter @pixpipe/client generate` rewrites it. */
export const API_TYPES_FILE = fileURLToPath(new URL("../src/generated/api.ts", import.meta.url));

const HEADER = `// Generated from the pixpipe OpenAPI document by packages/client/scripts/generate.ts. Do not edit:
// run \`npx -y pnpm@10 --filter @pixpipe/client generate\` after changing the API.

`;

/** The TypeScript the current document generates, exactly as the checked-in file must read. */
export async function renderApiTypes(): Promise<string> {
  const nodes = await openapiTS(await openApiDocument<OpenAPI3>(), { silent: true });
  return HEADER + astToString(nodes);
}
