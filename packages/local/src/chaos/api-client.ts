import type { PublicJob } from "@pixpipe/core/job";
import { sleep } from "../test-support/observe";

/** Statuses a careful client retries: the server, or something between, failed without answering for it. */
const RETRIED_STATUSES = new Set([500, 502, 503, 504]);

export interface Answer<T> {
  status: number;
  body: T;
}

/**
 * The public API as a careful client uses it while the pipeline is being killed and its calls fail:
 * an unanswered or 5xx request is sent again (a job creation with its Idempotency-Key, so a retry
 * cannot make a second job) until it gets an answer or the run's deadline passes.
 */
export class RetryingApi {
  /** Requests that had to be sent again. */
  retries = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly deadline: number,
  ) {}

  async request<T>(
    method: string,
    path: string,
    options: { json?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}`, ...options.headers };
    if (options.json !== undefined) headers["content-type"] = "application/json";
    const body = options.json === undefined ? undefined : JSON.stringify(options.json);
    let waitMs = 100;
    for (;;) {
      let failure: string;
      try {
        const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
        const text = await response.text();
        if (!RETRIED_STATUSES.has(response.status)) {
          const parsed = response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
          return { status: response.status, body: parsed as T };
        }
        failure = `${response.status} ${text.slice(0, 200)}`;
      } catch (error) {
        failure = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
      }
      if (Date.now() + waitMs > this.deadline) throw new Error(`${method} ${path} kept failing: ${failure}`);
      this.retries++;
      await sleep(waitMs);
      waitMs = Math.min(2000, waitMs * 2);
    }
  }

  /** A 2xx answer, or an error naming what was answered. */
  async expect<T>(
    method: string,
    path: string,
    options: { json?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const answer = await this.request<T>(method, path, options);
    if (answer.status < 200 || answer.status > 299) {
      throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }

  /** Every job of the key's tenant, all pages. */
  async allJobs(): Promise<PublicJob[]> {
    const jobs: PublicJob[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page: { jobs: PublicJob[]; nextCursor: string | null } = await this.expect(
        "GET",
        `/v1/jobs?limit=100${query}`,
      );
      jobs.push(...page.jobs);
      cursor = page.nextCursor;
    } while (cursor);
    return jobs;
  }
}
