import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "pxp_";
/** Longer presented keys are not looked up at all. */
export const MAX_API_KEY_LENGTH = 256;

/**
 * Keys are looked up by their SHA-256, so no comparison against a stored secret happens in pixpipe
 * and no constant-time compare is needed: timing can at most tell an attacker something about the
 * hash of a guess, and a SHA-256 (of 256 random bits) cannot be turned back into a key.
 */
export function hashApiKey(plaintextKey: string): string {
  return createHash("sha256").update(plaintextKey, "utf8").digest("hex");
}

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** Whether a presented key is worth looking up at all. */
export function isPlausibleApiKey(plaintextKey: string): boolean {
  return plaintextKey.length > 0 && plaintextKey.length <= MAX_API_KEY_LENGTH;
}

/** A key an operator chooses (PIXPIPE_API_KEY) must be one that can be presented in a Bearer header. */
export function assertChosenApiKey(plaintextKey: string): void {
  if (!isPlausibleApiKey(plaintextKey) || /\s/.test(plaintextKey)) {
    throw new RangeError(`an API key is 1 to ${MAX_API_KEY_LENGTH} characters without whitespace`);
  }
}
