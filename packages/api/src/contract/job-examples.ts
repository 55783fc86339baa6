import type { JobType, jobInputSchemas } from "@pixpipe/core/job/input";
import type { z } from "zod";

/** A request of one job type, as the document shows it beside POST /v1/jobs. */
interface JobExample<T extends JobType> {
  summary: string;
  value: { type: T; input: z.input<(typeof jobInputSchemas)[T]>; metadata?: Record<string, string> };
}

// Media by URL keeps each example self-contained (an upload key or a job id exists only in one account);
// the MediaRef schema shows the other two forms. Catalogue ids are ones PixVerse lists (GET /v1/catalog/…).
const IMAGE = { url: "https://media.example.com/fox.png" };
const VIDEO = { url: "https://media.example.com/fox.mp4" };

/**
 * One working request per job type, in the document (the route's `examples`). A test sends each to the
 * API, so an example that stops being accepted fails the build instead of misleading a reader.
 */
export const JOB_EXAMPLES: { readonly [T in JobType]: JobExample<T> } = {
  text_to_video: {
    summary: "A 5 s clip from a prompt",
    value: {
      type: "text_to_video",
      input: {
        prompt: "A red fox running through fresh snow at dawn, cinematic",
        model: "v5",
        duration: 5,
        quality: "540p",
        aspect_ratio: "16:9",
      },
      metadata: { orderId: "A-1042" },
    },
  },
  image_to_video: {
    summary: "Animate an image",
    value: {
      type: "image_to_video",
      input: {
        image: IMAGE,
        prompt: "The fox turns its head and sniffs the air",
        model: "v5",
        duration: 5,
        quality: "540p",
      },
    },
  },
  effect: {
    summary: "A template (effect) on one image",
    value: { type: "effect", input: { template_id: "308621408717184", image: IMAGE, quality: "540p" } },
  },
  transition: {
    summary: "From a first frame to a last frame",
    value: {
      type: "transition",
      input: {
        first_frame: IMAGE,
        last_frame: { url: "https://media.example.com/fox-asleep.png" },
        prompt: "The fox curls up and falls asleep",
        model: "v5",
        duration: 5,
        quality: "540p",
      },
    },
  },
  multi_transition: {
    summary: "Through three keyframes",
    value: {
      type: "multi_transition",
      input: {
        model: "v5",
        quality: "540p",
        multi_transition: [
          { image: IMAGE, duration: 3, prompt: "The fox runs to the log" },
          { image: { url: "https://media.example.com/fox-log.png" }, duration: 3, prompt: "It leaps over" },
          { image: { url: "https://media.example.com/fox-asleep.png" } },
        ],
      },
    },
  },
  fusion: {
    summary: "A subject and a background, named in the prompt",
    value: {
      type: "fusion",
      input: {
        prompt: "@fox trots across @meadow in the evening light",
        model: "v5",
        duration: 5,
        quality: "540p",
        aspect_ratio: "16:9",
        image_references: [
          { type: "subject", ref_name: "fox", image: IMAGE },
          { type: "background", ref_name: "meadow", image: { url: "https://media.example.com/meadow.png" } },
        ],
      },
    },
  },
  extend: {
    summary: "Continue a video",
    value: {
      type: "extend",
      input: {
        video: VIDEO,
        prompt: "The fox stops and looks back at the camera",
        model: "v5",
        duration: 5,
        quality: "540p",
        seed: 42,
      },
    },
  },
  modify: {
    summary: "Edit a video with a prompt",
    value: {
      type: "modify",
      input: { video: VIDEO, prompt: "Make it a snowy night", quality: "540p" },
    },
  },
  restyle: {
    summary: "Restyle a video with a preset",
    value: { type: "restyle", input: { video: VIDEO, restyle_id: "1001" } },
  },
  sound_effect: {
    summary: "Add described sound to a video",
    value: {
      type: "sound_effect",
      input: { video: VIDEO, sound_effect_content: "crunching snow, distant wind" },
    },
  },
  lip_sync: {
    summary: "Make a speaker say a text in a catalogue voice",
    value: {
      type: "lip_sync",
      input: {
        video: { url: "https://media.example.com/presenter.mp4" },
        lip_sync_tts_speaker_id: "1",
        lip_sync_tts_content: "Welcome to the show!",
      },
    },
  },
  swap: {
    summary: "Replace a mask POST /v1/masks found",
    value: {
      type: "swap",
      input: {
        video: VIDEO,
        image: { url: "https://media.example.com/wolf.png" },
        keyframe_id: 1,
        mask_id: "1",
        quality: "540p",
      },
    },
  },
  mimic: {
    summary: "A subject copies a video's motion",
    value: {
      type: "mimic",
      input: {
        video: { url: "https://media.example.com/dance.mp4" },
        image: IMAGE,
        quality: "540p",
      },
    },
  },
  upscale: {
    summary: "Upscale a video",
    value: { type: "upscale", input: { video: VIDEO, quality: "1080p" } },
  },
  image_template: {
    summary: "An image from an image template",
    value: { type: "image_template", input: { template_id: "340914720654848", images: [IMAGE] } },
  },
};
