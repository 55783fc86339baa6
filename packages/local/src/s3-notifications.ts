import { randomBytes, randomUUID } from "node:crypto";
import { setTimeout } from "node:timers/promises";
import { HeadObjectCommand, NotFound, type S3Client } from "@aws-sdk/client-s3";
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { S3Event, S3EventRecord, S3Handler } from "aws-lambda";
import type { MessageSpyReader, S3SpyEvent, SpyMessage } from "fauxqs";
import { functionArn, invokeLambda, type LambdaFunctionConfig, type Log, localRegion } from "./lambda";

export type S3ObjectCreatedEventName =
  | "ObjectCreated:Put"
  | "ObjectCreated:CompleteMultipartUpload"
  | "ObjectCreated:Copy";

export interface S3NotificationOptions extends LambdaFunctionConfig {
  /** fauxqs's in-process spy (`server.spy`, with messageSpies enabled). */
  spy: MessageSpyReader;
  /** Reads size and ETag of each new object (fauxqs's spy event carries neither). */
  s3: S3Client;
  /** The bucket whose notification configuration this is. */
  bucket: string;
  handler: S3Handler;
  /** Key filters of the notification, matched against the URL-encoded key as S3 does. */
  filterPrefix?: string;
  filterSuffix?: string;
  /** The notification's name, reported as `s3.configurationId`. */
  configurationId?: string;
  /**
   * Pauses before each retry of a failed invocation. Lambda's asynchronous invocation retries twice,
   * about 1 and 2 minutes apart; locally the default is 1 s and 2 s.
   */
  retryDelaysMs?: readonly number[];
  /**
   * The function's on-failure destination: an event that still fails after the retries is sent
   * there as Lambda's invocation record. Without one it is logged and dropped, as AWS drops it.
   */
  onFailure?: { sqs: SQSClient; queueUrl: string };
  log?: Log;
}

export interface S3Notifications {
  /** Stops listening; waits for invocations under way and drops pending retries. */
  stop(): Promise<void>;
}

/**
 * Encodes an object key the way S3 writes it into event notifications: form URL encoding
 * (a space becomes `+`, reserved characters and non-ASCII bytes `%XX`), with `/` left as is.
 */
export function encodeS3EventKey(key: string): string {
  return key
    .split("/")
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replaceAll("%20", "+"),
    )
    .join("/");
}

export interface S3ObjectCreated {
  bucket: string;
  key: string;
  eventName: S3ObjectCreatedEventName;
  eventTime: Date;
  size: number;
  /** With or without the quotes S3 puts around it in headers; the event carries it bare. */
  eTag: string;
  versionId?: string;
  sequencer: string;
}

/** The S3 event notification record (eventVersion 2.1) AWS delivers to Lambda for a created object. */
export function toS3EventRecord(
  created: S3ObjectCreated,
  options: { region: string; configurationId: string },
): S3EventRecord {
  const owner = { principalId: "AWS:LOCAL" };
  return {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: options.region,
    eventTime: created.eventTime.toISOString(),
    eventName: created.eventName,
    userIdentity: owner,
    requestParameters: { sourceIPAddress: "127.0.0.1" },
    responseElements: {
      "x-amz-request-id": randomBytes(8).toString("hex").toUpperCase(),
      "x-amz-id-2": randomBytes(48).toString("base64"),
    },
    s3: {
      s3SchemaVersion: "1.0",
      configurationId: options.configurationId,
      bucket: { name: created.bucket, ownerIdentity: owner, arn: `arn:aws:s3:::${created.bucket}` },
      object: {
        key: encodeS3EventKey(created.key),
        size: created.size,
        eTag: created.eTag.replaceAll('"', ""),
        ...(created.versionId !== undefined && { versionId: created.versionId }),
        sequencer: created.sequencer,
      },
    },
  };
}

/**
 * What Lambda sends to an on-failure destination after the last retry of an asynchronous invocation.
 */
export function asyncInvokeFailureRecord(
  event: unknown,
  error: unknown,
  invocation: { functionName: string; requestId: string; attempts: number },
): Record<string, unknown> {
  const failure = error instanceof Error ? error : new Error(String(error));
  return {
    version: "1.0",
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: invocation.requestId,
      functionArn: `${functionArn(invocation.functionName)}:$LATEST`,
      condition: "RetriesExhausted",
      approximateInvokeCount: invocation.attempts,
    },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
    responsePayload: {
      errorType: failure.name,
      errorMessage: failure.message,
      trace: failure.stack?.split("\n") ?? [],
    },
  };
}

/** Sequencers grow with time within this process; equal-length hex strings compare in order. */
let lastSequence = 0n;
function nextSequencer(): string {
  const now = BigInt(Date.now()) << 16n;
  lastSequence = now > lastSequence ? now : lastSequence + 1n;
  return lastSequence.toString(16).toUpperCase().padStart(16, "0");
}

function isObjectCreated(message: SpyMessage): message is S3SpyEvent {
  return message.service === "s3" && (message.status === "uploaded" || message.status === "copied");
}

/**
 * fauxqs reports a CopyObject as "uploaded" followed, in the same synchronous step, by "copied" for the
 * same key; S3 sends one ObjectCreated:Copy. Drops the "uploaded" half of each such pair.
 */
function mergeCopies(events: S3SpyEvent[]): S3SpyEvent[] {
  return events.filter((event, index) => {
    const next = events[index + 1];
    return !(event.status === "uploaded" && next?.status === "copied" && next.key === event.key);
  });
}

/**
 * Delivers S3 event notifications for a fauxqs bucket to a Lambda handler, as AWS does for a bucket
 * notification with a function target: ObjectCreated events only, one record per event, filtered by
 * key prefix and suffix, invoked asynchronously (concurrently, unordered) with two retries on failure,
 * then handed to the on-failure destination, if any.
 */
export function startS3Notifications(options: S3NotificationOptions): S3Notifications {
  const log = options.log ?? console;
  const region = localRegion();
  const configurationId = options.configurationId ?? `${options.functionName}-notification`;
  const retryDelaysMs = options.retryDelaysMs ?? [1000, 2000];
  const fn: LambdaFunctionConfig = {
    functionName: options.functionName,
    timeoutMs: options.timeoutMs,
    memoryMb: options.memoryMb,
  };
  const abort = new AbortController();
  const inFlight = new Set<Promise<void>>();
  // Only objects created from now on notify; the spy buffer may hold older events.
  const seen = new WeakSet<SpyMessage>(options.spy.getAllMessages());
  let pending: S3SpyEvent[] = [];

  function matches(encodedKey: string): boolean {
    return (
      encodedKey.startsWith(options.filterPrefix ?? "") && encodedKey.endsWith(options.filterSuffix ?? "")
    );
  }

  async function sendToFailureDestination(
    notification: S3Event,
    error: unknown,
    attempts: number,
    label: string,
  ): Promise<void> {
    if (!options.onFailure) {
      log.error(`${label} failed ${attempts} times; dropping the event`, error);
      return;
    }
    log.error(`${label} failed ${attempts} times; sending it to the on-failure destination`, error);
    const record = asyncInvokeFailureRecord(notification, error, {
      functionName: options.functionName,
      requestId: randomUUID(),
      attempts,
    });
    await options.onFailure.sqs.send(
      new SendMessageCommand({ QueueUrl: options.onFailure.queueUrl, MessageBody: JSON.stringify(record) }),
    );
  }

  async function deliver(event: S3SpyEvent, sequencer: string): Promise<void> {
    let head: { ContentLength?: number; ETag?: string; VersionId?: string };
    try {
      head = await options.s3.send(new HeadObjectCommand({ Bucket: event.bucket, Key: event.key }));
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      log.warn(`${options.functionName}: s3://${event.bucket}/${event.key} was gone before its notification`);
      return;
    }
    const eTag = head.ETag ?? "";
    const eventName: S3ObjectCreatedEventName =
      event.status === "copied"
        ? "ObjectCreated:Copy"
        : /-\d+"?$/.test(eTag)
          ? "ObjectCreated:CompleteMultipartUpload"
          : "ObjectCreated:Put";
    const notification: S3Event = {
      Records: [
        toS3EventRecord(
          {
            bucket: event.bucket,
            key: event.key,
            eventName,
            eventTime: new Date(event.timestamp),
            size: head.ContentLength ?? 0,
            eTag,
            versionId: head.VersionId,
            sequencer,
          },
          { region, configurationId },
        ),
      ],
    };
    for (let attempt = 0; ; attempt++) {
      try {
        await invokeLambda(options.handler, notification, fn);
        return;
      } catch (error) {
        const delay = retryDelaysMs[attempt];
        const label = `${options.functionName}: ${eventName} s3://${event.bucket}/${event.key}`;
        if (delay === undefined) {
          await sendToFailureDestination(notification, error, attempt + 1, label);
          return;
        }
        log.warn(`${label} failed (attempt ${attempt + 1}); retrying in ${delay} ms`, error);
        const waited = await setTimeout(delay, true, { signal: abort.signal }).catch(() => false);
        if (!waited) return;
      }
    }
  }

  function flush(): void {
    const events = mergeCopies(pending);
    pending = [];
    for (const event of events) {
      if (!matches(encodeS3EventKey(event.key))) continue;
      const delivery = deliver(event, nextSequencer())
        .catch((error: unknown) =>
          log.error(`${options.functionName}: cannot notify s3://${event.bucket}/${event.key}`, error),
        )
        .finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    }
  }

  /**
   * The spy has no subscription API, but runs every pending waiter's filter on each new event, in the
   * store's synchronous call. This filter records what it sees and never matches, so it stays registered.
   */
  function observe(message: SpyMessage): boolean {
    if (abort.signal.aborted || seen.has(message)) return false;
    seen.add(message);
    if (isObjectCreated(message) && message.bucket === options.bucket) {
      if (pending.length === 0) queueMicrotask(flush);
      pending.push(message);
    }
    return false;
  }

  function listen(): void {
    if (abort.signal.aborted) return;
    // spy.clear() (fauxqs reset) rejects waiters: register again.
    options.spy.waitForMessage(observe).catch(listen);
  }
  listen();

  return {
    async stop() {
      abort.abort();
      await Promise.all(inFlight);
    },
  };
}
