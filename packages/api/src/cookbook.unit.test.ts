import { readFile } from "node:fs/promises";
import { JOB_TYPES } from "@pixpipe/core/job/input";
import { describe, expect, it } from "vitest";
import type { UploadGrant } from "./contract";
import { type ApiWorld, apiWorld, bearer, json, readJson } from "./test-support/api-world";

const COOKBOOK = new URL("../../../docs/jobs.md", import.meta.url);

/** A request of the cookbook: `curl … "$API/<path>" … -d @- <<JSON`, its body up to the closing `JSON`. */
interface CookbookRequest {
  section: string;
  path: string;
  body: string;
}

/** The `## heading` sections of the markdown, each with its `sh` code blocks. */
function sections(markdown: string): { heading: string; blocks: string[] }[] {
  return markdown
    .split(/^## /m)
    .slice(1)
    .map((section) => ({
      heading: section.slice(0, section.indexOf("\n")).trim(),
      blocks: [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? ""),
    }));
}

function requestsOf(markdown: string): CookbookRequest[] {
  return sections(markdown).flatMap(({ heading, blocks }) =>
    blocks.flatMap((block) =>
      [...block.matchAll(/curl [^\n]*"\$API(\/[^"]+)"[\s\S]*?-d @- <<JSON[^\n]*\n([\s\S]*?)^JSON$/gm)].map(
        ([, path, body]) => ({ section: heading, path: path ?? "", body: body ?? "" }),
      ),
    ),
  );
}

/** The shell variables a body uses, `$NAME`. */
const variablesIn = (body: string) =>
  [...body.matchAll(/\$([A-Z_][A-Z0-9_]*)/g)].map(([, name]) => name ?? "");

/** Small files of each kind whose bytes pass the API's check of what an upload is. */
const FILES = {
  IMAGE: {
    name: "fox.png",
    contentType: "image/png",
    bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  },
  IMAGE2: {
    name: "meadow.png",
    contentType: "image/png",
    bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  },
  VIDEO: { name: "fox.mp4", contentType: "video/mp4", bytes: [0, 0, 0, 0x18, ...Buffer.from("ftypisom")] },
  AUDIO: {
    name: "hello.mp3",
    contentType: "audio/mpeg",
    bytes: [...Buffer.from("ID3"), 4, 0, 0, 0, 0, 0, 0],
  },
} as const;

/** What the cookbook's setup makes, done through the API: the uploads, as its `upload` function does. */
async function uploads(world: ApiWorld): Promise<Record<string, string>> {
  const keys: Record<string, string> = {};
  for (const [variable, file] of Object.entries(FILES)) {
    const bytes = Uint8Array.from([...file.bytes, ...new Uint8Array(64)]);
    const request = { contentType: file.contentType, filename: file.name, size: bytes.length };
    const res = await world.app.request("/v1/uploads", json(request, bearer("tenantA")));
    expect(res.status, `upload of ${file.name}`).toBe(201);
    const { key } = await readJson<UploadGrant>(res);
    world.store.put(key, bytes, file.contentType); // the PUT to the presigned URL
    keys[variable] = key;
  }
  return keys;
}

describe("docs/jobs.md, the jobs cookbook", () => {
  it("has one section per job type, each with its request", async () => {
    const markdown = await readFile(COOKBOOK, "utf8");
    const jobSections = requestsOf(markdown)
      .filter(({ path }) => path === "/v1/jobs")
      .map(({ section }) => section);
    expect(jobSections).toEqual([...JOB_TYPES]);
  });

  it("uses only variables it says how to set, and reads the API's URL and key from .pixpipe/local.json", async () => {
    const markdown = await readFile(COOKBOOK, "utf8");
    const assigned = new Set([...markdown.matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map(([, name]) => name));
    const used = new Set(requestsOf(markdown).flatMap(({ body }) => variablesIn(body)));
    expect([...used].filter((name) => !assigned.has(name))).toEqual([]);
    expect(markdown).toContain(`API=$(node -p 'require("./.pixpipe/local.json").apiUrl')`);
    expect(markdown).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it("has every request accepted by the API, in the order the page gives them", async () => {
    const markdown = await readFile(COOKBOOK, "utf8");
    const world = await apiWorld();
    // The simulator's templates the page uses (PixVerse lists them for the account).
    world.pixverse.catalogs.templates.push("308621408717184", "340914720654848");
    const source = await world.jobIn("tenantA", "succeeded"); // what Prefer: wait answers, in time
    const variables: Record<string, string> = { ...(await uploads(world)), SOURCE_JOB: source.id };

    for (const { section, path, body } of requestsOf(markdown)) {
      const filled = body.replace(/\$([A-Z_][A-Z0-9_]*)/g, (_, name: string) => {
        const value = variables[name];
        if (value === undefined) throw new Error(`${section}: $${name} is used before the page sets it`);
        return value;
      });
      const res = await world.app.request(path, json(JSON.parse(filled), bearer("tenantA")));
      const answer = await res.text();
      expect(res.status, `${section}: POST ${path} ${filled}\n${answer}`).toBe(
        path === "/v1/jobs" ? 202 : 200,
      );
      if (path === "/v1/masks")
        variables.MASK = (JSON.parse(answer) as { masks: { maskId: string }[] }).masks[0]!.maskId;
    }
  });
});
