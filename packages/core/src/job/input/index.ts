export {
  JOB_TYPE_SPECS,
  type JobTypeSpec,
  jobTypeSpec,
  type MediaField,
  type MediaKind,
  RESULT_KINDS,
  type ResultKind,
} from "./job-types";
export {
  type MediaSlot,
  mediaSlots,
  type PixverseRequest,
  type ResolvedMedia,
  type ResolvedSlot,
  toPixverseRequest,
} from "./media";
export {
  fileRef,
  type InputIssue,
  type InputWarning,
  inputWarningSchema,
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
