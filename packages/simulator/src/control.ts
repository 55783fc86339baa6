import { Hono } from "hono";
import type { Engine, Ledger, RecordedRequest, TerminalStatus } from "./engine";
import { type Fault, type FaultStatus, parseFault } from "./faults";
import type { WebhookDelivery } from "./webhooks";

/** In-process handle on the simulator; the same operations are served over HTTP under /_sim. */
export interface SimulatorControl {
  /** Replaces the active faults; `seed` restarts the PRNG used for rates between 0 and 1. */
  setFaults(faults: Fault[], options?: { seed?: number }): void;
  clearFaults(): void;
  /** Active faults and how often each fired. */
  faults(): FaultStatus[];
  ledger(): Ledger;
  /** The most recent requests (up to 1000) as received: path, query, body, the ErrCode answered. */
  requests(): RecordedRequest[];
  webhookDeliveries(): WebhookDelivery[];
  /** A number sets the monthly credits (package 0). */
  setCredits(credits: number | { monthly: number; package: number }): void;
  setConcurrencyLimit(limit: number): void;
  setWebhookUrl(url: string | undefined): void;
  /** Signs webhooks from now on with this secret (a rotation of the account's webhook secret). */
  setWebhookSecret(secret: string): void;
  setGenerationMs(ms: number): void;
  /** Size of videos finished from now on: a generated stream of this many bytes; undefined = tiny MP4. */
  setOutputBytes(bytes: number | undefined): void;
  /** Forces a generation still in status 5 to finish now with this status. */
  finish(id: string, status: TerminalStatus, options?: { outputBytes?: number }): void;
  /** Deletes a finished video: status 6, its URL gone, naming it as a source answers 500064. */
  deleteGeneration(id: string): void;
  /** SHA-256 (hex) of a finished generation's output. */
  contentSha256(id: string): Promise<string>;
  /** Back to the starting state: generations, uploads, faults, credits, deliveries, config. */
  reset(): void;
}

function nonNegative(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a number >= 0`);
  return value;
}

export function createControl(engine: Engine): SimulatorControl {
  return {
    setFaults: (faults, options) => engine.faults.set(faults, options?.seed),
    clearFaults: () => engine.faults.clear(),
    faults: () => engine.faults.status(),
    ledger: () => engine.ledger(),
    requests: () => engine.recordedRequests(),
    webhookDeliveries: () => engine.webhooks.log(),
    setCredits: (credits) => {
      if (typeof credits === "number") nonNegative(credits, "credits");
      else {
        nonNegative(credits.monthly, "monthly");
        nonNegative(credits.package, "package");
      }
      engine.setCredits(credits);
    },
    setConcurrencyLimit: (limit) => {
      engine.config.concurrencyLimit = nonNegative(limit, "limit");
    },
    setWebhookUrl: (url) => {
      if (url !== undefined) new URL(url);
      engine.config.webhookUrl = url;
    },
    setWebhookSecret: (secret) => {
      if (typeof secret !== "string" || secret === "")
        throw new Error("webhookSecret must be a non-empty string");
      engine.config.webhookSecret = secret;
    },
    setGenerationMs: (ms) => {
      engine.config.generationMs = nonNegative(ms, "generationMs");
    },
    setOutputBytes: (bytes) => {
      engine.config.outputBytes = bytes === undefined ? undefined : nonNegative(bytes, "outputBytes");
    },
    finish: (id, status, options) => engine.finish(id, status, options),
    deleteGeneration: (id) => engine.deleteGeneration(id),
    contentSha256: (id) => engine.contentSha256(id),
    reset: () => engine.reset(),
  };
}

type JsonObject = Record<string, unknown>;

/** The control API over HTTP (mounted at /_sim): JSON in, JSON out, 400 with { error } on bad input. */
export function controlRoutes(control: SimulatorControl): Hono {
  const app = new Hono();
  const body = async (req: Request): Promise<JsonObject> => {
    const text = await req.text();
    const value: unknown = text ? JSON.parse(text) : {};
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new Error("body must be an object");
    return value as JsonObject;
  };
  const done = { ok: true };

  app.get("/faults", (c) => c.json(control.faults()));
  app.post("/faults", async (c) => {
    const input = await body(c.req.raw);
    if (!Array.isArray(input.faults)) throw new Error("faults must be an array");
    const seed = input.seed === undefined ? undefined : nonNegative(input.seed, "seed");
    control.setFaults(input.faults.map(parseFault), { seed });
    return c.json(control.faults());
  });
  app.delete("/faults", (c) => {
    control.clearFaults();
    return c.json(done);
  });
  app.get("/ledger", (c) => c.json(control.ledger()));
  app.get("/requests", (c) => c.json(control.requests()));
  app.get("/webhooks", (c) => c.json(control.webhookDeliveries()));
  app.post("/credits", async (c) => {
    const input = await body(c.req.raw);
    control.setCredits(
      input.credits !== undefined
        ? nonNegative(input.credits, "credits")
        : {
            monthly: nonNegative(input.monthly ?? 0, "monthly"),
            package: nonNegative(input.package ?? 0, "package"),
          },
    );
    return c.json(done);
  });
  app.post("/concurrency", async (c) => {
    control.setConcurrencyLimit(nonNegative((await body(c.req.raw)).limit, "limit"));
    return c.json(done);
  });
  app.post("/config", async (c) => {
    const input = await body(c.req.raw);
    if ("webhookUrl" in input) {
      if (input.webhookUrl !== null && typeof input.webhookUrl !== "string")
        throw new Error("webhookUrl must be a string");
      control.setWebhookUrl(input.webhookUrl ?? undefined);
    }
    if ("generationMs" in input) control.setGenerationMs(nonNegative(input.generationMs, "generationMs"));
    if ("outputBytes" in input) {
      control.setOutputBytes(
        input.outputBytes === null ? undefined : nonNegative(input.outputBytes, "outputBytes"),
      );
    }
    if ("concurrencyLimit" in input)
      control.setConcurrencyLimit(nonNegative(input.concurrencyLimit, "limit"));
    if ("webhookSecret" in input) control.setWebhookSecret(input.webhookSecret as string);
    return c.json(done);
  });
  app.post("/generations/:id/finish", async (c) => {
    const input = await body(c.req.raw);
    const outputBytes =
      input.outputBytes === undefined ? undefined : nonNegative(input.outputBytes, "outputBytes");
    control.finish(c.req.param("id"), input.status as TerminalStatus, { outputBytes });
    return c.json(done);
  });
  app.post("/generations/:id/delete", (c) => {
    control.deleteGeneration(c.req.param("id"));
    return c.json(done);
  });
  app.get("/generations/:id/sha256", async (c) =>
    c.json({ sha256: await control.contentSha256(c.req.param("id")) }),
  );
  app.post("/reset", (c) => {
    control.reset();
    return c.json(done);
  });
  app.onError((error, c) => c.json({ error: error.message }, 400));
  return app;
}
