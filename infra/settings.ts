/*
 * The stage's settings: every value an operator tunes per stage without editing code. Each has a
 * default (a production one where stages differ) and a PIXPIPE_* variable read when `sst deploy`
 * runs: exported in the shell, or in `.env.<stage>` at the repo root, which SST loads for that stage.
 * docs/deploy.md ("Stage settings") lists them. A bad value fails the deploy, naming the variable.
 */

/** Retention periods CloudWatch Logs accepts, in days, with SST's names for them. */
const LOG_RETENTION = {
  1: "1 day",
  3: "3 days",
  5: "5 days",
  7: "1 week",
  14: "2 weeks",
  30: "1 month",
  60: "2 months",
  90: "3 months",
  120: "4 months",
  150: "5 months",
  180: "6 months",
  365: "1 year",
  400: "13 months",
  545: "18 months",
  731: "2 years",
  1096: "3 years",
  1827: "5 years",
  2192: "6 years",
  2557: "7 years",
  2922: "8 years",
  3288: "9 years",
  3653: "10 years",
} as const;
export type LogRetention = (typeof LOG_RETENTION)[keyof typeof LOG_RETENTION];

const LOG_LEVELS = ["DEBUG", "INFO", "WARN", "ERROR"] as const;
const VIDEO_STORAGE_CLASSES = ["STANDARD_IA", "INTELLIGENT_TIERING", "GLACIER_IR"] as const;

export interface StageSettings {
  /** Subscribed to the Alerts topic by email (AWS sends a confirmation mail first). */
  alarmEmail: string | undefined;
  logRetentionDays: keyof typeof LOG_RETENTION;
  /** POWERTOOLS_LOG_LEVEL of every function. */
  logLevel: (typeof LOG_LEVELS)[number];
  /** DynamoDB point-in-time recovery (35 days of restorable history). */
  pointInTimeRecovery: boolean;
  /** `uploads/` objects (media uploaded for jobs) are deleted this many days after they were written. */
  uploadsExpireDays: number;
  /** `incoming/` objects (S3-triggered job inputs) are deleted this many days after they were written. */
  incomingExpireDays: number;
  /** Archived videos move to a cheaper storage class after some days, or stay in STANDARD. */
  videosTransition: { days: number; storageClass: (typeof VIDEO_STORAGE_CLASSES)[number] } | undefined;
  /** API Gateway stage throttling: steady requests per second and burst, for the whole API. */
  apiThrottle: { rateLimit: number; burstLimit: number };
  /** Browser origins allowed to call the API; `*` allows any (API keys are bearer tokens, not cookies). */
  corsOrigins: string[];
  /** A custom domain for the API (Route 53 in this account, or a certificate for external DNS). */
  apiDomain: { name: string; certificateArn: string | undefined } | undefined;
  alarms: {
    /** A non-terminal job older than this many minutes (see OldestActiveJobAge) alarms. */
    stuckJobMinutes: number;
    /** Archive attempts failing in 15 minutes that alarm. */
    archiveFailures: number;
    /** Webhook deliveries the poller had to hand out again within 15 minutes that alarm. */
    webhookDeliveriesSwept: number;
    /** Percent of PixVerse calls failing over 15 minutes (with at least `minimumCalls` calls). */
    pixverseErrorPercent: number;
    /** Percent of API responses that are 5xx over 15 minutes (with at least `minimumRequests`). */
    api5xxPercent: number;
    /** PixVerse credits below this alarm. */
    pixverseBalanceBelow: number;
    /** Rates over fewer calls or requests than this do not alarm (one failure of two is not 50 %). */
    minimumCalls: number;
    minimumRequests: number;
  };
}

export class StageSettingsError extends Error {
  override readonly name = "StageSettingsError";
}

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === "" ? undefined : raw;
}

function integer(env: Env, name: string, fallback: number, { min = 0 } = {}): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < min) {
    throw new StageSettingsError(`${name}=${raw}: expected a whole number >= ${min}`);
  }
  return parsed;
}

function number(env: Env, name: string, fallback: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isFinite(parsed) || parsed < 0) {
    throw new StageSettingsError(`${name}=${raw}: expected a number >= 0`);
  }
  return parsed;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new StageSettingsError(`${name}=${raw}: expected one of ${allowed.join(", ")}`);
  }
  return raw as T;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  return oneOf(env, name, ["true", "false"], fallback ? "true" : "false") === "true";
}

/**
 * The settings of a stage. `production` is true for the protected stages ($app.protect), which
 * default to point-in-time recovery; everything else is the same everywhere unless set.
 */
export function readStageSettings(env: Env, { production }: { production: boolean }): StageSettings {
  const retention = integer(env, "PIXPIPE_LOG_RETENTION_DAYS", 30, { min: 1 });
  if (!(retention in LOG_RETENTION)) {
    throw new StageSettingsError(
      `PIXPIPE_LOG_RETENTION_DAYS=${retention}: CloudWatch Logs keeps logs for ${Object.keys(LOG_RETENTION).join(", ")} days`,
    );
  }
  const alarmEmail = value(env, "PIXPIPE_ALARM_EMAIL");
  if (alarmEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(alarmEmail)) {
    throw new StageSettingsError(`PIXPIPE_ALARM_EMAIL=${alarmEmail}: not an email address`);
  }
  const transitionDays = integer(env, "PIXPIPE_VIDEOS_TRANSITION_DAYS", 0);
  const storageClass = oneOf(env, "PIXPIPE_VIDEOS_STORAGE_CLASS", VIDEO_STORAGE_CLASSES, "STANDARD_IA");
  if (transitionDays > 0 && transitionDays < 30 && storageClass === "STANDARD_IA") {
    throw new StageSettingsError(
      `PIXPIPE_VIDEOS_TRANSITION_DAYS=${transitionDays}: S3 moves objects to STANDARD_IA after 30 days at the earliest`,
    );
  }
  const domainName = value(env, "PIXPIPE_API_DOMAIN");
  const cors = value(env, "PIXPIPE_CORS_ORIGINS") ?? "*";
  const corsOrigins = cors === "none" ? [] : cors.split(",").map((origin) => origin.trim());
  for (const origin of corsOrigins) {
    if (origin !== "*" && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new StageSettingsError(
        `PIXPIPE_CORS_ORIGINS: ${origin} is not an origin (scheme://host[:port], no path), "*" or "none"`,
      );
    }
  }
  return {
    alarmEmail,
    logRetentionDays: retention as keyof typeof LOG_RETENTION,
    logLevel: oneOf(env, "PIXPIPE_LOG_LEVEL", LOG_LEVELS, "INFO"),
    pointInTimeRecovery: flag(env, "PIXPIPE_POINT_IN_TIME_RECOVERY", production),
    uploadsExpireDays: integer(env, "PIXPIPE_UPLOADS_EXPIRE_DAYS", 7, { min: 1 }),
    incomingExpireDays: integer(env, "PIXPIPE_INCOMING_EXPIRE_DAYS", 7, { min: 1 }),
    videosTransition: transitionDays > 0 ? { days: transitionDays, storageClass } : undefined,
    apiThrottle: {
      rateLimit: integer(env, "PIXPIPE_API_THROTTLE_RATE", 50, { min: 1 }),
      burstLimit: integer(env, "PIXPIPE_API_THROTTLE_BURST", 100, { min: 1 }),
    },
    corsOrigins,
    apiDomain: domainName
      ? { name: domainName, certificateArn: value(env, "PIXPIPE_API_DOMAIN_CERT_ARN") }
      : undefined,
    alarms: {
      stuckJobMinutes: integer(env, "PIXPIPE_ALARM_STUCK_JOB_MINUTES", 30, { min: 1 }),
      archiveFailures: integer(env, "PIXPIPE_ALARM_ARCHIVE_FAILURES", 3, { min: 1 }),
      webhookDeliveriesSwept: integer(env, "PIXPIPE_ALARM_WEBHOOK_DELIVERIES_SWEPT", 5, { min: 1 }),
      pixverseErrorPercent: number(env, "PIXPIPE_ALARM_PIXVERSE_ERROR_PERCENT", 10),
      api5xxPercent: number(env, "PIXPIPE_ALARM_API_5XX_PERCENT", 5),
      pixverseBalanceBelow: number(env, "PIXPIPE_ALARM_PIXVERSE_BALANCE_BELOW", 500),
      minimumCalls: integer(env, "PIXPIPE_ALARM_MINIMUM_CALLS", 10, { min: 1 }),
      minimumRequests: integer(env, "PIXPIPE_ALARM_MINIMUM_REQUESTS", 20, { min: 1 }),
    },
  };
}

/** SST's name for the retention (what `logging.retention` and `accessLog.retention` take). */
export function logRetention(settings: StageSettings): LogRetention {
  return LOG_RETENTION[settings.logRetentionDays];
}

let current: StageSettings | undefined;

/** This deploy's settings, read once (on first use: scripts that import infra/lambda.ts never do). */
export function stageSettings(): StageSettings {
  current ??= readStageSettings(process.env, { production: $app.protect });
  return current;
}
