import { createRoute, z } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";

export const route = createRoute({
  operationId: "health",
  method: "get",
  path: "/healthz",
  tags: ["service"],
  summary: "Liveness",
  security: [],
  responses: {
    200: {
      description: "The API is up.",
      content: { "application/json": { schema: z.object({ ok: z.literal(true) }) } },
    },
  },
});

export function register(app: ApiApp): void {
  app.openapi(route, (c) => c.json({ ok: true as const }, 200));
}
