import type { OpenApiDocument } from "@pixpipe/client";
import { beforeAll, describe, expect, it } from "vitest";
import { filterSearch, filterValues, jobFilters } from "../src/schema/job-filters";
import { apiDocument } from "./document";

let document: OpenApiDocument;
beforeAll(async () => {
  document = await apiDocument();
});

/** The document with GET /v1/jobs taking type, createdAfter and createdBefore (the lead's addition). */
function withTypeAndTimeFilters(base: OpenApiDocument): OpenApiDocument {
  const listJobs = base.paths["/v1/jobs"]?.get as { parameters: unknown[] };
  const parameters = [
    ...listJobs.parameters,
    { name: "type", in: "query", schema: { $ref: "#/components/schemas/JobType" } },
    { name: "createdAfter", in: "query", schema: { type: "string", format: "date-time" } },
    { name: "createdBefore", in: "query", schema: { type: "string", format: "date-time" } },
  ];
  return {
    ...base,
    paths: { ...base.paths, "/v1/jobs": { ...base.paths["/v1/jobs"], get: { ...listJobs, parameters } } },
  };
}

describe("job list filters", () => {
  it("offers the status filter today and not type or time, which the API would refuse with 400", () => {
    const filters = jobFilters(document);
    expect(filters.statuses).toEqual([
      "queued",
      "generating",
      "archiving",
      "succeeded",
      "failed",
      "cancelled",
    ]);
    expect(filters.types).toEqual([]);
    expect(filters.createdRange).toBe(false);
    expect(filterValues("?status=failed&type=effect&createdAfter=2026-01-01T00:00:00Z", filters)).toEqual({
      status: "failed",
    });
  });

  it("offers type and creation time once the document lists them", () => {
    const filters = jobFilters(withTypeAndTimeFilters(document));
    expect(filters.types).toHaveLength(15);
    expect(filters.createdRange).toBe(true);
    expect(
      filterValues(
        "status=nope&type=effect&createdAfter=2026-01-01T00:00:00.000Z&createdBefore=soon",
        filters,
      ),
    ).toEqual({ type: "effect", createdAfter: "2026-01-01T00:00:00.000Z" });
  });

  it("writes the values back as a query", () => {
    expect(filterSearch({ status: "failed", type: undefined })).toBe("?status=failed");
    expect(filterSearch({})).toBe("");
  });
});
