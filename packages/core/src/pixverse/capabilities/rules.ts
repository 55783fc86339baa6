import * as z from "zod";
import { AUTO_ASPECT_RATIO, PIXVERSE_FIELD_NAMES, REF_NAME } from "./fields";
import { FUSION_OMNI, fusionMaxReferences, isModel, MODEL_RULES } from "./models";

/**
 * A cross-field rule of PixVerse's. Rules run even when some fields already failed their own schema (so that
 * every problem is reported at once), hence they read the object loosely and skip what they cannot judge.
 * A rule JSON Schema can state exactly also carries that statement (`jsonSchema`), which the schema it checks
 * shows in its metadata (the API's OpenAPI document); the check itself stays the rule's, for its messages.
 */
export type Rule = ((value: Readonly<Record<string, unknown>>, ctx: z.RefinementCtx) => void) & {
  readonly jsonSchema?: JsonSchemaFragment;
};

/** Keywords of a JSON Schema (2020-12) that constrain an object beside its properties. */
export type JsonSchemaFragment = Record<string, unknown>;

const withJsonSchema = (check: Rule, jsonSchema: JsonSchemaFragment): Rule =>
  Object.assign(check, { jsonSchema });

/** One schema as itself, several as the `combinator` of them (`anyOf`, `allOf`); undefined for none. */
function combined(
  combinator: "anyOf" | "allOf",
  schemas: readonly JsonSchemaFragment[],
): JsonSchemaFragment | undefined {
  return schemas.length > 1 ? { [combinator]: schemas } : schemas[0];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const present = (value: unknown) => value !== undefined && value !== null;

const report = (ctx: z.RefinementCtx, path: PropertyKey[], message: string) =>
  ctx.addIssue({ code: "custom", path, message, input: undefined });

/** A strict object of `shape` checked by `rules`; unknown fields are refused so typos surface. */
export function withRules<Shape extends z.ZodRawShape>(shape: Shape, rules: readonly Rule[]) {
  const checked = z.strictObject(shape).superRefine(
    (value, ctx) => {
      for (const rule of rules) rule(value as Record<string, unknown>, ctx);
    },
    { when: (payload) => isRecord(payload.value) },
  );
  const statement = combined(
    "allOf",
    rules.flatMap((rule) => (rule.jsonSchema ? [rule.jsonSchema] : [])),
  );
  return statement ? checked.meta(statement) : checked;
}

export interface ExtraFields {
  /** unknown fields with a string, number or boolean value: passed to PixVerse unvalidated */
  passed: string[];
  /** fields that are refused, with the reason */
  refused: { field: string; message: string }[];
}

const isScalar = (value: unknown) =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean";

/**
 * pixpipe's forward-compatibility rule for the fields of a request beyond its declared ones (docs/
 * pixverse-compatibility.md): a name pixpipe knows from another request is refused (it belongs elsewhere, or
 * pixpipe fills it in itself); an unknown name with a scalar value passes (PixVerse adds fields every few
 * months); an unknown object, array or null is refused, since nothing can be said about its shape.
 */
export function extraFields(
  value: Readonly<Record<string, unknown>>,
  declared: ReadonlySet<string>,
  knownElsewhere: ReadonlySet<string> = PIXVERSE_FIELD_NAMES,
): ExtraFields {
  const extra: ExtraFields = { passed: [], refused: [] };
  for (const [field, fieldValue] of Object.entries(value)) {
    if (declared.has(field)) continue;
    if (knownElsewhere.has(field)) extra.refused.push({ field, message: "not a field of this request" });
    else if (isScalar(fieldValue)) extra.passed.push(field);
    else {
      extra.refused.push({
        field,
        message: "unknown field; only string, number and boolean values are passed to PixVerse unvalidated",
      });
    }
  }
  return extra;
}

/**
 * A request body sent to PixVerse: the fields of `shape` are checked strictly and by `rules`, unknown scalar
 * fields go through unchanged (extraFields). Typed as the strict shape: the pass-through is for values that
 * arrive as data (job inputs), not for TypeScript callers.
 */
export function requestBody<Shape extends z.ZodRawShape>(shape: Shape, rules: readonly Rule[]) {
  const declared = new Set(Object.keys(shape));
  const schema = z.looseObject(shape).superRefine(
    (value, ctx) => {
      const fields = value as Record<string, unknown>;
      for (const { field, message } of extraFields(fields, declared).refused) report(ctx, [field], message);
      for (const rule of rules) rule(fields, ctx);
    },
    { when: (payload) => isRecord(payload.value) },
  );
  return schema as unknown as z.ZodType<
    z.output<z.ZodObject<Shape, z.core.$strict>>,
    z.input<z.ZodObject<Shape, z.core.$strict>>
  >;
}

const listSeconds = (values: readonly number[]) => {
  const contiguous = values.every((v, i) => i === 0 || v === (values[i - 1] ?? 0) + 1);
  return contiguous && values.length > 2 ? `${values[0]}-${values.at(-1)} s` : `${values.join(", ")} s`;
};

/**
 * model, duration, quality, aspect_ratio and motion_mode against the model table, plus the options that only
 * some models accept (camera_movement, audio switches, multi-clip, thinking_type, lip sync in a generation).
 */
export const modelRules: Rule = (v, ctx) => {
  if (!isModel(v.model)) return;
  const model = v.model;
  const rules = MODEL_RULES[model];
  const at1080p = v.quality === "1080p";
  if (typeof v.duration === "number") {
    const allowed = at1080p ? rules.durations1080p : rules.durations;
    if (!allowed.includes(v.duration)) {
      report(
        ctx,
        ["duration"],
        `model ${model}${at1080p ? " at 1080p" : ""} supports ${listSeconds(allowed)}`,
      );
    }
  }
  if (
    typeof v.aspect_ratio === "string" &&
    !(rules.aspectRatios as readonly string[]).includes(v.aspect_ratio)
  ) {
    report(ctx, ["aspect_ratio"], `model ${model} supports ${rules.aspectRatios.join(", ")}`);
  }
  if (v.motion_mode === "fast") {
    if (!rules.fastMotion) report(ctx, ["motion_mode"], `fast motion is only available on v3.5, v4 and v4.5`);
    if (typeof v.duration === "number" && v.duration !== 5)
      report(ctx, ["motion_mode"], "fast motion is 5 s only");
    if (at1080p) report(ctx, ["motion_mode"], "fast motion is not available at 1080p");
  }
  // "default" asks for no movement at all, so every model takes it; template_id still excludes it (the MCP's
  // validator refuses any camera_movement with a template, src/pixverse_mcp/models/requests.py).
  if (present(v.camera_movement)) {
    if (!rules.cameraMovement && v.camera_movement !== "default")
      report(ctx, ["camera_movement"], "camera_movement is only available on v4 and v4.5");
    if (present(v.template_id))
      report(ctx, ["camera_movement"], "camera_movement cannot be combined with template_id");
  }
  if (v.generate_audio_switch === true && rules.audioSwitch !== "generate_audio_switch") {
    report(ctx, ["generate_audio_switch"], `model ${model} adds audio with sound_effect_switch`);
  }
  if (
    v.sound_effect_switch === true &&
    rules.audioSwitch !== "sound_effect_switch" &&
    !present(v.template_id)
  ) {
    report(ctx, ["sound_effect_switch"], `model ${model} adds audio with generate_audio_switch`);
  }
  if (v.generate_multi_clip_switch === true && !rules.multiClip) {
    report(ctx, ["generate_multi_clip_switch"], "multi-clip is only available on v5.5, v5.6 and v6");
  }
  if (present(v.thinking_type) && !rules.thinkingType) {
    report(ctx, ["thinking_type"], "thinking_type is only available on v6");
  }
  soundModeRule(v, ctx);
  if (v.lip_sync_tts_switch === true) {
    if (!rules.lipSyncInGeneration)
      report(ctx, ["lip_sync_tts_switch"], "lip sync in a generation needs v3.5-v5");
    if (!present(v.lip_sync_tts_content))
      report(ctx, ["lip_sync_tts_content"], "required when lip_sync_tts_switch is on");
  }
};

/**
 * With sound effects on, background music (sound_mode) and a sound description exclude each other (the official
 * MCP's SoundEffectInfo validator, src/pixverse_mcp/models/requests.py).
 */
const soundModeRule: Rule = (v, ctx) => {
  if (v.sound_effect_switch === true && present(v.sound_mode) && present(v.sound_effect_content)) {
    report(ctx, ["sound_mode"], "sound_mode cannot be combined with sound_effect_content");
  }
};

/** JSON Schema: all fields of one of the groups are present. */
const presentGroup = (groups: readonly (readonly string[])[]) =>
  combined(
    "anyOf",
    groups.map((fields) => ({ required: fields })),
  );

/**
 * Exactly one of the alternatives; an alternative of several fields (the TTS pair) needs all of them.
 * `exactlyOneOf(["source_video_id"], ["video_media_id"])`. In JSON Schema: one branch per alternative, with
 * its fields and without any field of the others. Each branch names its fields under `properties` too
 * (with no constraint of their own), so that types generated from it make them required in that branch.
 */
export function exactlyOneOf(...alternatives: readonly (readonly string[])[]): Rule {
  const describe = (fields: readonly string[]) => fields.join(" with ");
  const names = alternatives.map(describe).join(" or ");
  const oneOf = alternatives.map((fields) => ({
    properties: Object.fromEntries(fields.map((field) => [field, {}])),
    required: fields,
    not: presentGroup(
      alternatives
        .filter((other) => other !== fields)
        .flat()
        .map((field) => [field]),
    ),
  }));
  return withJsonSchema(
    (v, ctx) => {
      const chosen = alternatives.filter((fields) => fields.some((field) => present(v[field])));
      const [first, second] = chosen;
      if (!first) {
        report(ctx, [alternatives[0]?.[0] ?? ""], `one of ${names} is required`);
        return;
      }
      if (second) {
        report(ctx, [second.find((field) => present(v[field])) ?? ""], `use either ${names}, not several`);
        return;
      }
      for (const field of first.filter((f) => !present(v[f]))) {
        report(ctx, [field], `required together with ${first.filter((f) => f !== field).join(", ")}`);
      }
    },
    { oneOf },
  );
}

/**
 * img/generate serves image-to-video and template (effect) videos. Without template_id: one image, and prompt,
 * model and duration are required and checked against the model. With template_id: PixVerse ignores model,
 * duration and prompt, and takes one image or several (multi-image templates).
 */
export function imageOrTemplateRules(imageField: string, imagesField: string): Rule {
  const oneSource = exactlyOneOf([imageField], [imagesField]);
  return (v, ctx) => {
    if (present(v.template_id)) {
      oneSource(v, ctx);
      soundModeRule(v, ctx);
      return;
    }
    for (const field of [imageField, "prompt", "model", "duration"]) {
      if (!present(v[field])) report(ctx, [field], "required (unless template_id is set)");
    }
    if (typeof v.prompt === "string" && !/\S/.test(v.prompt)) report(ctx, ["prompt"], "must not be empty");
    if (present(v[imagesField]))
      report(ctx, [imagesField], "several images are only accepted with template_id");
    modelRules(v, ctx);
  };
}

/**
 * 2–7 keyframes (array bounds are in the schema): every item but the last has a duration of 1–8 s, or 1–5 s with
 * three or more items; the last has 0 or none; the video is at most 30 s; fast motion only up to 5 s on ≤ v4.5.
 */
export const multiTransitionRules: Rule = (v, ctx) => {
  const items = v.multi_transition;
  if (!Array.isArray(items)) return;
  const perItemMax = items.length >= 3 ? 5 : 8;
  let total = 0;
  items.forEach((item: unknown, i) => {
    const duration = isRecord(item) ? item.duration : undefined;
    const path = ["multi_transition", i, "duration"];
    if (i === items.length - 1) {
      if (present(duration) && duration !== 0)
        report(ctx, path, "the last keyframe's duration must be 0 or omitted");
      return;
    }
    if (!present(duration)) {
      report(ctx, path, "required for every keyframe but the last");
      return;
    }
    if (typeof duration !== "number") return;
    total += duration;
    if (duration < 1 || duration > perItemMax) {
      report(
        ctx,
        path,
        `must be 1-${perItemMax} s${perItemMax === 5 ? " with three or more keyframes" : ""}`,
      );
    }
  });
  if (total > 30) report(ctx, ["multi_transition"], `the video would last ${total} s; at most 30 s`);
  if (v.motion_mode === "fast") {
    if (isModel(v.model) && !MODEL_RULES[v.model].fastMotion) {
      report(ctx, ["motion_mode"], "fast motion is only available on v3.5, v4 and v4.5");
    }
    if (total > 5) report(ctx, ["motion_mode"], "fast motion is limited to 5 s in total");
    if (v.quality === "1080p") report(ctx, ["motion_mode"], "fast motion is not available at 1080p");
  }
};

/** At most one of the fields (alternative spellings of the same value). In JSON Schema: no two of them. */
export function atMostOneOf(...fields: readonly string[]): Rule {
  const pairs = fields.flatMap((field, i) => fields.slice(i + 1).map((other) => [field, other]));
  return withJsonSchema(
    (v, ctx) => {
      const [, second] = fields.filter((field) => present(v[field]));
      if (second) report(ctx, [second], `use either ${fields.join(" or ")}, not both`);
    },
    { not: presentGroup(pairs) },
  );
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const refName = (ref: unknown) =>
  isRecord(ref) && typeof ref.ref_name === "string" ? ref.ref_name : undefined;

/**
 * Fusion (reference-to-video). Image references: 1–3 (v4.5, v5) or 1–7 per model. Omni mode (v6,
 * `reference_mode: "omni"`, FUSION_OMNI): up to 10 images and up to 2 reference videos, at least one reference
 * of either kind; with videos the duration is 0 and aspect_ratio may be "auto" (the output follows the videos).
 * Names are unique across images and videos, and the prompt names each as @ref_name. Also applies the model
 * table (modelRules) to what omni mode leaves to it.
 */
export const fusionRules: Rule = (v, ctx) => {
  const images = list(v.image_references);
  const videos = list(v.video_references);
  const omni = v.reference_mode === "omni";
  const withVideos = omni && videos.length > 0;
  const model = isModel(v.model) ? v.model : undefined;
  if (omni && model && !(FUSION_OMNI.models as readonly string[]).includes(model)) {
    report(ctx, ["reference_mode"], `omni mode is only available on ${FUSION_OMNI.models.join(", ")}`);
  }
  if (!omni && present(v.video_references)) {
    report(ctx, ["video_references"], 'reference videos need reference_mode "omni"');
  }
  if (omni && images.length + videos.length === 0) {
    report(ctx, ["image_references"], "omni mode needs at least one image or video reference");
  } else if (!omni && images.length === 0) {
    report(ctx, ["image_references"], "at least one image reference is required");
  }
  const maxImages = omni ? FUSION_OMNI.maxImages : model ? fusionMaxReferences(model) : undefined;
  if (maxImages !== undefined && images.length > maxImages) {
    report(
      ctx,
      ["image_references"],
      omni
        ? `omni mode takes at most ${maxImages} image references`
        : `model ${model} takes at most ${maxImages} references`,
    );
  }
  if (withVideos && typeof v.duration === "number" && v.duration !== 0) {
    report(ctx, ["duration"], "must be 0 with reference videos: the video follows their length");
  }
  if (v.aspect_ratio === AUTO_ASPECT_RATIO && !withVideos) {
    report(ctx, ["aspect_ratio"], '"auto" needs reference videos (omni mode)');
  }
  modelRules(
    {
      ...v,
      ...(withVideos ? { duration: undefined } : {}),
      ...(v.aspect_ratio === AUTO_ASPECT_RATIO ? { aspect_ratio: undefined } : {}),
    },
    ctx,
  );
  const seen = new Set<string>();
  const checkName = (field: string) => (ref: unknown, i: number) => {
    const name = refName(ref);
    if (name === undefined || !REF_NAME.test(name)) return;
    if (seen.has(name)) report(ctx, [field, i, "ref_name"], `"${name}" is used twice`);
    seen.add(name);
    // PixVerse wants "@name" followed by a space; a longer name sharing the prefix does not count.
    if (typeof v.prompt === "string" && !new RegExp(`@${name}(?![A-Za-z0-9_])`).test(v.prompt)) {
      report(ctx, ["prompt"], `must mention @${name}`);
    }
  };
  images.forEach(checkName("image_references"));
  videos.forEach(checkName("video_references"));
};
