import type { OpenApiDocument } from "@pixpipe/client";
import { enumValues, queryParameters, schemaNamed } from "./openapi";

/**
 * The filters GET /v1/jobs takes, read from the document: status today; type and a creation-time
 * range once the API lists `type`, `createdAfter` and `createdBefore` among its query parameters
 * (until then the API refuses unknown parameters with 400, so the dashboard does not send them).
 */
export interface JobFilters {
  statuses: string[];
  /** Empty when the API cannot filter by type. */
  types: string[];
  createdRange: boolean;
}

export function jobFilters(document: OpenApiDocument): JobFilters {
  const parameters = queryParameters(document, "/v1/jobs", "get");
  const type = parameters.get("type");
  return {
    statuses: enumValues(document, parameters.get("status")?.schema),
    types: type ? enumValues(document, type.schema ?? schemaNamed(document, "JobType")) : [],
    createdRange: parameters.has("createdAfter") && parameters.has("createdBefore"),
  };
}

export interface JobFilterValues {
  status?: string;
  type?: string;
  createdAfter?: string;
  createdBefore?: string;
}

/** The filter values in a URL query that the API supports; anything else is dropped. */
export function filterValues(search: string, filters: JobFilters): JobFilterValues {
  const params = new URLSearchParams(search);
  const pick = (name: string, allowed: (value: string) => boolean) => {
    const value = params.get(name);
    return value !== null && allowed(value) ? { [name]: value } : {};
  };
  const isDate = (value: string) => !Number.isNaN(Date.parse(value));
  return {
    ...pick("status", (value) => filters.statuses.includes(value)),
    ...pick("type", (value) => filters.types.includes(value)),
    ...(filters.createdRange ? { ...pick("createdAfter", isDate), ...pick("createdBefore", isDate) } : {}),
  };
}

export function filterSearch(values: JobFilterValues): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  const search = params.toString();
  return search ? `?${search}` : "";
}
