export { CONFIG_SETTINGS, type Config, ConfigError, configSchema, loadConfig } from "./config";
