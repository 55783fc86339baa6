import { API_LINKS, apiHandler } from "./handlers";
import { loadPipeline } from "./pipeline";

export const handler = apiHandler(loadPipeline(API_LINKS));
