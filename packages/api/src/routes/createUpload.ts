import { createRoute, z } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import type { ApiDeps } from "../ports";
import { errorResponses } from "../schemas";

const MB = 1_000_000;

/** What PixVerse accepts, and how big it may be (decimal MB, to stay under PixVerse's own limits). */
const MEDIA_KINDS = {
  image: { maxBytes: 20 * MB, contentTypes: ["image/jpeg", "image/png", "image/webp"] },
  video: { maxBytes: 100 * MB, contentTypes: ["video/mp4", "video/quicktime", "video/webm"] },
  audio: {
    maxBytes: 100 * MB,
    contentTypes: ["audio/mpeg", "audio/wav", "audio/x-wav", "audio/mp4", "audio/x-m4a", "audio/aac"],
  },
} as const;

type MediaKind = keyof typeof MEDIA_KINDS;
type UploadContentType = (typeof MEDIA_KINDS)[MediaKind]["contentTypes"][number];

const UPLOAD_CONTENT_TYPES = Object.values(MEDIA_KINDS).flatMap((kind) => kind.contentTypes) as [
  UploadContentType,
  ...UploadContentType[],
];

function mediaKindOf(contentType: string): MediaKind | undefined {
  const kinds = Object.keys(MEDIA_KINDS) as MediaKind[];
  return kinds.find((kind) => (MEDIA_KINDS[kind].contentTypes as readonly string[]).includes(contentType));
}

export const UploadRequestSchema = z
  .object({
    contentType: z.enum(UPLOAD_CONTENT_TYPES).openapi({ example: "image/png" }),
    filename: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^/\\\p{Cc}]+$/u, "must be a plain file name (no path separators or control characters)")
      .openapi({ example: "cat.png" }),
    size: z.number().int().positive().openapi({
      description: "Exact size in bytes (images up to 20 MB, video and audio up to 100 MB).",
      example: 482133,
    }),
  })
  .superRefine((request, ctx) => {
    const kind = mediaKindOf(request.contentType);
    if (!kind) return;
    const { maxBytes } = MEDIA_KINDS[kind];
    if (request.size > maxBytes) {
      ctx.addIssue({
        code: "too_big",
        origin: "number",
        maximum: maxBytes,
        inclusive: true,
        input: request.size,
        path: ["size"],
        message: `${kind} uploads may be at most ${maxBytes} bytes`,
      });
    }
  })
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
