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

/** Every code the API answers with, and what it means; ApiError takes nothing else. */
export const ERROR_CODES = {
  invalid_request: "400: the request (body, query, path or headers) is invalid; details lists every problem.",
  invalid_json: "400: the request body is not valid JSON.",
  invalid_cursor: "400: the cursor is invalid or expired.",
  invalid_webhook: "400: the callback is not a PixVerse event.",
  unauthorized: "401: the API key is missing, malformed, unknown, revoked or expired.",
  invalid_signature: "401: the callback is not signed by PixVerse.",
  insufficient_credits: "402: the PixVerse account has no credits left for this call.",
  forbidden: "403: the API key lacks the scope the operation needs.",
  tenant_disabled: "403: the API key's tenant is disabled.",
  not_found: "404: no such resource for this API key (or no such route).",
  idempotency_conflict: "409: the Idempotency-Key was already used with another request body.",
  job_not_cancellable: "409: the job has already ended (succeeded, failed or cancelled).",
  no_output: "409: the job has no archived video (yet).",
  tenant_exists: "409: a tenant with this id already exists.",
  conflict: "409: the resource kept changing under the request; send it again.",
  key_expired: "409: the API key has already expired and cannot be rotated.",
  own_tenant: "409: an admin key cannot disable its own tenant.",
  payload_too_large: "413: the request body is too large.",
  unsupported_media_type: "415: the request body is not application/json.",
  media_unavailable: "422: a media reference cannot be fetched.",
  content_rejected: "422: PixVerse moderation refused the content.",
  pixverse_rejected: "422: PixVerse refused the request.",
  quota_exceeded: "429: the tenant's credit budget per day or month is spent; Retry-After says until when.",
  internal_error: "500: an unexpected error; the message carries a request id to quote.",
  pixverse_unavailable: "502: PixVerse could not answer; try again shortly.",
  http_error: "Another HTTP error raised by the framework; the status says which.",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODE_NAMES).openapi("ErrorCode", {
        description: `Stable snake_case code:\n${ERROR_CODE_NAMES.map((code) => `- \`${code}\` (${ERROR_CODES[code]})`).join("\n")}`,
        example: "invalid_request",
      }),
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
  402: "insufficient_credits: the PixVerse account has no credits left for this call.",
  403: "forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled.",
  404: "No such resource for this API key.",
  409: "The request conflicts with the resource's state.",
  413: 'payload_too_large: the body is over 1 MiB. (API Gateway answers bodies over its own limits, 6 MB for the function, with its own `{"message"}` body; docs/deploy.md.)',
  415: "The request body is not JSON.",
  422: "media_unavailable: a media reference cannot be fetched; content_rejected: PixVerse moderation refused the content; pixverse_rejected: PixVerse refused the request (its message says why).",
  429: "quota_exceeded: the tenant's credit budget per day or month (UTC) is spent; the message and details give the budget and the reset time, Retry-After the seconds until it.",
  500: "An unexpected error; the message carries a request id to quote.",
  502: "pixverse_unavailable: PixVerse could not answer; try again shortly.",
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
