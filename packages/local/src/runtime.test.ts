import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { createAwsClients } from "@pixpipe/core/aws";
import { DynamoTenantRepository } from "@pixpipe/core/tenant";
import type { S3Event, SQSEvent } from "aws-lambda";
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type LocalHandlerLoaders, type LocalRuntime, startLocalRuntime } from "./runtime";
import { acceptsConnections, LOOPBACK_ADDRESSES, listeningAddresses } from "./test-support/sockets";

const quiet = { info() {}, warn() {}, error() {} };

/** PIDs of this process's live children whose command is `name`. */
async function childrenNamed(name: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = (await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "")).trim();
    const [, comm, rest] = /^\d+ \((.*)\) (.*)$/.exec(stat) ?? [];
    const [state, ppid] = rest?.split(" ") ?? [];
    if (comm === name && Number(ppid) === process.pid && state !== "Z") pids.push(Number(entry));
  }
  return pids;
}

describe("local runtime", () => {
  const seen = {
    envAtLoad: {} as Record<string, string | undefined>,
    webhooks: [] as unknown[],
    archiverEvents: [] as SQSEvent[],
    uploadEvents: [] as S3Event[],
    pollerRuns: 0,
  };
  const handlers: LocalHandlerLoaders = {
    api: async () => {
      const { PIXPIPE_TABLE_NAME, PIXPIPE_MEDIA_BUCKET, PIXPIPE_ARCHIVE_QUEUE_URL, PIXVERSE_BASE_URL } =
        process.env;
      seen.envAtLoad = {
        PIXPIPE_TABLE_NAME,
        PIXPIPE_MEDIA_BUCKET,
        PIXPIPE_ARCHIVE_QUEUE_URL,
        PIXVERSE_BASE_URL,
      };
      const app = new Hono()
        .get("/healthz", (c) => c.text("up"))
        .post("/webhooks/pixverse", async (c) => {
          seen.webhooks.push(await c.req.json());
          return c.text("ok");
        });
      return handle(app);
    },
    poller: async () => async () => {
      seen.pollerRuns++;
    },
    archiver: async () => async (event) => {
      seen.archiverEvents.push(event);
    },
    intake: async () => async (event) => {
      seen.uploadEvents.push(event);
    },
    deliveries: async () => async () => {},
  };
  let runtime: LocalRuntime;
  let stateDir: string;

  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), "pixpipe-local-"));
    runtime = await startLocalRuntime({
      handlers,
      port: 0,
      stateDir,
      apiKey: "pxp_runtime-test-key",
      pollIntervalMs: 50,
      simulator: { generationMs: 50 },
      functions: { archiver: { timeoutMs: 2000 } },
      log: quiet,
    });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("writes local.json with the API and simulator URLs, endpoints, names, the dev key and webhook secret", async () => {
    const written = JSON.parse(await readFile(path.join(stateDir, "local.json"), "utf8"));
    expect(written).toEqual(runtime.info);
    expect(written).toMatchObject({
      apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      apiKey: "pxp_runtime-test-key",
      webhookSecret: expect.stringMatching(/^whsec_/),
      simulatorUrl: runtime.simulator?.url,
      pixverseBaseUrl: runtime.simulator?.url,
      endpoints: { dynamodb: expect.stringMatching(/^http:/), s3: expect.stringMatching(/^http:/) },
      tableName: "pixpipe-local",
      mediaBucket: "pixpipe-media",
      queues: { archive: { name: "pixpipe-archive" }, jobEvents: { name: "pixpipe-job-events" } },
    });
  });

  it("sets the handlers' configuration before loading them and serves the api handler", async () => {
    expect(seen.envAtLoad).toEqual({
      PIXPIPE_TABLE_NAME: runtime.info.tableName,
      PIXPIPE_MEDIA_BUCKET: runtime.info.mediaBucket,
      PIXPIPE_ARCHIVE_QUEUE_URL: runtime.info.queues.archive.url,
      PIXVERSE_BASE_URL: runtime.simulator?.url,
    });
    const response = await fetch(`${runtime.info.apiUrl}/healthz`);
    expect(await response.text()).toBe("up");
  });

  it("listens on 127.0.0.1 only: the API, the simulator, fauxqs (S3 and SQS) and DynamoDB Local (issue 14)", async () => {
    const services = {
      api: runtime.info.apiUrl,
      simulator: runtime.info.simulatorUrl ?? "",
      fauxqs: runtime.info.endpoints.s3,
      dynamodb: runtime.info.endpoints.dynamodb,
    };
    for (const [service, url] of Object.entries(services)) {
      const port = Number(new URL(url).port);
      const addresses = await listeningAddresses(port);
      expect({ service, listening: addresses.length > 0 }).toEqual({ service, listening: true });
      for (const address of addresses)
        expect({ service, address }).toEqual({ service, address: expect.toBeOneOf(LOOPBACK_ADDRESSES) });
      expect({ service, loopback: await acceptsConnections("127.0.0.1", port) }).toEqual({
        service,
        loopback: true,
      });
      // A socket bound to every interface would answer on 127.0.0.2 too (only loopback is probed).
      expect({ service, other: await acceptsConnections("127.0.0.2", port) }).toEqual({
        service,
        other: false,
      });
    }
  });

  it("registers the dev API key as a key of the local tenant with every scope, admin included", async () => {
    const clients = createAwsClients();
    const tenants = new DynamoTenantRepository(clients.dynamo, runtime.info.tableName);
    await expect(tenants.authenticate("pxp_runtime-test-key")).resolves.toEqual({
      ok: true,
      limits: {},
      key: expect.objectContaining({ tenantId: "local", scopes: ["admin", "jobs:write", "jobs:read"] }),
    });
    const tenant = await tenants.getTenant("local");
    expect(tenant?.webhookSecrets.current.secret).toBe(runtime.info.webhookSecret);
    clients.destroy();
  });

  it("routes the archive queue to the archiver, incoming/ objects to uploads and the timer to the poller", async () => {
    const clients = createAwsClients();
    await clients.sqs.send(
      new SendMessageCommand({ QueueUrl: runtime.info.queues.archive.url, MessageBody: '{"jobId":"j1"}' }),
    );
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: runtime.info.mediaBucket,
        Key: "incoming/local/a.job.json",
        Body: "{}",
      }),
    );
    clients.destroy();

    await vi.waitFor(() => {
      expect(seen.archiverEvents.flatMap((e) => e.Records.map((r) => r.body))).toEqual(['{"jobId":"j1"}']);
      expect(seen.uploadEvents.map((e) => e.Records[0]?.s3.object.key)).toEqual([
        "incoming/local/a.job.json",
      ]);
      expect(seen.pollerRuns).toBeGreaterThanOrEqual(2);
    });
  });

  it("points the simulator's webhooks at the local API", async () => {
    const simulator = runtime.simulator;
    if (!simulator) throw new Error("the simulator should run");
    const submitted = await fetch(`${simulator.url}/openapi/v2/video/text/generate`, {
      method: "POST",
      headers: {
        "API-KEY": simulator.apiKey,
        "Ai-trace-id": crypto.randomUUID(),
        "content-type": "application/json",
      },
      body: JSON.stringify({
        prompt: "a cat surfing",
        model: "v5",
        duration: 5,
        quality: "540p",
        aspect_ratio: "16:9",
      }),
    });
    expect(await submitted.json()).toMatchObject({ ErrCode: 0 });

    await vi.waitFor(() => expect(seen.webhooks).toEqual([expect.objectContaining({ status: 1 })]), {
      timeout: 5000,
    });
  });

  it("stop() ends every part, including the java child", async () => {
    const [javaPid] = runtime.childPids();
    expect(await childrenNamed("java")).toContain(javaPid);
    await runtime.stop();
    expect(await childrenNamed("java")).not.toContain(javaPid);
    await expect(fetch(`${runtime.info.apiUrl}/healthz`)).rejects.toThrow();
  });
});

describe("local runtime start failure", () => {
  it("stops what already started when a handler cannot be loaded", async () => {
    const failing = async () => {
      throw new Error("cannot load");
    };
    const noop = async () => async () => {};
    await expect(
      startLocalRuntime({
        handlers: { api: failing, poller: noop, archiver: noop, intake: noop, deliveries: noop },
        port: 0,
        stateDir: await mkdtemp(path.join(tmpdir(), "pixpipe-local-")),
        log: quiet,
      }),
    ).rejects.toThrow("cannot load");
    expect(await childrenNamed("java")).toEqual([]);
  });
});
