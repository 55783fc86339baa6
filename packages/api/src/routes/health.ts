import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { HealthSchema } from "../contract";

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
      content: { "application/json": { schema: HealthSchema } },
    },
  },
});

export function register(app: ApiApp): void {
  app.openapi(route, (c) => c.json({ ok: true as const }, 200));
}
