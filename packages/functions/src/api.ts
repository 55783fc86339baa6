import { API_LINKS, apiHandler } from "./api-handler";
import { loadPipeline } from "./pipeline";

export const handler = apiHandler(loadPipeline(API_LINKS));
