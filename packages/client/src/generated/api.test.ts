import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { API_TYPES_FILE, renderApiTypes } from "../../scripts/api-types";

describe("generated API types", () => {
  it("are what the API's current OpenAPI document generates (run the client's `generate` script when not)", async () => {
    const checkedIn = await readFile(API_TYPES_FILE, "utf8");
    expect(checkedIn === (await renderApiTypes()), "src/generated/api.ts is stale").toBe(true);
  });
});
