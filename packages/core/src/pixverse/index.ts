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
  CREATION_TYPES,
  type CreationType,
  type CustomVoiceBody,
  SPEAKER_TYPES,
  type SpeakerType,
  TTS_PAGE_SIZES,
  type TtsSpeakerQuery,
  type UsageDetailQuery,
  usageTime,
} from "./queries";
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
  type UsageDetail,
  type VideoSubmitted,
  type VoiceCreated,
} from "./responses";
export {
  InMemoryNonceStore,
  type NonceStore,
  type PixverseWebhookEvent,
  signPixverseWebhook,
  verifyPixverseWebhook,
  WEBHOOK_WINDOW_SECONDS,
  type WebhookRejection,
  type WebhookVerification,
  webhookSignedQuery,
} from "./webhook";
