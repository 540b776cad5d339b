/**
 * Dependency-free helpers shared by every layer: clocks, seeded randomness, byte strings, events,
 * and Redis's command help table (the console's `help` and the engine's COMMAND DOCS).
 */

export { binFromBytes, binOf, binToUtf8, bytesFromBin, concatBytes, utf8ToBin } from './bytes';
export { type Clock, SimClock } from './clock';
export {
  COMMAND_GROUPS,
  COMMAND_HELP,
  type CommandHelp,
  commandHelp,
  REDIS_CLI_VERSION,
} from './commandhelp';
export { type Disposer, Emitter } from './emitter';
export { type Rng, randInt, randomHex, seededRng } from './rng';
