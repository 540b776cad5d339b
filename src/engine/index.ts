/**
 * The engine's public surface: a pure Redis server. Hosts create one with `createServer` and drive
 * it through its entry points (onAccept, onData, onClosed, onConnected, onConnectFailed, cron).
 */

export type { ConnId, FileStore, Net } from './net';
export { SOCKET_CAPACITY, SOCKET_WAKE_AT } from './net';
export { snapshotRdb } from './persistence';
export { encodeCommand, encodeReply, type Reply, RespDecoder, splitArgs } from './resp';
export { type EngineEvent, Server, type ServerOptions } from './server';
export { type NodeSnapshot, type PsyncDecision, type PsyncReason, snapshot } from './snapshot';
export type { RedisVersion } from './version';
