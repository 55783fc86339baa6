/*
 * Page weights and time to interactive of the dashboard and /docs, in Debian's chromium against a
 * running local runtime (`run local`; PIXPIPE_STATE_DIR picks another one's local.json). Each page
 * is loaded cold (new profile, empty cache) RUNS times; the median is printed beside the floor, the
 * API's own tiny home page loaded the same way in the same run.
 * Usage: npx -y pnpm@10 run bench:dashboard
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { CHROMIUM_PATH, hasChromium, launchBrowser } from "../src/e2e/dashboard/browser";
import { DEFAULT_STATE_DIR, type LocalRuntimeInfo } from "../src/runtime";

const RUNS = Number(process.env.RUNS ?? 5);

interface Measured {
  /** From navigation start until the page's content is there (its marker element visible). */
  interactiveMs: number;
  domContentLoadedMs: number;
  /** Bytes over the wire (compressed where the server compressed), by resource type. */
  bytes: Record<"document" | "script" | "stylesheet" | "other", number>;
}

interface PageSpec {
  name: string;
  url: (info: LocalRuntimeInfo, jobId: string) => string;
  signedIn: boolean;
  /** Visible once the page is usable. */
  ready: (page: Page) => Promise<unknown>;
}

/** What a returning user's tab holds: the key and who it is (GET /v1/me). */
type StoredSession = { apiKey: string; me: unknown };

async function measure(
  spec: PageSpec,
  session: StoredSession,
  info: LocalRuntimeInfo,
  jobId: string,
): Promise<Measured> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    if (spec.signedIn) {
      await page.addInitScript((value) => {
        (
          globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
        ).sessionStorage.setItem("pixpipe.session", value);
      }, JSON.stringify(session));
    }
    const bytes: Measured["bytes"] = { document: 0, script: 0, stylesheet: 0, other: 0 };
    page.on("requestfinished", async (request) => {
      const sizes = await request.sizes();
      const type = request.resourceType();
      const key = type === "document" || type === "script" || type === "stylesheet" ? type : "other";
      bytes[key] += sizes.responseBodySize + sizes.responseHeadersSize;
    });
    await page.goto(spec.url(info, jobId));
    await spec.ready(page);
    const interactiveMs = await page.evaluate(() => performance.now());
    const domContentLoadedMs = await page.evaluate(() => {
      const { performance: timing } = globalThis as unknown as {
        performance: { getEntriesByType(type: string): { domContentLoadedEventEnd?: number }[] };
      };
      return timing.getEntriesByType("navigation")[0]?.domContentLoadedEventEnd ?? 0;
    });
    return { interactiveMs, domContentLoadedMs, bytes };
  } finally {
    await browser.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  if (!hasChromium) throw new Error(`no chromium at ${CHROMIUM_PATH}`);
  const stateDir = process.env.PIXPIPE_STATE_DIR || DEFAULT_STATE_DIR;
  const info = JSON.parse(await readFile(path.join(stateDir, "local.json"), "utf8")) as LocalRuntimeInfo;
  if (!info.dashboardUrl) throw new Error("this local runtime does not serve the dashboard");
  const ui = info.dashboardUrl;
  // A job to open: the newest one (the jobs page works without one).
  const jobs = (await (
    await fetch(`${info.apiUrl}/v1/jobs?limit=1`, { headers: { authorization: `Bearer ${info.apiKey}` } })
  ).json()) as {
    jobs: { id: string }[];
  };
  const jobId = jobs.jobs[0]?.id ?? "";
  const me: unknown = await (
    await fetch(`${info.apiUrl}/v1/me`, { headers: { authorization: `Bearer ${info.apiKey}` } })
  ).json();
  const session: StoredSession = { apiKey: info.apiKey, me };
  const pages: PageSpec[] = [
    {
      name: "floor: GET / (API home)",
      url: (i) => `${i.apiUrl}/`,
      signedIn: false,
      ready: (p) => p.locator("h1").waitFor(),
    },
    { name: "sign-in", url: () => ui, signedIn: false, ready: (p) => p.getByLabel("API key").waitFor() },
    {
      name: "jobs",
      url: () => ui,
      signedIn: true,
      ready: (p) => p.locator("table.jobs, p.empty").first().waitFor(),
    },
    ...(jobId
      ? [
          {
            name: "job",
            url: () => `${ui}#/jobs/${jobId}`,
            signedIn: true,
            ready: (p: Page) => p.locator(".timeline").waitFor(),
          },
        ]
      : []),
    {
      name: "new job",
      url: () => `${ui}#/new`,
      signedIn: true,
      ready: (p) => p.getByRole("button", { name: /^Create/ }).waitFor(),
    },
    {
      name: "usage",
      url: () => `${ui}#/usage`,
      signedIn: true,
      ready: (p) => p.locator("svg rect.bar").first().waitFor(),
    },
    {
      name: "admin",
      url: () => `${ui}#/admin`,
      signedIn: true,
      ready: (p) => p.getByText("Credits left").waitFor(),
    },
    {
      name: "tenant (admin)",
      url: (i) => `${ui}#/admin/tenants/${i.tenantId}`,
      signedIn: true,
      ready: (p) => p.locator("table.keys").waitFor(),
    },
    {
      name: "/docs",
      url: (i) => `${i.apiUrl}/docs`,
      signedIn: false,
      ready: (p) => p.locator(".opblock").first().waitFor(),
    },
  ];
  console.log(
    `cold loads in chromium, median of ${RUNS}; bytes as transferred (the local runtime compresses)`,
  );
  console.log(
    `${"page".padEnd(26)} ${"interactive".padStart(11)} ${"DCL".padStart(8)}  ${"HTML".padStart(9)} ${"JS".padStart(10)} ${"CSS".padStart(9)}`,
  );
  for (const spec of pages) {
    const runs: Measured[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(spec, session, info, jobId));
    const bytes = runs[0]!.bytes;
    console.log(
      `${spec.name.padEnd(26)} ${`${median(runs.map((r) => r.interactiveMs)).toFixed(0)} ms`.padStart(11)} ${`${median(runs.map((r) => r.domContentLoadedMs)).toFixed(0)} ms`.padStart(8)}  ${kib(bytes.document).padStart(9)} ${kib(bytes.script).padStart(10)} ${kib(bytes.stylesheet).padStart(9)}`,
    );
  }
}

await main();
