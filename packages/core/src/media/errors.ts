/**
 * Why a piece of media could not be had. Transient problems are retried with backoff until the job's
 * deadline; `likely_gone` ones (a host that does not resolve, a 404/410) are retried a few times in
 * quick succession, then the job fails; the rest no retry can fix.
 */
export type MediaProblem =
  /** Timeouts, resets, 5xx, 429, a store that cannot be read now. */
  | "unavailable"
  /** The URL's host does not resolve. */
  | "unresolvable_host"
  /** 404 or 410: nothing there (any more). */
  | "not_found"
  /** Other refusals: a 4xx, a URL pixpipe does not fetch (scheme, credentials, private address). */
  | "refused"
  /** Not the kind of media the field takes (by its bytes), or empty, or not media at all. */
  | "wrong_type"
  /** Over the size limit. */
  | "too_large"
  /** A reference that names nothing usable: a missing upload, another tenant's, an unfinished job. */
  | "invalid_reference";

const TRANSIENT: ReadonlySet<MediaProblem> = new Set(["unavailable"]);
const LIKELY_GONE: ReadonlySet<MediaProblem> = new Set(["unresolvable_host", "not_found"]);

export class MediaFetchError extends Error {
  override readonly name = "MediaFetchError";
  /** Whether trying again may help at all. */
  readonly retryable: boolean;

  constructor(
    message: string,
    readonly problem: MediaProblem,
  ) {
    super(message);
    this.retryable = TRANSIENT.has(problem) || LIKELY_GONE.has(problem);
  }

  /** Probably gone for good, but worth a few quick tries (DNS and origins have passing faults). */
  get likelyGone(): boolean {
    return LIKELY_GONE.has(this.problem);
  }
}
