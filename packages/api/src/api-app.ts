import type { OpenAPIHono } from "@hono/zod-openapi";
import type { RequestIdVariables } from "hono/request-id";
import type { ApiCaller, KeyRefusal } from "./ports";

/**
 * Context variables: `caller` is set by the bearer-auth middleware on every /v1 route; `keyRefusal`
 * says why it refused a key, for its answer.
 */
export type AppEnv = { Variables: RequestIdVariables & { caller: ApiCaller; keyRefusal?: KeyRefusal } };

export type ApiApp = OpenAPIHono<AppEnv>;
