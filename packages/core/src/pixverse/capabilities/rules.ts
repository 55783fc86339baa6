import { z } from "zod";
import { REF_NAME } from "./fields";
import { fusionMaxReferences, isModel, MODEL_RULES } from "./models";

/**
 * A cross-field rule of PixVerse's. Rules run even when some fields already failed their own schema (so that
 * every problem is reported at once), hence they read the object loosely and skip what they cannot judge.
 */
export type Rule = (value: Readonly<Record<string, unknown>>, ctx: z.RefinementCtx) => void;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const present = (value: unknown) => value !== undefined && value !== null;

const report = (ctx: z.RefinementCtx, path: PropertyKey[], message: string) =>
  ctx.addIssue({ code: "custom", path, message, input: undefined });

/** A strict object of `shape` checked by `rules`; unknown fields are refused so typos surface. */
export function withRules<Shape extends z.ZodRawShape>(shape: Shape, rules: readonly Rule[]) {
  return z.strictObject(shape).superRefine(
    (value, ctx) => {
      for (const rule of rules) rule(value as Record<string, unknown>, ctx);
    },
    { when: (payload) => isRecord(payload.value) },
  );
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
  if (present(v.camera_movement)) {
    if (!rules.cameraMovement)
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
  if (v.lip_sync_tts_switch === true) {
    if (!rules.lipSyncInGeneration)
      report(ctx, ["lip_sync_tts_switch"], "lip sync in a generation needs v3.5-v5");
    if (!present(v.lip_sync_tts_content))
      report(ctx, ["lip_sync_tts_content"], "required when lip_sync_tts_switch is on");
  }
};

/**
 * Exactly one of the alternatives; an alternative of several fields (the TTS pair) needs all of them.
 * `exactlyOneOf(["source_video_id"], ["video_media_id"])`.
 */
export function exactlyOneOf(...alternatives: readonly (readonly string[])[]): Rule {
  const describe = (fields: readonly string[]) => fields.join(" with ");
  const names = alternatives.map(describe).join(" or ");
  return (v, ctx) => {
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
  };
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

/** Fusion references: at most 3 (v4.5, v5) or 7 per model, unique names, each named in the prompt as @ref_name. */
export const fusionRules: Rule = (v, ctx) => {
  const refs = v.image_references;
  if (!Array.isArray(refs)) return;
  if (isModel(v.model) && refs.length > fusionMaxReferences(v.model)) {
    report(
      ctx,
      ["image_references"],
      `model ${v.model} takes at most ${fusionMaxReferences(v.model)} references`,
    );
  }
  const seen = new Set<string>();
  refs.forEach((ref: unknown, i) => {
    const name = isRecord(ref) ? ref.ref_name : undefined;
    if (typeof name !== "string" || !REF_NAME.test(name)) return;
    if (seen.has(name)) report(ctx, ["image_references", i, "ref_name"], `"${name}" is used twice`);
    seen.add(name);
    // PixVerse wants "@name" followed by a space; a longer name sharing the prefix does not count.
    if (typeof v.prompt === "string" && !new RegExp(`@${name}(?![A-Za-z0-9_])`).test(v.prompt)) {
      report(ctx, ["prompt"], `must mention @${name}`);
    }
  });
};
