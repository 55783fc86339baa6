export {
  CONFIG_SETTINGS,
  type Config,
  ConfigError,
  configSchema,
  LINKED_SETTINGS,
  type LinkedSetting,
  loadConfig,
  requireSetting,
} from "./config";
