/** The playground API: nodes by name, a virtual clock, consoles, faults, settle. */

export type { NodeSnapshot, RedisVersion, Reply } from '../engine';
export { ReplyDecoder } from './reply-decoder';
export { DEFAULT_EPOCH, Playground, type PlaygroundEvent, type PlaygroundOptions } from './sim';
