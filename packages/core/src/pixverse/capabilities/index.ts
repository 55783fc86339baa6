export * from "./bodies";
export { fields, NEGATIVE_PROMPT_MAX, PROMPT_MAX, REF_NAME, TTS_CONTENT_MAX } from "./fields";
export * from "./models";
export {
  exactlyOneOf,
  fusionRules,
  imageOrTemplateRules,
  modelRules,
  multiTransitionRules,
  type Rule,
  withRules,
} from "./rules";
