/**
 * The floor bench:pipeline measures pixpipe against: the least work each step must do, with the same
 * parts (the same DynamoDB Local, fauxqs S3/SQS and PixVerse simulator), driven directly with the AWS
 * SDK behind a bare node HTTP server. No validation, no state machine, no retries, no limits.
 *
 * - POST /jobs: one PutItem of the job, then one PixVerse text-to-video submit; answers 202 with the
 *   PixVerse id.
 * - POST /webhook: checks the PixVerse signature (HMAC, constant-time compare), answers `ok`, then
 *   GETs the video into memory, PutObject, SendMessage of a small event naming the video.
 */
import { randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { signWebhook } from "@pixpipe/simulator";

export interface FloorDeps {
  dynamo: DynamoDBClient;
  s3: S3Client;
  sqs: SQSClient;
  tableName: string;
  bucket: string;
  eventsQueueUrl: string;
  pixverse: { baseUrl: string; apiKey: string };
  /** Read at every delivery: the simulator's secret of the moment. */
  webhookSecret: () => string;
}

/** What each floor step does, printed beside the figures. */
export const FLOOR_WORK = {
  post: "HTTP POST to a bare node server: 1 PutItem + 1 PixVerse submit",
  webhook: "signature check, GET of the video into memory, 1 PutObject, 1 SendMessage, 1 ReceiveMessage",
} as const;

export interface FloorServer {
  url: string;
  stop(): Promise<void>;
}

/** The floor's event on its queue: the PixVerse video it stored. */
export interface FloorEvent {
  videoId: string;
  key: string;
  size: number;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function signatureHolds(secret: string, request: IncomingMessage, rawBody: string): boolean {
  const header = (name: string) => String(request.headers[name] ?? "");
  const expected = Buffer.from(
    signWebhook(secret, header("webhook-timestamp"), header("webhook-nonce"), rawBody),
  );
  const given = Buffer.from(header("webhook-signature"));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function startFloorServer(deps: FloorDeps): Promise<FloorServer> {
  async function createJob(rawBody: string): Promise<{ id: string; videoId: string }> {
    const input = JSON.parse(rawBody) as Record<string, unknown>;
    const id = randomUUID();
    await deps.dynamo.send(
      new PutItemCommand({
        TableName: deps.tableName,
        Item: {
          pk: { S: `BENCHFLOOR#${id}` },
          sk: { S: "JOB" },
          input: { S: rawBody },
          createdAt: { S: new Date().toISOString() },
        },
      }),
    );
    const response = await fetch(`${deps.pixverse.baseUrl}/openapi/v2/video/text/generate`, {
      method: "POST",
      headers: { "content-type": "application/json", "api-key": deps.pixverse.apiKey, "ai-trace-id": id },
      body: JSON.stringify(input),
    });
    const answer = (await response.json()) as { ErrCode: number; Resp?: { video_id?: unknown } };
    if (answer.ErrCode !== 0) throw new Error(`PixVerse answered ErrCode ${answer.ErrCode}`);
    return { id, videoId: String(answer.Resp?.video_id) };
  }

  async function archive(rawBody: string): Promise<void> {
    // PixVerse ids exceed 2^53: read the id as the digits it was sent as.
    const videoId = /"id"\s*:\s*"?(\d+)/.exec(rawBody)?.[1] ?? "";
    const { status, url } = JSON.parse(rawBody) as { status: number; url?: string };
    if (status !== 1 || !url) return;
    const video = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const key = `bench-floor/${videoId}.mp4`;
    await deps.s3.send(
      new PutObjectCommand({ Bucket: deps.bucket, Key: key, Body: video, ContentType: "video/mp4" }),
    );
    const event: FloorEvent = { videoId, key, size: video.length };
    await deps.sqs.send(
      new SendMessageCommand({ QueueUrl: deps.eventsQueueUrl, MessageBody: JSON.stringify(event) }),
    );
  }

  const server: Server = createServer((request, response) => {
    readBody(request)
      .then(async (rawBody) => {
        if (request.method === "POST" && request.url === "/jobs") {
          const job = await createJob(rawBody);
          response.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify(job));
          return;
        }
        if (request.method === "POST" && request.url === "/webhook") {
          if (!signatureHolds(deps.webhookSecret(), request, rawBody)) {
            response.writeHead(401).end();
            return;
          }
          response.writeHead(200, { "content-type": "text/plain" }).end("ok");
          await archive(rawBody);
          return;
        }
        response.writeHead(404).end();
      })
      .catch((error: unknown) => {
        console.error("[bench floor]", error);
        if (!response.headersSent) response.writeHead(500).end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
