import type { OpenAPIHono } from "@hono/zod-openapi";
import type { RequestIdVariables } from "hono/request-id";
import type { Caller } from "./ports";

/** Context variables: `caller` is set by the bearer-auth middleware on every /v1 route. */
export type AppEnv = { Variables: RequestIdVariables & { caller: Caller } };

export type ApiApp = OpenAPIHono<AppEnv>;
