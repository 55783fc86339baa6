import type { Engine } from "./engine";
import { defaultErrMsg, errorEnvelope } from "./errors";
import type { FaultSubject } from "./faults";
import { stringifyWire } from "./wire";

export type RequestFaultAction =
  | { kind: "reset" }
  | { kind: "respond"; status: number; contentType: string; body: string };

/**
 * Applies the request-phase faults in a fixed order (latency, reset, HTTP status, ErrCode) so that
 * the same seed gives the same decisions; returns what to answer instead, if anything.
 */
export async function requestFault(
  engine: Engine,
  subject: FaultSubject,
): Promise<RequestFaultAction | undefined> {
  const { faults, timers } = engine;
  const latency = faults.draw("latency", subject);
  if (latency) await timers.sleep(latency.ms);
  if (faults.draw("reset", subject)) return { kind: "reset" };
  const http = faults.draw("http", subject);
  if (http) {
    return {
      kind: "respond",
      status: http.status,
      contentType: "text/plain",
      body: http.body ?? `HTTP ${http.status}`,
    };
  }
  const error = faults.draw("error", subject);
  if (error) {
    const envelope = errorEnvelope(error.errCode, error.errMsg ?? defaultErrMsg[error.errCode] ?? "error");
    return {
      kind: "respond",
      status: error.httpStatus ?? envelope.status,
      contentType: "application/json",
      body: stringifyWire(envelope.body),
    };
  }
  return undefined;
}
