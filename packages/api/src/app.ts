import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { accessLog } from "./access-log";
import type { ApiApp, AppEnv } from "./api-app";
import { authenticate } from "./auth";
import { MEDIA_REF_SCHEMAS } from "./contract";
import { ApiError, errorHandler, errorResponse, notFoundHandler, validationError } from "./errors";
import type { ApiDeps, ApiLogger } from "./ports";
import * as cancelJob from "./routes/cancelJob";
import * as createApiKey from "./routes/createApiKey";
import * as createJob from "./routes/createJob";
import * as createTenant from "./routes/createTenant";
import * as createUpload from "./routes/createUpload";
import * as docs from "./routes/docs";
import * as getBalance from "./routes/getBalance";
import * as getCatalog from "./routes/getCatalog";
import * as getJob from "./routes/getJob";
import * as getJobVideo from "./routes/getJobVideo";
import * as getMe from "./routes/getMe";
import * as getTenant from "./routes/getTenant";
import * as getUsage from "./routes/getUsage";
import * as getWebhookSecret from "./routes/getWebhookSecret";
import * as health from "./routes/health";
import * as home from "./routes/home";
import * as listApiKeys from "./routes/listApiKeys";
import * as listJobDeliveries from "./routes/listJobDeliveries";
import * as listJobs from "./routes/listJobs";
import * as listTenants from "./routes/listTenants";
import * as receivePixverseWebhook from "./routes/receivePixverseWebhook";
import * as revokeApiKey from "./routes/revokeApiKey";
import * as rotateApiKey from "./routes/rotateApiKey";
import * as rotateWebhookSecret from "./routes/rotateWebhookSecret";
import * as selectMasks from "./routes/selectMasks";
import * as updateTenant from "./routes/updateTenant";

/** Request bodies here are small JSON documents (webhooks included); anything larger is refused. */
export const MAX_BODY_BYTES = 1024 * 1024;

const consoleLogger: ApiLogger = {
  info: (message, attributes) => console.info(message, attributes),
  warn: (message, attributes) => console.warn(message, attributes),
  error: (message, attributes) => console.error(message, attributes),
};

const ROUTES = [
  createJob,
  listJobs,
  getJob,
  listJobDeliveries,
  cancelJob,
  getJobVideo,
  createUpload,
  selectMasks,
  getCatalog,
  getMe,
  getBalance,
  getUsage,
  getWebhookSecret,
  rotateWebhookSecret,
  createTenant,
  listTenants,
  getTenant,
  updateTenant,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  rotateApiKey,
  receivePixverseWebhook,
  health,
  home,
  docs,
];

export function createApp(deps: ApiDeps): ApiApp {
  const app: ApiApp = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return errorResponse(c, validationError(result.target, result.error));
    },
  });

  const logger = deps.logger ?? consoleLogger;
  app.onError(errorHandler(logger));
  app.notFound(notFoundHandler);

  app.use(requestId());
  app.use(accessLog(logger));
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        errorResponse(
          c,
          new ApiError(413, "payload_too_large", `The request body exceeds ${MAX_BODY_BYTES} bytes.`),
        ),
    }),
  );
  app.use("/v1/*", authenticate(deps));

  for (const [name, schema] of Object.entries(MEDIA_REF_SCHEMAS)) app.openAPIRegistry.register(name, schema);
  for (const route of ROUTES) route.register(app, deps);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "A pixpipe API key: Authorization: Bearer <key>.",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "pixpipe",
      version: "1.0.0",
      description: "Video generation jobs on the PixVerse Platform API, archived to S3 and announced on SQS.",
    },
    security: [{ bearerAuth: [] }],
  });

  return app;
}
