/** PixVerse ErrCodes (pixverse-api.md §5) with the messages the simulator answers with. */
export const ErrCode = {
  success: 0,
  emptyParameter: 400011,
  invalidAccount: 400012,
  invalidBinding: 400013,
  invalidParameter: 400017,
  promptTooLong: 400018,
  negativePromptTooLong: 400019,
  invalidImageId: 400032,
  notFound: 500008,
  noPermission: 500020,
  imageTooLarge: 500030,
  imageInfoFailed: 500031,
  invalidImageFormat: 500032,
  invalidImageDimensions: 500033,
  imageUploadFailed: 500041,
  invalidImagePath: 500042,
  concurrencyLimit: 500044,
  imageModeration: 500052,
  contentModeration: 500054,
  effectsActivationLimit: 500060,
  inputModeration: 500063,
  contentDeleted: 500064,
  highLoad: 500069,
  templateNotActivated: 500070,
  templateQualityUnsupported: 500071,
  insufficientBalance: 500090,
  databaseError: 500100,
  unknown: 99999,
} as const;

export const defaultErrMsg: Record<number, string> = {
  400011: "Empty parameter",
  400012: "Invalid account",
  400013: "Invalid binding request: incorrect parameter type or value",
  400017: "invalid param",
  400018: "The length of prompt or negative prompt cannot exceed 2048 characters",
  400019: "The length of prompt or negative prompt cannot exceed 2048 characters",
  400032: "Invalid image ID",
  500008: "Requested data not found",
  500020: "User has no permission for this operation",
  500030: "Image size cannot exceed 20MB or 4000*4000",
  500031: "Failed to retrieve image information",
  500032: "Invalid image format",
  500033: "Invalid image width or height",
  500041: "Image upload failed",
  500042: "Invalid image path",
  500044: "Reached the limit for concurrent generations.",
  500052: "image failed moderation",
  500054: "Content moderation failure, the image may contain inappropriate content",
  500060: "Monthly effects activation limit reached",
  500063: "Moderation failed for the input video, image or text",
  500064: "Content has been deleted",
  500069: "The system is currently under high load, please try again later",
  500070: "Current template is not activated",
  500071: "This effect does not support 720p or 1080p",
  500090: "Insufficient balance, unable to generate video. Please top up credits",
  500100: "Internal database error",
  99999: "Unknown error",
};

/** A business failure a handler raises; the app turns it into PixVerse's error envelope. */
export class PixverseError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string = defaultErrMsg[errCode] ?? "error",
  ) {
    super(`${errCode}: ${errMsg}`);
    this.name = "PixverseError";
  }
}

export const invalidParam = (detail: string) =>
  new PixverseError(ErrCode.invalidParameter, `invalid param: ${detail}`);
export const emptyParam = (field: string) =>
  new PixverseError(ErrCode.emptyParameter, `Empty parameter: ${field}`);
export const wrongType = (field: string, expected: string) =>
  new PixverseError(ErrCode.invalidBinding, `${defaultErrMsg[400013]}: ${field} must be ${expected}`);

/** Body and HTTP status of an error answer. 500052 is documented with HTTP 500 and lower-case keys. */
export function errorEnvelope(
  errCode: number,
  errMsg: string,
): { status: 200 | 500; body: Record<string, unknown> } {
  if (errCode === ErrCode.imageModeration) {
    return { status: 500, body: { err_code: errCode, err_msg: errMsg, resp: "" } };
  }
  return { status: 200, body: { ErrCode: errCode, ErrMsg: errMsg, Resp: null } };
}
