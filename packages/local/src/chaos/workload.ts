import type { Dice } from "./random";

/** The job types a chaos run mixes: prompts, uploaded images, an earlier job's video, an image result. */
export const CHAOS_JOB_TYPES = [
  "text_to_video",
  "image_to_video",
  "transition",
  "extend",
  "lip_sync",
  "image_template",
] as const;
export type ChaosJobType = (typeof CHAOS_JOB_TYPES)[number];

/** How a job enters: POST /v1/jobs, or a `*.job.json` manifest dropped under incoming/{tenant}/. */
export type Entry = "api" | "s3";

/** One job of the run, as planned before it starts. */
export interface PlannedJob {
  /** Position in the plan; the job carries it as metadata `chaos`, so it can be found again. */
  index: number;
  tenant: number;
  type: ChaosJobType;
  entry: Entry;
  /** Types that take an earlier job's video wait for a source of their tenant to succeed. */
  needsSource: boolean;
}

/** Media every job of a tenant may reference: two uploaded images. */
export interface TenantMedia {
  face: { upload: string };
  scene: { upload: string };
}

const WEIGHTS: Record<ChaosJobType, number> = {
  text_to_video: 3,
  image_to_video: 2,
  transition: 2,
  extend: 1,
  lip_sync: 1,
  image_template: 1,
};
const NEEDS_SOURCE: ReadonlySet<ChaosJobType> = new Set(["extend", "lip_sync"]);

/**
 * N jobs over `tenants` tenants: first a few text_to_video jobs per tenant (the videos later extend
 * and lip_sync jobs build on), then the mix in a seeded order with every type present, about
 * `s3Share` of them (at least one) entering through S3 as manifests. Jobs that need a source come
 * after the others, so a source has had time to succeed.
 */
export function planWorkload(
  jobs: number,
  dice: Dice,
  options: { tenants: number; s3Share: number },
): PlannedJob[] {
  if (jobs < CHAOS_JOB_TYPES.length + options.tenants) {
    throw new Error(`a chaos run needs at least ${CHAOS_JOB_TYPES.length + options.tenants} jobs`);
  }
  const types: ChaosJobType[] = [];
  const sources = Math.max(1, Math.round(jobs * 0.05));
  for (let tenant = 0; tenant < options.tenants; tenant++) {
    for (let i = 0; i < sources; i++) types.push("text_to_video");
  }
  const rest: ChaosJobType[] = [...CHAOS_JOB_TYPES];
  while (types.length + rest.length < jobs) rest.push(dice.weighted(WEIGHTS));
  shuffle(rest, dice);
  // Those that need a source go after the others, in the order drawn.
  rest.sort((a, b) => Number(NEEDS_SOURCE.has(a)) - Number(NEEDS_SOURCE.has(b)));
  const sourceCount = types.length;
  const planned = [...types, ...rest].slice(0, jobs).map(
    (type, index): PlannedJob => ({
      index,
      tenant: index < sourceCount ? index % options.tenants : dice.int(0, options.tenants - 1),
      type,
      entry: index >= sourceCount && !NEEDS_SOURCE.has(type) && dice.chance(options.s3Share) ? "s3" : "api",
      needsSource: NEEDS_SOURCE.has(type),
    }),
  );
  // At least one job enters through S3, whatever the dice said.
  const firstEligible = planned.find((job) => job.index >= sourceCount && !job.needsSource);
  if (firstEligible && !planned.some((job) => job.entry === "s3")) firstEligible.entry = "s3";
  return planned;
}

function shuffle<T>(items: T[], dice: Dice): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = dice.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

const GENERATION = { model: "v5", duration: 5, quality: "540p" } as const;

/** The body of POST /v1/jobs (or of a manifest) for a planned job; `source` is an earlier job's id. */
export function jobRequest(
  job: PlannedJob,
  media: TenantMedia,
  source?: string,
): { type: ChaosJobType; input: Record<string, unknown>; metadata: Record<string, string> } {
  const metadata = { chaos: String(job.index) };
  const video = () => {
    if (!source) throw new Error(`job ${job.index} (${job.type}) needs a source job`);
    return { job: source };
  };
  const inputs: Record<ChaosJobType, () => Record<string, unknown>> = {
    text_to_video: () => ({
      ...GENERATION,
      prompt: `chaos job ${job.index}: a red fox running through snow`,
      aspect_ratio: "16:9",
    }),
    image_to_video: () => ({
      ...GENERATION,
      prompt: `chaos job ${job.index}: the face smiles`,
      image: media.face,
    }),
    transition: () => ({
      ...GENERATION,
      prompt: `chaos job ${job.index}: day turns to night`,
      first_frame: media.face,
      last_frame: media.scene,
    }),
    extend: () => ({
      ...GENERATION,
      prompt: `chaos job ${job.index}: the fox keeps running`,
      seed: 7,
      video: video(),
    }),
    lip_sync: () => ({
      video: video(),
      lip_sync_tts_speaker_id: "1",
      lip_sync_tts_content: `hello from chaos job ${job.index}`,
    }),
    image_template: () => ({ template_id: "340914720654592", images: [media.face] }),
  };
  return { type: job.type, input: inputs[job.type](), metadata };
}

/** Uploaded images a job's input references (each is uploaded to PixVerse once for the job). */
export const IMAGE_REFERENCES: Record<ChaosJobType, number> = {
  text_to_video: 0,
  image_to_video: 1,
  transition: 2,
  extend: 0,
  lip_sync: 0,
  image_template: 1,
};
