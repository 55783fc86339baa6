// Rewrites src/generated/api.ts from the OpenAPI document the API builds in-process (no server needed).
import { writeFile } from "node:fs/promises";
import { API_TYPES_FILE, renderApiTypes } from "./api-types";

await writeFile(API_TYPES_FILE, await renderApiTypes());
console.log(`wrote ${API_TYPES_FILE}`);
