import { z } from "@hono/zod-openapi";

export const ProblemSchema = z
  .object({
    path: z
      .string()
      .openapi({ description: "Dotted path of the offending field.", example: "input.duration" }),
    message: z.string().openapi({ example: "Invalid option: expected one of 5|8" }),
    location: z
      .enum(["body", "query", "path", "header"])
      .optional()
      .openapi({ description: "Which part of the request the path refers to." }),
  })
  .openapi("Problem");

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ description: "Stable snake_case code.", example: "invalid_request" }),
      message: z.string().openapi({ description: "Human-readable sentence." }),
      details: z
        .array(ProblemSchema)
        .optional()
        .openapi({ description: "Every problem found, for validation errors." }),
    }),
  })
  .openapi("Error");

export type Problem = z.infer<typeof ProblemSchema>;
export type ErrorBody = z.infer<typeof ErrorSchema>;

const ERROR_DESCRIPTIONS = {
  400: "The request is invalid (details lists every problem).",
  401: "Missing or invalid API key.",
  403: "forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled.",
  404: "No such resource for this API key.",
  409: "The request conflicts with the resource's state.",
  413: 'payload_too_large: the body is over 1 MiB. (API Gateway answers bodies over its own limits, 6 MB for the function, with its own `{"message"}` body; docs/deploy.md.)',
  415: "The request body is not JSON.",
  429: "quota_exceeded: the tenant's credit budget per day or month (UTC) is spent; the message and details give the budget and the reset time, Retry-After the seconds until it.",
  500: "An unexpected error; the message carries a request id to quote.",
} as const;

type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

type ErrorResponse = { description: string; content: { "application/json": { schema: typeof ErrorSchema } } };

/** OpenAPI `responses` entries for the error statuses a route can answer, all with the one error shape. */
export function errorResponses<const S extends ErrorStatus>(...statuses: S[]): Record<S, ErrorResponse> {
  const responses = {} as Record<S, ErrorResponse>;
  for (const status of statuses) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status],
      content: { "application/json": { schema: ErrorSchema } },
    };
  }
  return responses;
}
