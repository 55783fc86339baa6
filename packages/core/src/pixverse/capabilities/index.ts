export * from "./bodies";
export {
  fields,
  NEGATIVE_PROMPT_MAX,
  PIXVERSE_FIELD_NAMES,
  PROMPT_MAX,
  REF_NAME,
  TTS_CONTENT_MAX,
} from "./fields";
export * from "./models";
export {
  atMostOneOf,
  type ExtraFields,
  exactlyOneOf,
  extraFields,
  fusionRules,
  imageOrTemplateRules,
  modelRules,
  multiTransitionRules,
  type Rule,
  requestBody,
  withRules,
} from "./rules";
