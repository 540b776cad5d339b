/** Content: data the UI and tutorials show — redis-cli's command help and the starting layouts. */

export { COMMAND_GROUPS, COMMAND_HELP, type CommandHelp, REDIS_CLI_VERSION } from './commands';
export {
  FIRST_PORT,
  PLAYGROUND_HOST,
  PRESETS,
  type Preset,
  type PresetId,
  type PresetPlan,
  presetById,
  type SetupLine,
} from './presets';
