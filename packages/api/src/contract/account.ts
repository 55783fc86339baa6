import { z } from "@hono/zod-openapi";

export const BalanceSchema = z
  .object({
    accountId: z
      .string()
      .openapi({ description: "PixVerse account id (a string: ids exceed 2^53).", example: "123452341" }),
    creditMonthly: z
      .number()
      .openapi({ description: "Monthly subscription credits left.", example: 1069020 }),
    creditPackage: z.number().openapi({ description: "Purchased credits left.", example: 3630 }),
  })
  .openapi("Balance");

export type Balance = z.infer<typeof BalanceSchema>;
