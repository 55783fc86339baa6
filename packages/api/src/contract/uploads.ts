import { z } from "@hono/zod-openapi";
import { MEDIA_LIMIT_BYTES, UPLOAD_CONTENT_TYPES, type UploadContentType } from "@pixpipe/core/limits";

const CONTENT_TYPES = Object.keys(UPLOAD_CONTENT_TYPES) as [UploadContentType, ...UploadContentType[]];

const limits = Object.entries(MEDIA_LIMIT_BYTES)
  .map(([kind, bytes]) => `${kind}s up to ${bytes} bytes`)
  .join(", ");

export const UploadRequestSchema = z
  .object({
    contentType: z.enum(CONTENT_TYPES).openapi({
      description: "The file's media type; PUT it with this Content-Type.",
      example: "image/png",
    }),
    filename: z
      .string()
      .min(1)
      .max(255)
      // \x00-\x1F and \x7F-\x9F are Unicode's control characters (\p{Cc}), spelled without the u flag: the
      // document carries the pattern's source alone, which must read the same to every ECMA-262 validator.
      .regex(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
        /^[^/\\\x00-\x1F\x7F-\x9F]+$/,
        "must be a plain file name (no path separators or control characters)",
      )
      .openapi({
        description: "The file's name (no path), kept at the end of the upload's key.",
        example: "cat.png",
      }),
    size: z
      .number()
      .int()
      .positive()
      .openapi({ description: `Exact size in bytes (${limits}).`, example: 482133 }),
  })
  .strict()
  .superRefine(
    (request, ctx) => {
      const kind = UPLOAD_CONTENT_TYPES[request.contentType];
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

export type UploadRequest = z.infer<typeof UploadRequestSchema>;
export type UploadGrant = z.infer<typeof UploadGrantSchema>;
