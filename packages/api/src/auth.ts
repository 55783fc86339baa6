import type { Context, MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import type { AppEnv } from "./api-app";
import { ApiError, errorBody } from "./errors";
import type { ApiCaller, ApiDeps, ApiKeyScope, KeyRefusal } from "./ports";

const unauthorized = (message: string) => (c: Context) => c.json(errorBody("unauthorized", message), 401);

const REFUSED_KEY_MESSAGES: Record<Exclude<KeyRefusal, "tenant_disabled">, string> = {
  invalid: "The API key is invalid.",
  expired: "The API key has expired; use the key that replaced it.",
};

/**
 * `Authorization: Bearer <key>` on every /v1 route, read fresh from the table on each request. A
 * missing, malformed, unknown, revoked or expired key is 401 (a malformed header too, rather than RFC
 * 6750's 400: the client's fix is the same); a key of a disabled tenant is 403 tenant_disabled.
 */
export function authenticate(deps: Pick<ApiDeps, "authenticate">): MiddlewareHandler<AppEnv> {
  return bearerAuth<AppEnv>({
    realm: "pixpipe",
    verifyToken: async (token, c) => {
      const check = await deps.authenticate(token);
      if (check.ok) {
        const { id, tenantId, scopes } = check.key;
        const caller = { tenantId, admin: scopes.includes("admin"), keyId: id, scopes };
        c.set("caller", check.limits ? { ...caller, limits: check.limits } : caller);
        return true;
      }
      if (check.reason === "tenant_disabled") {
        throw new ApiError(
          403,
          "tenant_disabled",
          "This API key's tenant is disabled; an admin can enable it again. Its jobs already accepted still run.",
        );
      }
      c.set("keyRefusal", check.reason);
      return false;
    },
    noAuthenticationHeader: {
      message: unauthorized("An API key is required: send Authorization: Bearer <key>."),
    },
    invalidAuthenticationHeader: {
      message: unauthorized("The Authorization header must be Bearer <key>."),
    },
    invalidToken: {
      message: (c: Context<AppEnv>) =>
        unauthorized(REFUSED_KEY_MESSAGES[c.var.keyRefusal === "expired" ? "expired" : "invalid"])(c),
    },
  });
}

/**
 * A missing scope answers 403, not 404: the route is public knowledge (it is in the OpenAPI document),
 * so hiding it protects nothing, while 403 tells the caller which scope its key lacks. (404 is reserved
 * for resources of another tenant, whose existence must not leak.)
 */
export function requireScope(caller: ApiCaller, scope: ApiKeyScope): void {
  if (caller.scopes.includes(scope)) return;
  throw new ApiError(
    403,
    "forbidden",
    `This operation needs an API key with the ${scope} scope; this key has ${caller.scopes.join(", ")}.`,
  );
}

/**
 * What a route spreads into its createRoute to need a scope: checked before the request is validated,
 * and named in the OpenAPI document (an http scheme's security requirement lists roles).
 */
export function scoped(scope: ApiKeyScope) {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    requireScope(c.var.caller, scope);
    await next();
  };
  return { middleware: [middleware], security: [{ bearerAuth: [scope] }] };
}
