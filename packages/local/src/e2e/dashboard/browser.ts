import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/*
 * Debian's chromium through playwright-core (never a downloaded browser): CHROMIUM_PATH, as .ci/run
 * exports it, or /usr/bin/chromium.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM_PATH);
export const NO_CHROMIUM_MESSAGE = `browser tests skipped: no chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH; .ci/run installs it)`;

/** Screenshots of the browser tests, for people to look at (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL("../../../../../test-output/dashboard/", import.meta.url),
);

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface TestBrowser {
  browser: Browser;
  /** The one context every page opens in (permissions such as the clipboard's are granted here). */
  context: BrowserContext;
  /** Every URL any page of the browser requested, in order. */
  requests: string[];
  /** Failed responses, console errors and uncaught page errors (CSP violations among them). */
  problems: string[];
  newPage(viewport?: ViewportName): Promise<Page>;
  /** A full-page screenshot under SCREENSHOT_DIR as `<name>-<viewport>.png`, at each width. */
  screenshots(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), "pixpipe-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: VIEWPORTS.desktop,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const browser = context.browser();
  const requests: string[] = [];
  const problems: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  const watch = (page: Page) => {
    // Failed loads are reported with their URL by "response"; the console's line has none.
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on("response", (response) => {
      if (response.status() >= 400) {
        problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
      }
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  };
  context.on("page", watch);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return {
    // launchPersistentContext has no Browser object; the context stands in for it.
    browser: browser as Browser,
    context,
    requests,
    problems,
    async newPage(viewport = "desktop") {
      const page = await context.newPage();
      await page.setViewportSize(VIEWPORTS[viewport]);
      return page;
    },
    async screenshots(page, name) {
      const original = page.viewportSize();
      for (const [viewport, size] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(size);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${viewport}.png`), fullPage: true });
      }
      if (original) await page.setViewportSize(original);
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The browser globals the tests' page functions use. The tests compile without DOM types (they run
 * in Node.js); a page function casts `globalThis` to this (types only: nothing is captured).
 */
export interface PageGlobals {
  sessionStorage: { getItem(key: string): string | null; readonly length: number };
  DataTransfer: new () => { items: { add(file: unknown): unknown } };
  File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
  navigator: { clipboard: { readText(): Promise<string> } };
}
