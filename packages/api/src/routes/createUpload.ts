import { createRoute, z } from "@hono/zod-openapi";
import type { MediaKind } from "@pixpipe/core/job/input";
import { MEDIA_LIMIT_BYTES } from "@pixpipe/core/pipeline";
import type { ApiApp } from "../api-app";
import type { ApiDeps } from "../ports";
import { errorResponses } from "../schemas";

/** The file types PixVerse takes, by the kind of media each is; the size limits are core's. */
const CONTENT_TYPE_KINDS = {
  "image/jpeg": "image",
  "image/png": "image",
  "image/webp": "image",
  "video/mp4": "video",
  "video/quicktime": "video",
  "video/webm": "video",
  "audio/mpeg": "audio",
  "audio/wav": "audio",
  "audio/x-wav": "audio",
  "audio/mp4": "audio",
  "audio/x-m4a": "audio",
  "audio/aac": "audio",
} as const satisfies Record<string, MediaKind>;

type UploadContentType = keyof typeof CONTENT_TYPE_KINDS;

const UPLOAD_CONTENT_TYPES = Object.keys(CONTENT_TYPE_KINDS) as [UploadContentType, ...UploadContentType[]];

const limits = Object.entries(MEDIA_LIMIT_BYTES)
  .map(([kind, bytes]) => `${kind}s up to ${bytes} bytes`)
  .join(", ");

export const UploadRequestSchema = z
  .object({
    contentType: z.enum(UPLOAD_CONTENT_TYPES).openapi({ example: "image/png" }),
    filename: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^/\\\p{Cc}]+$/u, "must be a plain file name (no path separators or control characters)")
      .openapi({ example: "cat.png" }),
    size: z
      .number()
      .int()
      .positive()
      .openapi({ description: `Exact size in bytes (${limits}).`, example: 482133 }),
  })
  .superRefine(
    (request, ctx) => {
      const kind = CONTENT_TYPE_KINDS[request.contentType];
      const maxBytes = MEDIA_LIMIT_BYTES[kind];
      if (request.size <= maxBytes) return;
      ctx.addIssue({
        code: "too_big",
        origin: "number",
        maximum: maxBytes,
        inclusive: true,
        input: request.size,
        path: ["size"],
        message: `${kind} uploads may be at most ${maxBytes} bytes`,
      });
    },
    // Also when other fields are wrong (every problem is listed), but only on a valid type and size.
    {
      when: ({ value, issues }) =>
        typeof value === "object" &&
        value !== null &&
        issues.every((issue) => issue.path?.[0] !== "contentType" && issue.path?.[0] !== "size"),
    },
  )
  .openapi("UploadRequest");

export type UploadRequest = z.infer<typeof UploadRequestSchema>;

export const UploadGrantSchema = z
  .object({
    key: z.string().openapi({
      description: 'Use as { "upload": key } in a job input.',
      example: "uploads/tenant_1/01J9Z3Q4N8X0C2M7V5B6K1D3EF/cat.png",
    }),
    uploadUrl: z.url().openapi({
      description: "PUT the file here, with the declared Content-Type and exactly the declared size.",
    }),
    expiresAt: z.iso.datetime().openapi({ example: "2025-01-01T12:15:00.000Z" }),
  })
  .openapi("UploadGrant");

export type UploadGrant = z.infer<typeof UploadGrantSchema>;

export const route = createRoute({
  operationId: "createUpload",
  method: "post",
  path: "/v1/uploads",
  tags: ["media"],
  summary: "Get a presigned URL to upload media for jobs",
  request: { body: { required: true, content: { "application/json": { schema: UploadRequestSchema } } } },
  responses: {
    201: {
      description: "Upload the file with the returned URL before it expires.",
      content: { "application/json": { schema: UploadGrantSchema } },
    },
    ...errorResponses(400, 401, 413, 415),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const grant = await deps.jobs.createUpload(c.var.caller, c.req.valid("json"));
    return c.json(grant, 201);
  });
}
