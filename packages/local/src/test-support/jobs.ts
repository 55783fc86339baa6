/** Job bodies the e2e tests and the benchmarks send (free of any test runner). */
export const TEXT_TO_VIDEO = {
  type: "text_to_video",
  input: {
    prompt: "a red fox running through snow",
    model: "v5",
    duration: 5,
    quality: "540p",
    aspect_ratio: "16:9",
  },
} as const;
