export {
  type MediaKind,
  type MediaSlot,
  mediaSlots,
  type PixverseRequest,
  type ResolvedMedia,
  type ResolvedSlot,
  toPixverseRequest,
} from "./media";
export {
  type InputIssue,
  JOB_TYPES,
  type JobInput,
  type JobType,
  jobInputSchemas,
  jobTypeSchema,
  type MediaRef,
  maskSelectionInputSchema,
  mediaRef,
  type ParsedJobRequest,
  parseJobRequest,
} from "./schemas";
