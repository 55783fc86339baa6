import { API_LINKS, apiHandler } from "./api-handler";
import { loadPipeline } from "./pipeline";

/** Exported for the local runtime's benchmarks, which count the calls it makes. */
export const pipeline = loadPipeline(API_LINKS);

export const handler = apiHandler(pipeline);
