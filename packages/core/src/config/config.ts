import { Resource } from "sst/resource";
import * as z from "zod";

// Values that come from SST links are optional here: each Lambda is linked only to what it uses, so
// `loadConfig` is told which of them a process requires, and `requireSetting` guards each use.
export const configSchema = z.object({
  tableName: z.string().min(1).optional(),
  mediaBucket: z.string().min(1).optional(),
  archiveQueueUrl: z.url().optional(),
  eventsQueueUrl: z.url().optional(),
  pixverse: z.object({
    baseUrl: z.url(),
    apiKey: z.string().min(1).optional(),
    webhookSecret: z.string().min(1).optional(),
    /** The secret before a rotation, accepted next to webhookSecret until PixVerse signs with the new one. */
    webhookSecretPrevious: z.string().min(1).optional(),
    maxConcurrency: z.coerce.number().int().positive(),
    requestsPerSecond: z.coerce.number().positive(),
  }),
  jobDeadlineSeconds: z.coerce.number().int().positive(),
  archiveMaxBytes: z.coerce.number().int().positive(),
  /** Multiplies every wait between a job's steps (the local runtime runs faster than AWS's cadence). */
  timeScale: z.coerce.number().positive(),
  /** How long POST /v1/jobs spends submitting a new job before answering. */
  inlineSubmitMs: z.coerce.number().int().nonnegative(),
  /** Local development only: `url` media may point at http and private addresses. */
  allowPrivateMediaUrls: z.enum(["true", "false"]).transform((v) => v === "true"),
  /** CloudEvents `source` of job events. */
  eventSource: z.string().min(1),
  /** Unknown scalar fields in a job's input: passed to PixVerse with a warning, or refused (strict). */
  unknownInputFields: z.enum(["pass", "refuse"]),
  /** Attempts at media that looks gone for good (a host that does not resolve, a 404) before the job fails. */
  mediaAttempts: z.coerce.number().int().min(1).max(20),
  /**
   * How metrics are written: `emf`, CloudWatch Embedded Metric Format lines on standard output (what
   * Lambda's log group turns into metrics); `terminal`, readable lines (local runs); `none`, not at all.
   */
  metricsFormat: z.enum(["emf", "terminal", "none"]),
});

export type Config = z.infer<typeof configSchema>;

interface Setting {
  /** Dotted path in Config. */
  field: string;
  env: string;
  /** SST resource name and property, e.g. Resource.Table.name. */
  link?: { resource: string; property: string };
  default?: string;
  /** never required: absent means the feature it enables is off */
  optional?: true;
}

/** The brief's configuration table as data: one row per value, both ways to set it. */
export const CONFIG_SETTINGS: readonly Setting[] = [
  { field: "tableName", env: "PIXPIPE_TABLE_NAME", link: { resource: "Table", property: "name" } },
  { field: "mediaBucket", env: "PIXPIPE_MEDIA_BUCKET", link: { resource: "Media", property: "name" } },
  {
    field: "archiveQueueUrl",
    env: "PIXPIPE_ARCHIVE_QUEUE_URL",
    link: { resource: "ArchiveQueue", property: "url" },
  },
  {
    field: "eventsQueueUrl",
    env: "PIXPIPE_EVENTS_QUEUE_URL",
    link: { resource: "JobEvents", property: "url" },
  },
  { field: "pixverse.baseUrl", env: "PIXVERSE_BASE_URL", default: "https://app-api.pixverse.ai" },
  {
    field: "pixverse.apiKey",
    env: "PIXVERSE_API_KEY",
    link: { resource: "PixverseApiKey", property: "value" },
  },
  {
    field: "pixverse.webhookSecret",
    env: "PIXVERSE_WEBHOOK_SECRET",
    link: { resource: "PixverseWebhookSecret", property: "value" },
  },
  {
    field: "pixverse.webhookSecretPrevious",
    env: "PIXVERSE_WEBHOOK_SECRET_PREVIOUS",
    link: { resource: "PixverseWebhookSecretPrevious", property: "value" },
    optional: true,
  },
  { field: "pixverse.maxConcurrency", env: "PIXVERSE_MAX_CONCURRENCY", default: "5" },
  { field: "pixverse.requestsPerSecond", env: "PIXVERSE_REQUESTS_PER_SECOND", default: "5" },
  { field: "jobDeadlineSeconds", env: "PIXPIPE_JOB_DEADLINE_SECONDS", default: "3600" },
  { field: "archiveMaxBytes", env: "PIXPIPE_ARCHIVE_MAX_BYTES", default: String(5 * 1024 ** 3) },
  { field: "timeScale", env: "PIXPIPE_TIME_SCALE", default: "1" },
  { field: "inlineSubmitMs", env: "PIXPIPE_INLINE_SUBMIT_MS", default: "5000" },
  { field: "allowPrivateMediaUrls", env: "PIXPIPE_ALLOW_PRIVATE_MEDIA_URLS", default: "false" },
  { field: "eventSource", env: "PIXPIPE_EVENT_SOURCE", default: "pixpipe" },
  { field: "unknownInputFields", env: "PIXPIPE_UNKNOWN_INPUT_FIELDS", default: "pass" },
  { field: "mediaAttempts", env: "PIXPIPE_MEDIA_ATTEMPTS", default: "4" },
  { field: "metricsFormat", env: "PIXPIPE_METRICS_FORMAT", default: "emf" },
];

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** The settings that come from SST links and are required where linked (an optional one never is). */
export const LINKED_SETTINGS = CONFIG_SETTINGS.filter((setting) => setting.link && !setting.optional).map(
  (setting) => setting.field,
);
export type LinkedSetting =
  | "tableName"
  | "mediaBucket"
  | "archiveQueueUrl"
  | "eventsQueueUrl"
  | "pixverse.apiKey"
  | "pixverse.webhookSecret";

/** A linked value this code path needs; throws a ConfigError saying how to provide it when it is absent. */
export function requireSetting<T>(value: T | undefined, field: LinkedSetting): T {
  if (value !== undefined) return value;
  const setting = CONFIG_SETTINGS.find((s) => s.field === field);
  throw new ConfigError(`pixpipe configuration is incomplete: ${setting ? describe(setting) : field}`);
}

/** `Resource.<name>.<property>`, or undefined when SST links are inactive or the name is not linked. */
function readLink(link: { resource: string; property: string }): string | undefined {
  try {
    // Resource's declared type only knows what sst-env.d.ts generated; read it as plain data.
    const resource = (Resource as unknown as Record<string, unknown>)[link.resource];
    const value = (resource as Record<string, unknown> | undefined)?.[link.property];
    return typeof value === "string" && value !== "" ? value : undefined;
  } catch {
    return undefined; // Resource throws for unlinked names and when no links are active at all.
  }
}

function describe(setting: Setting): string {
  const link = setting.link
    ? ` or link the SST resource ${setting.link.resource} (Resource.${setting.link.resource}.${setting.link.property})`
    : "";
  return `${setting.field}: set ${setting.env}${link}`;
}

function assign(target: Record<string, unknown>, dottedPath: string, value: string): void {
  const keys = dottedPath.split(".");
  const last = keys.pop()!;
  let node = target;
  for (const key of keys) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
}

/**
 * Reads the configuration. Each value comes from its environment variable when set
 * (an explicit override, e.g. the local runtime pointing at emulators) or else from its SST link (how
 * deployed Lambdas receive it); a few have defaults. Throws one ConfigError naming every missing or
 * invalid value with the ways to set it.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { require?: readonly LinkedSetting[] } = {},
): Config {
  const required = new Set<string>(options.require ?? LINKED_SETTINGS);
  const raw: Record<string, unknown> = {};
  const missing: Setting[] = [];
  for (const setting of CONFIG_SETTINGS) {
    const fromEnv = env[setting.env];
    const value =
      (fromEnv !== undefined && fromEnv !== "" ? fromEnv : undefined) ??
      (setting.link ? readLink(setting.link) : undefined) ??
      setting.default;
    if (value !== undefined) assign(raw, setting.field, value);
    else if (!setting.optional && (!setting.link || required.has(setting.field))) missing.push(setting);
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `pixpipe configuration is incomplete; missing ${missing.length} value(s):\n${missing.map((s) => `  - ${describe(s)}`).join("\n")}`,
    );
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const bySetting = new Map(CONFIG_SETTINGS.map((s) => [s.field, s]));
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.join(".");
      const setting = bySetting.get(field);
      return `  - ${field} (${setting ? setting.env : "?"}): ${issue.message}`;
    });
    throw new ConfigError(`pixpipe configuration is invalid:\n${problems.join("\n")}`);
  }
  return parsed.data;
}
