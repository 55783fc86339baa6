export {
  type ImageTemplateBody,
  type MaskSelectionBody,
  MODELS,
  type Model,
  QUALITIES,
  type Quality,
  VIDEO_CAPABILITIES,
  type VideoCapability,
  type VideoCapabilityBody,
} from "./capabilities";
export {
  type GenerateOptions,
  PixverseClient,
  type PixverseClientOptions,
  UPLOAD_MAX_BYTES,
  type UploadFile,
  type UploadSource,
} from "./client";
export { ERR_CODES, type ErrCodeInfo, PixverseError, type PixverseErrorKind } from "./errors";
export { type PixverseId, pixverseId } from "./ids";
export { parsePixverseJson, stringifyPixverseJson } from "./json";
export {
  type Balance,
  type GenerationResult,
  type ImageSubmitted,
  type MaskSelection,
  PIXVERSE_STATUS,
  type Restyles,
  type Templates,
  type TtsSpeakers,
  type UploadedImage,
  type UploadedMedia,
  type VideoSubmitted,
} from "./responses";
export {
  InMemoryNonceStore,
  type NonceStore,
  type PixverseWebhookEvent,
  signPixverseWebhook,
  verifyPixverseWebhook,
  type WebhookRejection,
  type WebhookVerification,
  webhookSignedQuery,
} from "./webhook";
