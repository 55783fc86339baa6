import { Resource } from "sst/resource";

/** The SST stage of this process (`Resource.App.stage`, which SST gives every function), else "local". */
export function deploymentStage(): string {
  try {
    // Resource's declared type only knows what sst-env.d.ts generated; read it as plain data.
    const app = (Resource as unknown as Record<string, { stage?: unknown } | undefined>).App;
    return typeof app?.stage === "string" && app.stage !== "" ? app.stage : "local";
  } catch {
    return "local"; // Resource throws when no SST links are active at all.
  }
}
