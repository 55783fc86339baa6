import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const GENERATED = fileURLToPath(new URL("./api.ts", import.meta.url));
const PROBE = fileURLToPath(new URL("./types-probe.ts", import.meta.url));

// Requests as a caller writes them against the generated types: each `@ts-expect-error` line must be
// refused at compile time (an unused one is itself an error), every other line accepted.
const PROBE_SOURCE = `
import type { components } from "./api";
type CreateJob = components["schemas"]["CreateJobRequest"];
const video = { url: "https://media.example.com/a.mp4" };

export const accepted: CreateJob[] = [
  { type: "lip_sync", input: { video, audio: { upload: "uploads/t/1/hello.mp3" } } },
  { type: "lip_sync", input: { video: { job: "01J9" }, lip_sync_tts_speaker_id: "1", lip_sync_tts_content: "Hi" } },
  { type: "restyle", input: { video, restyle_prompt: "watercolor" } },
];

export const refused: CreateJob[] = [
  // @ts-expect-error a media reference names its source
  { type: "lip_sync", input: { video: {}, audio: { url: "https://media.example.com/a.mp3" } } },
  // @ts-expect-error lip_sync needs audio or a voice with a text
  { type: "lip_sync", input: { video } },
  // @ts-expect-error audio is a file, never an earlier job
  { type: "lip_sync", input: { video, audio: { job: "01J9" } } },
  // @ts-expect-error restyle needs restyle_id or restyle_prompt
  { type: "restyle", input: { video } },
  // @ts-expect-error the type decides the input
  { type: "upscale", input: { prompt: "a fox" } },
];
`;

function compileProbe(): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (file) => file === PROBE || ts.sys.fileExists(file);
  host.readFile = (file) => (file === PROBE ? PROBE_SOURCE : readFile(file));
  host.getSourceFile = (file, language, onError) =>
    file === PROBE ? ts.createSourceFile(file, PROBE_SOURCE, language) : getSourceFile(file, language, onError);
  const program = ts.createProgram([PROBE, GENERATED], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

describe("the client's generated types", () => {
  it("accept valid job requests and refuse, at compile time, what the API refuses", () => {
    expect(compileProbe()).toEqual([]);
  }, 60_000);
});
