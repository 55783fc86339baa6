import type { z } from "zod";

/** One problem with a request: where (a dotted path from the body's root) and what, in words. */
export interface Issue {
  path: string;
  message: string;
}

/**
 * Every problem zod found, in the one vocabulary every edge answers with (HTTP, S3 manifests, PixVerse
 * bodies): dotted paths under `prefix`, and an unknown field named by its own path, one problem each,
 * so a typo points at itself.
 */
export function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): Issue[] {
  return error.issues.flatMap((issue) => {
    const at = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: dotted([...at, key]), message: "is not a known field" }));
    }
    return [{ path: dotted(at), message: issue.message }];
  });
}

/** Issues as one line: "input.duration: Invalid option; input.fps: is not a known field". */
export const describeIssues = (issues: readonly Issue[]): string =>
  issues.map((issue) => `${issue.path || "(body)"}: ${issue.message}`).join("; ");

const dotted = (path: readonly PropertyKey[]) => path.map(String).join(".");
