export {
  type FetchedMedia,
  MediaFetchError,
  PublicUrlFetcher,
  readLimited,
  type UrlPolicy,
} from "./fetch-public-url";
export { assertPublicHostResolves, ForbiddenAddressError, isPublicAddress } from "./public-address";
