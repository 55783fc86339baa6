import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { errorResponses, MeSchema } from "../contract";
import type { ApiDeps } from "../ports";

// Any valid key, whatever its scopes: a client learns here what it may do instead of probing for 403s.
export const route = createRoute({
  operationId: "getMe",
  method: "get",
  path: "/v1/me",
  tags: ["account"],
  summary: "The API key's tenant, scopes and limits",
  responses: {
    200: { description: "Who the key is.", content: { "application/json": { schema: MeSchema } } },
    ...errorResponses(401, 403),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const { caller } = c.var;
    // A key's own tenant, read through the admin port: the route, not the port, decides who may read it.
    const tenant = await deps.tenantAdmin.getTenant(caller, caller.tenantId);
    // Authentication read the tenant (a disabled one is refused), so it exists: anything else is a bug.
    if (!tenant) throw new Error(`the tenant ${caller.tenantId} of an accepted key does not exist`);
    return c.json(
      {
        tenant: { id: tenant.id, name: tenant.name, limits: tenant.limits },
        key: { id: caller.keyId, admin: caller.admin, scopes: [...caller.scopes] },
      },
      200,
    );
  });
}
