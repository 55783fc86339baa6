const IMAGE_EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/jpg": "jpg",
};
const SAFE_SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Where a job's output lives in the media bucket (ARCHITECTURE §5): `videos/{tenantId}/{jobId}.mp4`,
 * `.png`/`.jpg` for images. PixVerse delivers videos as MP4, so any non-image type (including a
 * mislabelled application/octet-stream) is stored as `.mp4`; other image types are refused.
 */
export function outputKey(tenantId: string, jobId: string, contentType: string): string {
  for (const [name, value] of [
    ["tenantId", tenantId],
    ["jobId", jobId],
  ] as const) {
    if (!SAFE_SEGMENT.test(value))
      throw new RangeError(`${name} is not a safe key segment: ${JSON.stringify(value)}`);
  }
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  const extension = IMAGE_EXTENSIONS[mediaType];
  if (!extension && mediaType.startsWith("image/")) {
    throw new RangeError(`no output extension for ${mediaType} (PixVerse images are PNG or JPEG)`);
  }
  return `videos/${tenantId}/${jobId}.${extension ?? "mp4"}`;
}
