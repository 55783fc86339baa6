import { randomBytes, randomUUID } from "node:crypto";
import type { Context, Handler } from "aws-lambda";

/** The account id fauxqs uses in its ARNs and queue URLs; local ARNs use it too. */
export const LOCAL_ACCOUNT_ID = "000000000000";

/** Where log lines of the local runtime go (console by default). */
export type Log = Pick<Console, "info" | "warn" | "error">;

export function localRegion(): string {
  return process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
}

/** How a local stand-in of a Lambda function is configured (the parts the handler can observe). */
export interface LambdaFunctionConfig {
  functionName: string;
  /** Lambda's function timeout. Default 20 s (SST's default). */
  timeoutMs?: number;
  /** Reported in `context.memoryLimitInMB`. Default 1024 (SST's default). */
  memoryMb?: number;
}

export const DEFAULT_FUNCTION_TIMEOUT_MS = 20_000;

export class LambdaTimeoutError extends Error {
  override readonly name = "LambdaTimeoutError";
}

export class UnsupportedHandlerError extends Error {
  override readonly name = "UnsupportedHandlerError";
}

function unsupported(what: string): () => never {
  return () => {
    throw new UnsupportedHandlerError(
      `${what} is not supported by the nodejs24.x runtime; return a Promise instead`,
    );
  };
}

export function functionArn(functionName: string): string {
  return `arn:aws:lambda:${localRegion()}:${LOCAL_ACCOUNT_ID}:function:${functionName}`;
}

/** A Lambda `Context` for one invocation whose remaining time counts down to `deadline` (epoch ms). */
export function createLambdaContext(fn: LambdaFunctionConfig, deadline: number): Context {
  const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: functionArn(fn.functionName),
    memoryLimitInMB: String(fn.memoryMb ?? 1024),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString("hex")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported("context.done()"),
    fail: unsupported("context.fail()"),
    succeed: unsupported("context.succeed()"),
  };
}

/**
 * Invokes a handler the way the nodejs24.x Lambda runtime does: async handlers only (the callback and
 * the context.done/succeed/fail family are gone there, so using them fails here too), a fresh context,
 * and a timeout after which the invocation counts as failed. Unlike Lambda, a timed-out handler
 * cannot be frozen in-process: it keeps running, but its result is ignored.
 */
export async function invokeLambda<TEvent, TResult>(
  handler: Handler<TEvent, TResult>,
  event: TEvent,
  fn: LambdaFunctionConfig,
): Promise<TResult> {
  const timeoutMs = fn.timeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS;
  const context = createLambdaContext(fn, Date.now() + timeoutMs);
  const returned = handler(event, context, unsupported("the handler callback"));
  if (typeof (returned as PromiseLike<TResult> | undefined)?.then !== "function") {
    throw new UnsupportedHandlerError(
      `${fn.functionName}: the handler did not return a Promise (callback-style handlers do not run on nodejs24.x)`,
    );
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LambdaTimeoutError(`${fn.functionName}: task timed out after ${timeoutMs / 1000} seconds`),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([returned as PromiseLike<TResult>, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
