import { beforeAll, describe, expect, it } from "vitest";
import { deploymentStage } from "./stage";

// SST gives every function SST_RESOURCE_App; `Resource` reads it on first use, once per process.
beforeAll(() => {
  process.env.SST_RESOURCE_App = JSON.stringify({ name: "pixpipe", stage: "prod" });
});

describe("deploymentStage", () => {
  it("is the SST stage the function was deployed to", () => {
    expect(deploymentStage()).toBe("prod");
  });
});
