export {
  discardBody,
  HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  HttpTimeoutError,
  type HttpTimeoutPhase,
} from "./client";
export { type EncodedForm, encodeMultipart } from "./multipart";
export { followRedirects, type RedirectOptions, redirectTarget } from "./redirects";
