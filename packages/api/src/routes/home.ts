import { html } from "hono/html";
import type { ApiApp } from "../api-app";
import { htmlPage } from "../html";

const STYLE = `body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1a1a1a; }
a { color: #0b57d0; } a:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
li { margin: 0.5rem 0; }`;

/**
 * GET /: where to go from the API's root. The dashboard is linked when PIXPIPE_DASHBOARD_URL says
 * where it is (the local runtime serves it at /ui/ on the API's port).
 */
export function register(app: ApiApp): void {
  app.get("/", (c) => {
    const dashboard = process.env.PIXPIPE_DASHBOARD_URL;
    return htmlPage(c, {
      title: "pixpipe API",
      style: STYLE,
      body: html`<main>
      <h1>pixpipe API</h1>
      <p>Video generation jobs on the PixVerse Platform API, archived to S3 and announced on SQS.</p>
      <ul>
        ${dashboard ? html`<li><a href="${dashboard}">Dashboard</a>: jobs, their videos, new jobs</li>` : ""}
        <li><a href="/docs">API reference</a> (Swagger UI)</li>
        <li><a href="/openapi.json">OpenAPI document</a> (OpenAPI 3.1, JSON)</li>
        <li><a href="/healthz">Health</a></li>
      </ul>
    </main>`,
    });
  });
}
