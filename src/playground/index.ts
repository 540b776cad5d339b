/** The playground API: nodes by name, a virtual clock, consoles, faults, settle. */

export type { NodeSnapshot, PsyncDecision, PsyncReason, RedisVersion, Reply } from '../engine';
export { asApi, type InFlight, type NetworkShape, type PlaygroundApi } from './api';
export { ReplyDecoder } from './reply-decoder';
export { DEFAULT_EPOCH, Playground, type PlaygroundEvent, type PlaygroundOptions } from './sim';
