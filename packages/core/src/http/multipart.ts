export interface EncodedForm {
  contentType: string;
  /** The encoding as it was produced, not joined: a large file is then held once more, not twice. */
  chunks: Uint8Array[];
}

/**
 * A form as multipart/form-data, by Node's own encoder (a Response body), read out in full so the request
 * can carry a Content-Length.
 */
export async function encodeMultipart(form: FormData): Promise<EncodedForm> {
  const encoded = new Response(form);
  const contentType = encoded.headers.get("content-type");
  if (!encoded.body || !contentType) throw new Error("the form did not encode");
  const chunks: Uint8Array[] = [];
  const reader = encoded.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return { contentType, chunks };
}
