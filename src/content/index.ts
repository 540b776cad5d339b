/**
 * Content: data the UI and tutorials show — redis-cli's command help and the starting layouts. The
 * help table lives in lib (the engine's COMMAND DOCS reads the same summaries); content re-exports it.
 */

export { COMMAND_GROUPS, COMMAND_HELP, type CommandHelp, REDIS_CLI_VERSION } from '../lib';
export {
  FIRST_PORT,
  MAX_NODES,
  PLAYGROUND_HOST,
  PRESETS,
  type Preset,
  type PresetId,
  type PresetPlan,
  presetById,
  type SetupLine,
} from './presets';
