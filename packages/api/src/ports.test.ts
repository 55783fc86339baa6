import type { JobService, Logger, WebhookReceiver } from "@pixpipe/core/pipeline";
import type { TenantRepository } from "@pixpipe/core/tenant";
import { describe, expectTypeOf, it } from "vitest";
import type { ApiDeps, ApiLogger, JobsPort, WebhooksPort } from "./ports";

// Compile-time checks (run by `tsc`): core's real classes satisfy the API's ports, so the Lambda entry
// point can pass them to createApp unchanged.
describe("ports", () => {
  it("are satisfied by core's JobService, WebhookReceiver, tenant lookup and logger", () => {
    expectTypeOf<JobService>().toExtend<JobsPort>();
    expectTypeOf<WebhookReceiver>().toExtend<WebhooksPort>();
    expectTypeOf<TenantRepository["authenticate"]>().toExtend<ApiDeps["authenticate"]>();
    expectTypeOf<Logger>().toExtend<ApiLogger>();
  });
});
