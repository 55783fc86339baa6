import type { Context, MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import type { AppEnv } from "./api-app";
import { ApiError, errorBody } from "./errors";
import type { ApiDeps, Caller } from "./ports";

const unauthorized = (message: string) => (c: Context) => c.json(errorBody("unauthorized", message), 401);

/**
 * `Authorization: Bearer <key>` on every /v1 route. A missing, malformed or unknown key is 401
 * (a malformed header too, rather than RFC 6750's 400: the client's fix is the same).
 */
export function authenticate(deps: Pick<ApiDeps, "authenticate">): MiddlewareHandler<AppEnv> {
  return bearerAuth<AppEnv>({
    realm: "pixpipe",
    verifyToken: async (token, c) => {
      const caller = await deps.authenticate(token);
      if (!caller) return false;
      c.set("caller", caller);
      return true;
    },
    noAuthenticationHeader: {
      message: unauthorized("An API key is required: send Authorization: Bearer <key>."),
    },
    invalidAuthenticationHeader: {
      message: unauthorized("The Authorization header must be Bearer <key>."),
    },
    invalidToken: { message: unauthorized("The API key is invalid.") },
  });
}

/**
 * Admin-only operations answer 403, not 404: the route is public knowledge (it is in the OpenAPI
 * document), so hiding it protects nothing, while 403 tells the caller the key lacks the privilege.
 * (404 is reserved for resources of another tenant, whose existence must not leak.)
 */
export function requireAdmin(caller: Caller): void {
  if (!caller.admin) throw new ApiError(403, "forbidden", "This operation needs an admin API key.");
}
