import { z } from "@hono/zod-openapi";
import { ApiKeyScopeSchema, TenantLimitsSchema, TenantSchema } from "./admin";

export const MeSchema = z
  .object({
    tenant: z
      .object({
        id: TenantSchema.shape.id,
        name: TenantSchema.shape.name,
        limits: TenantLimitsSchema,
      })
      .openapi({ description: "The tenant the key belongs to, with its limits (an absent one is none)." }),
    key: z
      .object({
        id: z.string().openapi({ example: "key_01J9Z3Q4N8X0C2M7V5B6K1D3EF" }),
        admin: z.boolean().openapi({ description: "Whether the key has the admin scope." }),
        scopes: z.array(ApiKeyScopeSchema).min(1),
      })
      .openapi({ description: "The key the request was made with." }),
  })
  .openapi("Me", {
    description: "Who the API key is: its tenant and what the key may do.",
    example: {
      tenant: { id: "acme", name: "Acme Corp", limits: { maxInFlight: 3, creditsPerDay: 2000 } },
      key: { id: "key_01J9Z3Q4N8X0C2M7V5B6K1D3EF", admin: false, scopes: ["jobs:write", "jobs:read"] },
    },
  });

export type Me = z.infer<typeof MeSchema>;
