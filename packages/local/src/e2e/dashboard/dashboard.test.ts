import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createAwsClients } from "@pixpipe/core/aws";
import { DynamoTenantRepository } from "@pixpipe/core/tenant";
import { ensureDashboardBuilt } from "@pixpipe/dashboard/build";
import { solidPng } from "@pixpipe/simulator";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type E2eRuntime,
  FAST_SIMULATOR,
  startE2eRuntime,
  TEXT_TO_VIDEO,
} from "../../test-support/e2e-runtime";
import { WebhookReceiver } from "../../test-support/webhook-receiver";
import {
  hasChromium,
  launchBrowser,
  NO_CHROMIUM_MESSAGE,
  type PageGlobals,
  type TestBrowser,
} from "./browser";

/*
 * The dashboard in Debian's chromium against the local runtime (the real handlers, the simulator),
 * as a person uses it: keyboard sign-in, forms, live updates, the archived video, the docs. Waits are
 * on conditions with generous bounds (a busy 2-core machine), never on sleeps.
 */

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);

const SLOW = { timeout: 60_000 };

describe.skipIf(!hasChromium)("the dashboard in a browser", { timeout: 120_000 }, () => {
  let e2e: E2eRuntime;
  let browser: TestBrowser;
  let page: Page;
  let dashboardUrl: string;
  let dashboardDir: string;
  let apiOrigin: string;
  let mediaOrigin: string;

  beforeAll(async () => {
    const dashboard = await ensureDashboardBuilt();
    dashboardDir = dashboard.dir;
    e2e = await startE2eRuntime({ dashboardDir: dashboard.dir });
    dashboardUrl = e2e.runtime.info.dashboardUrl ?? "";
    apiOrigin = new URL(e2e.runtime.info.apiUrl).origin;
    mediaOrigin = new URL(e2e.runtime.info.endpoints.s3).origin;
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  it("serves a production build even when built under vitest (no development JSX with source paths)", async () => {
    const assets = path.join(dashboardDir, "assets");
    const scripts = (await readdir(assets)).filter((name) => name.endsWith(".js"));
    expect(scripts).toHaveLength(1);
    const code = await readFile(path.join(assets, scripts[0] ?? ""), "utf8");
    // Development JSX names each element's source file by its absolute path.
    expect(code.includes("/packages/dashboard/src/"), "source paths in the bundle").toBe(false);
  });

  /** Waits for the job page to show this status (no reload: the page follows the job by itself). */
  const statusShown = (status: string) =>
    page.locator("article.job .page-head .status", { hasText: new RegExp(`^${status}$`, "i") }).waitFor(SLOW);

  it("refuses an unknown key beside the field, then signs in from the keyboard; the key stays out of URLs", async () => {
    await page.goto(dashboardUrl);
    const key = page.getByLabel("API key");
    await expect.poll(() => key.evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type("pxp_not-a-real-key");
    await page.keyboard.press("Enter");
    await expect(page.locator("#api-key-error").textContent(SLOW)).resolves.toContain(
      "does not know this key",
    );
    await expect(key.getAttribute("aria-invalid")).resolves.toBe("true");
    await browser.screenshots(page, "sign-in");

    await key.fill("");
    await key.focus();
    await page.keyboard.type(e2e.runtime.info.apiKey);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Jobs" }).waitFor(SLOW);
    const stored = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).sessionStorage.getItem("pixpipe.session"),
    );
    // Who the key is comes from GET /v1/me, kept beside it so that a reload shows the pages at once.
    expect(JSON.parse(stored ?? "{}")).toMatchObject({
      apiKey: e2e.runtime.info.apiKey,
      me: { key: { admin: true } },
    });
    await page.getByText(/Signed in to/).waitFor({ state: "attached" });
    expect(browser.requests.filter((url) => url.includes(e2e.runtime.info.apiKey))).toEqual([]);
  });

  it("shows the API's validation message beside the field it names", async () => {
    await page.getByRole("link", { name: "New job" }).first().click();
    await page.getByLabel("Job type").selectOption("text_to_video");
    await page.getByLabel(/^Prompt/).fill(TEXT_TO_VIDEO.input.prompt);
    await page.getByLabel(/^Model/).selectOption("v5");
    await page.getByLabel(/^Duration/).fill("7");
    await page.getByLabel(/^Quality/).selectOption("540p");
    await page.getByLabel(/^Aspect ratio/).selectOption("16:9");
    await page.getByRole("button", { name: "Create text to video job" }).click();

    const message = page.locator("#field-input-duration-error");
    await message.waitFor(SLOW);
    expect(await message.textContent()).toMatch(/5, 8/);
    const duration = page.getByLabel(/^Duration/);
    expect(await duration.getAttribute("aria-invalid")).toBe("true");
    expect(await duration.getAttribute("aria-describedby")).toContain("field-input-duration-error");
    // The summary names the field too, and leads to it.
    await page.getByRole("alert").getByRole("button", { name: "input.duration" }).click();
    await expect
      .poll(() => duration.evaluate((input) => input === input.ownerDocument.activeElement))
      .toBe(true);
    await browser.screenshots(page, "new-job-invalid");
  });

  it("creates a text_to_video job through the form and watches it reach succeeded without reloading; the video loads", async () => {
    let loads = 0;
    page.on("load", () => loads++);
    await page.getByLabel(/^Duration/).fill("5");
    await page.getByRole("button", { name: "Create text to video job" }).click();
    await page.getByRole("heading", { name: "Text to video" }).waitFor(SLOW);
    const id = (await page.locator(".eyebrow .mono").textContent()) ?? "";
    expect(id).toMatch(/^job_/);

    await statusShown("succeeded");
    expect(loads).toBe(0);
    const video = page.locator("video");
    await expect
      .poll(
        () => video.evaluate((element) => (element as unknown as { readyState: number }).readyState),
        SLOW,
      )
      .toBeGreaterThanOrEqual(1);
    expect(new URL((await video.getAttribute("src")) ?? "").origin).toBe(mediaOrigin);
    const job = await e2e.expectSucceededOnce(id);
    expect(job.input).toEqual(TEXT_TO_VIDEO.input);
    expect(await page.locator(".timeline .step").count()).toBe(4);
    // The events the page saw, oldest first, ending with the success; each came by a long poll.
    const events = page.locator(".events li");
    expect(await events.count()).toBeGreaterThanOrEqual(2);
    await expect(events.last().textContent()).resolves.toContain("Succeeded");
    expect(browser.requests).toContain(`${apiOrigin}/v1/jobs/${id}?wait=25`);
    await browser.screenshots(page, "job");

    await page.getByRole("link", { name: "Jobs" }).first().click();
    const row = page.locator(`tr[data-job-id="${id}"]`);
    await row.waitFor(SLOW);
    expect(await row.locator(".status").textContent()).toBe("Succeeded");
    await browser.screenshots(page, "jobs");
  });

  it("uploads a dropped image through /v1/uploads for an image_to_video job", async () => {
    await page.goto(`${dashboardUrl}#/new?type=image_to_video`);
    await page.getByLabel("Job type").waitFor(SLOW);
    expect(await page.getByLabel("Job type").inputValue()).toBe("image_to_video");
    const png = [...solidPng(64, 64)];
    const drop = await page.evaluateHandle((bytes) => {
      const { DataTransfer, File } = globalThis as unknown as PageGlobals;
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], "cat.png", { type: "image/png" }));
      return transfer;
    }, png);
    await page.locator("fieldset.media-field").first().dispatchEvent("drop", { dataTransfer: drop });
    await page.getByText("Uploaded cat.png").waitFor(SLOW);

    await page.getByLabel(/^Prompt/).fill("the cat jumps onto the sofa");
    await page.getByLabel(/^Model/).selectOption("v5");
    await page.getByLabel(/^Duration/).fill("5");
    await page.getByLabel(/^Quality/).selectOption("540p");
    await browser.screenshots(page, "new-job");
    await page.getByRole("button", { name: "Create image to video job" }).click();
    await page.getByRole("heading", { name: "Image to video" }).waitFor(SLOW);
    await statusShown("succeeded");
    const id = (await page.locator(".eyebrow .mono").textContent()) ?? "";
    const job = await e2e.expectSucceededOnce(id);
    expect(job.input.image).toEqual({ upload: expect.stringMatching(/^uploads\//) });
  });

  it("cancels another job from its page", async () => {
    // Long enough a generation that the job is still running when the button is pressed.
    e2e.sim.control.setGenerationMs(600_000);
    try {
      const job = await e2e.api.accepted(TEXT_TO_VIDEO);
      await page.goto(`${dashboardUrl}#/jobs/${job.id}`);
      await statusShown("generating");
      // Followed by long polls, each answered at a change (no reads at an interval): after the first
      // read every one asks the API to wait.
      const reads = browser.requests.filter((url) => new URL(url).pathname === `/v1/jobs/${job.id}`);
      expect(reads.length).toBeGreaterThanOrEqual(2);
      expect(reads.slice(1).every((url) => url.endsWith("?wait=25"))).toBe(true);
      await page.getByRole("button", { name: "Cancel job" }).click(SLOW);
      await statusShown("cancelled");
      expect(await page.getByRole("button", { name: "Cancel job" }).count()).toBe(0);
      expect((await e2e.api.getJob(job.id)).body.status).toBe("cancelled");
      await browser.screenshots(page, "job-cancelled");
    } finally {
      e2e.sim.control.setGenerationMs(FAST_SIMULATOR.generationMs ?? 300);
    }
  });

  it("creates a job with a webhook from the form; its page lists each delivery, the retry after a 500 and the 200", async () => {
    // The receiver, on 127.0.0.1 (the local runtime delivers to loopback), fails the first POST only.
    const receiver = await WebhookReceiver.start();
    receiver.answer("/hook", (n) => ({ status: n === 0 ? 500 : 200 }));
    try {
      await page.goto(`${dashboardUrl}#/new?type=text_to_video`);
      await page.getByLabel(/^Prompt/).fill(TEXT_TO_VIDEO.input.prompt);
      await page.getByLabel(/^Model/).selectOption("v5");
      await page.getByLabel(/^Duration/).fill("5");
      await page.getByLabel(/^Quality/).selectOption("540p");
      await page.getByLabel(/^Aspect ratio/).selectOption("16:9");
      await page.getByText("Webhook (optional)").click();
      await page.getByLabel("URL", { exact: true }).fill(receiver.url("/hook"));
      await page.getByLabel("job.generating").check();
      await page.getByLabel("job.succeeded").check();
      await browser.screenshots(page, "new-job-webhook");
      await page.getByRole("button", { name: "Create text to video job" }).click();
      await page.getByRole("heading", { name: "Text to video" }).waitFor(SLOW);
      const id = (await page.locator(".eyebrow .mono").textContent()) ?? "";
      expect((await e2e.api.getJob(id)).body.webhook).toEqual({
        url: receiver.url("/hook"),
        events: ["job.generating", "job.succeeded"],
      });
      await statusShown("succeeded");

      // The first event's first POST got the 500; the page reads the deliveries again by itself.
      const panel = page.getByRole("region", { name: "Webhook deliveries" });
      const generating = panel.locator('tr[data-event="job.generating"]');
      const succeeded = panel.locator('tr[data-event="job.succeeded"]');
      await generating.getByText("Delivered", { exact: true }).waitFor(SLOW);
      await succeeded.getByText("Delivered", { exact: true }).waitFor(SLOW);
      expect(await generating.locator('[data-label="Attempts"] summary').textContent()).toBe("2");
      expect(await generating.locator('[data-label="Last answer"]').textContent()).toBe("HTTP 200");
      expect(await succeeded.locator('[data-label="Attempts"] summary').textContent()).toBe("1");
      await generating.locator("summary").click();
      const attempts = generating.locator(".attempts li");
      await expect(attempts.first().textContent()).resolves.toMatch(
        /HTTP 500: answered 500, \d+ ms, retried$/,
      );
      await expect(attempts.last().textContent()).resolves.toMatch(/HTTP 200, \d+ ms$/);
      expect(await generating.locator('[data-label="Delivered"] time').count()).toBe(1);
      // The retry may come before or after the other event's POST.
      expect(receiver.received.map((request) => String(request.headers["webhook-id"])).sort()).toEqual([
        `${id}:generating`,
        `${id}:generating`,
        `${id}:succeeded`,
      ]);
      await browser.screenshots(page, "job-deliveries");
    } finally {
      await receiver.down();
    }
  });

  it("shows usage: credits per day as a chart, and per job type, for every tenant or one", async () => {
    await page.getByRole("link", { name: "Usage" }).click();
    await page.getByText("Credits spent").waitFor(SLOW);
    const report = await e2e.api.request<{ totals: { credits: number; jobs: { created: number } } }>(
      "GET",
      "/v1/usage?groupBy=type",
    );
    const totals = page.getByRole("definition");
    await expect(totals.first().textContent()).resolves.toBe(
      report.body.totals.credits.toLocaleString("en-US"),
    );
    expect(report.body.totals.jobs.created).toBeGreaterThanOrEqual(3);
    expect(await page.locator("svg rect.bar").count()).toBe(30);
    const byType = page.locator('tr[data-key="text_to_video"]');
    await byType.waitFor(SLOW);
    await page.locator('tr[data-key="local"]').waitFor(SLOW);
    await browser.screenshots(page, "usage");

    await page.getByLabel("Tenant", { exact: true }).selectOption("local");
    await page.getByText("Tenant local,").waitFor(SLOW);
    expect(await page.locator('tr[data-key="local"]').count()).toBe(0);
    expect(page.url()).toContain("tenant=local");
  });

  it("shows the PixVerse balance and the tenants to an admin key; a new tenant's field errors come from the API", async () => {
    await page.getByRole("link", { name: "Admin" }).click();
    await page.getByText("Credits left").waitFor(SLOW);
    await page.locator('tr[data-tenant-id="local"]').waitFor(SLOW);
    await page.getByLabel("Name").fill("Browser Co");
    await page.getByLabel("Id (optional)").fill("browser-co");
    await page.getByLabel("Generations at once").fill("lots");
    await page.getByRole("button", { name: "Create tenant" }).click();
    const message = page.locator("#tenant-maxInFlight-error");
    await message.waitFor(SLOW);
    expect(await page.getByLabel("Generations at once").getAttribute("aria-invalid")).toBe("true");
    await browser.screenshots(page, "admin");

    await page.getByLabel("Generations at once").fill("2");
    await page.getByRole("button", { name: "Create tenant" }).click();
    await page.getByRole("heading", { name: "Browser Co" }).waitFor(SLOW);
    const tenant = await e2e.api.request<{ limits: unknown }>("GET", "/v1/admin/tenants/browser-co");
    expect(tenant.body.limits).toEqual({ maxInFlight: 2 });
  });

  it("creates a key as admin, showing its secret once with a copy button, rotates it, then revokes it", async () => {
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: apiOrigin });
    await page.getByLabel("Label").fill("render server");
    await page.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog", { name: "Key render server created" });
    await dialog.waitFor(SLOW);
    const secret = await dialog.getByLabel("Secret", { exact: true }).inputValue();
    expect(secret).toMatch(/\.browser-co$/);
    await dialog.getByRole("button", { name: "Copy secret" }).click();
    await dialog.getByText("Copied.").waitFor(SLOW);
    const copied = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).navigator.clipboard.readText(),
    );
    expect(copied).toBe(secret);
    const asNewKey = e2e.api.withKey(secret);
    expect((await asNewKey.request<{ tenant: { id: string } }>("GET", "/v1/me")).body.tenant.id).toBe(
      "browser-co",
    );
    await browser.screenshots(page, "key-created");

    // Gone once the dialog closes: nowhere on the page, nowhere in the tab's storage.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached", ...SLOW });
    expect(await page.content()).not.toContain(secret);
    const storage = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).sessionStorage.getItem("pixpipe.session"),
    );
    expect(storage).not.toContain(secret);
    const first = await asNewKey.request<{ key: { id: string } }>("GET", "/v1/me");
    const row = page.locator(`tr[data-key-id="${first.body.key.id}"]`);
    await row.waitFor(SLOW);
    await browser.screenshots(page, "tenant");

    // Rotated with no overlap: the new secret works, the old one no longer.
    await row.getByRole("button", { name: "Rotate render server" }).click();
    const rotate = page.getByRole("dialog", { name: "Rotate render server?" });
    await rotate.getByLabel("The old key").selectOption("0");
    await rotate.getByRole("button", { name: "Rotate key" }).click();
    const rotated = page.getByRole("dialog", { name: /^Key render server rotated from pp_live_/ });
    const newSecret = await rotated.getByLabel("Secret", { exact: true }).inputValue();
    await rotated.getByRole("button", { name: "Done" }).click();
    expect((await asNewKey.request("GET", "/v1/me")).status).toBe(401);
    const asRotated = e2e.api.withKey(newSecret);
    const second = await asRotated.request<{ key: { id: string } }>("GET", "/v1/me");
    expect(second.status).toBe(200);

    const newRow = page.locator(`tr[data-key-id="${second.body.key.id}"]`);
    await newRow.getByRole("button", { name: "Revoke render server" }).click(SLOW);
    const confirm = page.getByRole("dialog", { name: "Revoke render server?" });
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await newRow.waitFor({ state: "detached", ...SLOW });
    expect((await asRotated.request("GET", "/v1/me")).status).toBe(401);
  });

  it("changes a tenant's limits and status as admin: an emptied limit is removed", async () => {
    await page.getByLabel("Generations at once").last().fill("");
    await page.getByLabel("Credits per day").last().fill("500");
    await page.getByLabel("Status").selectOption("disabled");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved.").waitFor(SLOW);
    const tenant = await e2e.api.request<{ status: string; limits: unknown }>(
      "GET",
      "/v1/admin/tenants/browser-co",
    );
    expect(tenant.body.status).toBe("disabled");
    expect(tenant.body.limits).toEqual({ creditsPerDay: 500 });
    await page.getByText("Now: disabled, 500 credits a day.").waitFor(SLOW);
  });

  it("shows the key's account and, on request, the tenant's webhook signing secret", async () => {
    await page.getByRole("link", { name: "Account" }).click();
    await page.getByText("jobs:write").first().waitFor(SLOW);
    await page.getByRole("button", { name: "Show secret" }).click();
    const shown = await page.getByLabel("Signing secret", { exact: true }).inputValue();
    const secret = await e2e.api.request<{ secret: string }>("GET", "/v1/webhooks/secret");
    expect(shown).toBe(secret.body.secret);
    await browser.screenshots(page, "account");
  });

  it("signs out: the key leaves session storage and the sign-in form is back", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API key").waitFor(SLOW);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.length)).toBe(0);
  });

  it("renders /docs offline, with no request to any host but the API's", async () => {
    const docs = await browser.newPage();
    const before = browser.requests.length;
    await docs.goto(`${e2e.runtime.info.apiUrl}/docs`);
    await docs.locator(".swagger-ui .info .title").waitFor(SLOW);
    await docs.locator(".opblock-summary-path", { hasText: "/v1/jobs/{id}/cancel" }).waitFor(SLOW);
    const requested = browser.requests.slice(before).map((url) => new URL(url).origin);
    expect(new Set(requested)).toEqual(new Set([apiOrigin]));
    await browser.screenshots(docs, "docs");
    await docs.goto(e2e.runtime.info.apiUrl);
    await docs.getByRole("link", { name: "Dashboard" }).click();
    await docs.getByLabel("API key").waitFor(SLOW);
    await docs.close();
  });

  it("asked nothing of any host but the API and the media bucket, and broke no CSP", () => {
    const origins = new Set(browser.requests.map((url) => new URL(url).origin));
    expect(origins).toEqual(new Set([apiOrigin, mediaOrigin]));
    // The refused key and the invalid job were meant to fail; nothing else did.
    expect(browser.problems).toEqual([
      `401 GET ${apiOrigin}/v1/me`,
      `400 POST ${apiOrigin}/v1/jobs`,
      `400 POST ${apiOrigin}/v1/admin/tenants`,
    ]);
  });

  it("gives a tenant key the tenant view only: no admin page; a read-only key no new job", async () => {
    const clients = createAwsClients(); // The runtime pointed this process at its emulators.
    const tenants = new DynamoTenantRepository(clients.dynamo, e2e.runtime.info.tableName);
    const tenant = await tenants.createTenant({ name: "browser" });
    const { secret: key } = await tenants.createApiKey(tenant.id, {
      label: "browser",
      scopes: ["jobs:read", "jobs:write"],
    });
    const { secret: reader } = await tenants.createApiKey(tenant.id, {
      label: "reader",
      scopes: ["jobs:read"],
    });
    clients.destroy();
    const tab = await browser.newPage();
    await tab.goto(dashboardUrl);
    await tab.getByLabel("API key").fill(key);
    await tab.getByRole("button", { name: "Sign in" }).click();
    await tab.getByRole("heading", { name: "Jobs" }).waitFor(SLOW);
    await tab.getByText("No jobs yet").waitFor(SLOW);
    expect(await tab.getByRole("link", { name: "Admin" }).count()).toBe(0);
    expect(await tab.getByRole("navigation").getByRole("link", { name: "New job" }).count()).toBe(1);
    await tab.getByRole("link", { name: "Usage" }).click();
    await tab.getByText(`Tenant ${tenant.id},`).waitFor(SLOW);
    expect(await tab.getByLabel("Tenant", { exact: true }).count()).toBe(0);
    await tab.getByRole("button", { name: "Sign out" }).click();

    await tab.getByLabel("API key").fill(reader);
    await tab.getByRole("button", { name: "Sign in" }).click();
    // Back on the page the tab was showing.
    await tab.getByRole("heading", { name: "Usage" }).waitFor(SLOW);
    await tab.getByRole("link", { name: "Jobs" }).click();
    await tab.getByRole("heading", { name: "Jobs" }).waitFor(SLOW);
    expect(await tab.getByRole("link", { name: "New job" }).count()).toBe(0);
    await tab.goto(`${dashboardUrl}#/new`);
    await tab.getByRole("heading", { name: "Not found" }).waitFor(SLOW);
    await tab.close();
  });

  it("signs out, saying why, when the API stops accepting the key kept in the tab", async () => {
    const tab = await browser.newPage();
    await tab.addInitScript(() => {
      (
        globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
      ).sessionStorage.setItem("pixpipe.session", JSON.stringify({ apiKey: "pxp_revoked-key", me: null }));
    });
    await tab.goto(dashboardUrl);
    await tab.getByText("the API no longer accepts this key").waitFor(SLOW);
    expect(await tab.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.length)).toBe(0);
    await tab.close();
  });
});
