export { MediaFetchError, type MediaProblem } from "./errors";
export { type FetchedMedia, PublicUrlFetcher, readLimited, type UrlPolicy } from "./fetch-public-url";
export {
  addressRange,
  assertPublicHostResolves,
  ForbiddenAddressError,
  isPublicAddress,
  publicOnlyLookup,
} from "./public-address";
export { mediaMismatch, SNIFF_BYTES, type SniffedMedia, sniffMedia } from "./sniff";
