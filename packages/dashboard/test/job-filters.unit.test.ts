import type { OpenApiDocument } from "@pixpipe/client";
import { beforeAll, describe, expect, it } from "vitest";
import { filterSearch, filterValues, jobFilters } from "../src/schema/job-filters";
import { apiDocument } from "./document";

let document: OpenApiDocument;
beforeAll(async () => {
  document = await apiDocument();
});

/** The document of an older API whose GET /v1/jobs took only status, limit and cursor. */
function withoutTypeAndTimeFilters(base: OpenApiDocument): OpenApiDocument {
  const listJobs = base.paths["/v1/jobs"]?.get as { parameters: { name: string }[] };
  const parameters = listJobs.parameters.filter(
    (parameter) => !["type", "createdAfter", "createdBefore"].includes(parameter.name),
  );
  return {
    ...base,
    paths: { ...base.paths, "/v1/jobs": { ...base.paths["/v1/jobs"], get: { ...listJobs, parameters } } },
  };
}

describe("job list filters", () => {
  it("offers status, type and creation time as the API's document lists them", () => {
    const filters = jobFilters(document);
    expect(filters.statuses).toEqual([
      "queued",
      "generating",
      "archiving",
      "succeeded",
      "failed",
      "cancelled",
    ]);
    expect(filters.types).toHaveLength(15);
    expect(filters.createdRange).toBe(true);
    expect(
      filterValues(
        "status=nope&type=effect&createdAfter=2026-01-01T00:00:00.000Z&createdBefore=soon",
        filters,
      ),
    ).toEqual({ type: "effect", createdAfter: "2026-01-01T00:00:00.000Z" });
  });

  it("offers only the status filter against an older API, which would refuse the others with 400", () => {
    const filters = jobFilters(withoutTypeAndTimeFilters(document));
    expect(filters.types).toEqual([]);
    expect(filters.createdRange).toBe(false);
    expect(filterValues("?status=failed&type=effect&createdAfter=2026-01-01T00:00:00Z", filters)).toEqual({
      status: "failed",
    });
  });

  it("writes the values back as a query", () => {
    expect(filterSearch({ status: "failed", type: undefined })).toBe("?status=failed");
    expect(filterSearch({})).toBe("");
  });
});
