export {
  asReceived,
  CONFORMANCE_CASES,
  type ConformanceCase,
  expectedBody,
  inputWith,
  type MediaKind,
  uploadKey,
  withIds,
} from "./cases";
