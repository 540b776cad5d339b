/** The playground API: nodes by name, a virtual clock, consoles, faults, settle. */
export { Playground, type PlaygroundOptions, type PlaygroundEvent, DEFAULT_EPOCH } from './sim';
export { ReplyDecoder } from './reply-decoder';
export type { Reply, NodeSnapshot, RedisVersion } from '../engine';
