/** PixVerse's model capabilities (pixverse-api.md §2.2) and the simulator's catalogues and prices. */

export const models = ["v3.5", "v4", "v4.5", "v5", "v5.5", "v5.6", "v6", "c1"] as const;
export type Model = (typeof models)[number];

export const qualities = ["360p", "540p", "720p", "1080p"] as const;
export type Quality = (typeof qualities)[number];

const classicAspectRatios = ["16:9", "9:16", "1:1", "4:3", "3:4"];
const wideAspectRatios = [...classicAspectRatios, "2:3", "3:2", "21:9"];

/** "realistic": the official MCP's VideoStyle and ComfyUI's PixverseV6Style send it. */
export const styles = ["anime", "3d_animation", "clay", "comic", "cyberpunk", "realistic"];
/** The official MCP's SoundMode (background music instead of described sound). */
export const soundModes = ["default_music"];
export const cameraMovements = [
  "horizontal_left",
  "horizontal_right",
  "vertical_up",
  "vertical_down",
  "zoom_in",
  "zoom_out",
  "auto_camera",
  "crane_up",
  "quickly_zoom_in",
  "quickly_zoom_out",
  "smooth_zoom_in",
  "camera_rotation",
  "robo_arm",
  "super_dolly_out",
  "whip_pan",
  "hitchcock",
  "left_follow",
  "right_follow",
  "pan_left",
  "pan_right",
  "fix_bg",
  // no movement (the official MCP's CameraMovement.DEFAULT)
  "default",
];

export const isLegacyModel = (model: Model) =>
  model === "v3.5" || model === "v4" || model === "v4.5" || model === "v5";
/** motion_mode "fast" exists up to v4.5 only. */
export const supportsFastMotion = (model: Model) => model === "v3.5" || model === "v4" || model === "v4.5";
export const aspectRatiosFor = (model: Model) =>
  model === "v6" || model === "c1" ? wideAspectRatios : classicAspectRatios;

/** Why `duration` is not allowed for model+quality, or null when it is. */
export function durationProblem(model: Model, quality: Quality, duration: number): string | null {
  if (model === "v6" || model === "c1") {
    return duration >= 1 && duration <= 15
      ? null
      : `duration must be an integer from 1 to 15 for model ${model}`;
  }
  if (model === "v5.5" || model === "v5.6") {
    if (![5, 8, 10].includes(duration)) return `duration must be 5, 8 or 10 for model ${model}`;
    return quality === "1080p" && duration === 10 ? "1080p does not support 10s" : null;
  }
  if (![5, 8].includes(duration)) return `duration must be 5 or 8 for model ${model}`;
  // v5 1080p 8 s is priced on PixVerse's pricing page; the older models stop at 5 s there
  return quality === "1080p" && duration === 8 && model !== "v5" ? "1080p does not support 8s" : null;
}

const heights: Record<Quality, number> = { "360p": 360, "540p": 540, "720p": 720, "1080p": 1080 };

/** Output frame size for a quality and aspect ratio (the short side is the quality's height). */
export function outputSize(quality: Quality, aspectRatio = "16:9"): { width: number; height: number } {
  const [w = 16, h = 9] = aspectRatio.split(":").map(Number);
  const short = heights[quality];
  const even = (n: number) => Math.round(n / 2) * 2;
  return w >= h
    ? { width: even((short * w) / h), height: short }
    : { width: short, height: even((short * h) / w) };
}

/** Credits per second of video by quality (old "Model & Pricing" table: 5 s at 540p = 45 credits). */
const creditsPerSecond: Record<Quality, number> = { "360p": 9, "540p": 9, "720p": 12, "1080p": 24 };

export interface PriceInput {
  quality: Quality;
  duration: number;
  fastMotion?: boolean;
  soundEffect?: boolean;
}

/** Credits charged for one video generation (simple, deterministic table; refunds on failure). */
export function videoCredits({ quality, duration, fastMotion, soundEffect }: PriceInput): number {
  const base = creditsPerSecond[quality] * duration * (fastMotion ? 2 : 1);
  return base + (soundEffect ? 10 * Math.ceil(duration / 5) : 0);
}

export const maskSelectionCredits = 2;
export const imageTemplateCredits = 10;
export const lipSyncCreditsPerSecond = 4;
export const mimicCreditsPerSecond: Record<Quality, number> = {
  "360p": 9,
  "540p": 10,
  "720p": 12,
  "1080p": 24,
};
/** Uploaded videos carry no duration the simulator trusts; billing assumes this length. */
export const assumedSourceSeconds = 5;

export interface Template {
  template_id: number;
  /** 1 = video effect, 2 = image effect */
  type: 1 | 2;
  display_name: string;
  display_name_zh: string;
  display_prompt: string;
  /** multi-image templates take img_ids instead of img_id */
  images: number;
  /** some effects refuse 720p/1080p (500071) */
  maxQuality: Quality;
  /** length of the video the effect produces */
  duration: number;
  activated: boolean;
}

export const templates: Template[] = [
  t(315446315336768, 1, "Kiss Kiss", "亲亲", "Two people share a kiss", 2, "1080p", 5, true),
  t(308621408717184, 1, "Hulk", "绿巨人", "Turns the subject into a giant", 1, "1080p", 5, true),
  t(313358700761536, 1, "Muscle Surge", "肌肉爆发", "Muscles grow", 1, "540p", 5, true),
  t(
    321958627120000,
    1,
    "Inactive Effect",
    "未激活特效",
    "An effect this account has not activated",
    1,
    "1080p",
    5,
    false,
  ),
  t(
    340914720654592,
    2,
    "Ghibli Portrait",
    "吉卜力头像",
    "Repaints the image in a hand-drawn style",
    1,
    "1080p",
    0,
    true,
  ),
  t(340914720654848, 2, "Action Figure", "手办", "Turns the subject into a boxed toy", 1, "1080p", 0, true),
];

function t(
  template_id: number,
  type: 1 | 2,
  display_name: string,
  display_name_zh: string,
  display_prompt: string,
  images: number,
  maxQuality: Quality,
  duration: number,
  activated: boolean,
): Template {
  return {
    template_id,
    type,
    display_name,
    display_name_zh,
    display_prompt,
    images,
    maxQuality,
    duration,
    activated,
  };
}

export const restyles = [
  { restyle_id: 1001, name: "Anime" },
  { restyle_id: 1002, name: "Clay" },
  { restyle_id: 1003, name: "Oil Painting" },
  { restyle_id: 1004, name: "Cyberpunk" },
  { restyle_id: 1005, name: "Pixel Art" },
];

/** PixVerse's own lip-sync voices (the TTS list example); custom voices come on top (engine). */
export const systemSpeakers: { speaker_id: string; name: string }[] = [
  ..."Emily James Isabella Liam Chloe Adrian Harper Ava Sophia Julia Mason Jack Oliver Ethan"
    .split(" ")
    .map((name, i) => ({ speaker_id: String(i + 1), name })),
  { speaker_id: "Auto", name: "Auto" },
];
