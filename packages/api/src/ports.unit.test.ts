import type { Logger, WebhookReceiver } from "@pixpipe/core/pipeline";
import type {
  AccountService,
  CatalogService,
  JobService,
  MaskService,
  UploadService,
  WebhookDeliveryService,
} from "@pixpipe/core/services";
import type { TenantRepository } from "@pixpipe/core/tenant";
import { describe, expectTypeOf, it } from "vitest";
import type {
  AccountPort,
  ApiDeps,
  ApiLogger,
  CatalogPort,
  DeliveriesPort,
  JobsPort,
  MasksPort,
  UploadsPort,
  WebhooksPort,
} from "./ports";

// Compile-time checks (run by `tsc`): core's real services satisfy the API's ports, so the Lambda entry
// point can pass them to createApp unchanged.
describe("ports", () => {
  it("are satisfied by core's services, webhook receiver, tenant lookup and logger", () => {
    expectTypeOf<JobService>().toExtend<JobsPort>();
    expectTypeOf<WebhookDeliveryService>().toExtend<DeliveriesPort>();
    expectTypeOf<UploadService>().toExtend<UploadsPort>();
    expectTypeOf<MaskService>().toExtend<MasksPort>();
    expectTypeOf<CatalogService>().toExtend<CatalogPort>();
    expectTypeOf<AccountService>().toExtend<AccountPort>();
    expectTypeOf<WebhookReceiver>().toExtend<WebhooksPort>();
    expectTypeOf<TenantRepository["authenticate"]>().toExtend<ApiDeps["authenticate"]>();
    expectTypeOf<Logger>().toExtend<ApiLogger>();
  });
});
