/**
 * The engine's public surface: a pure Redis server. Hosts create one with `createServer` and drive
 * it through its entry points (onAccept, onData, onClosed, onConnected, onConnectFailed, cron).
 */
export { Server, type ServerOptions, type EngineEvent } from './server';
export type { Net, ConnId, FileStore } from './net';
export type { RedisVersion } from './version';
export { type Reply, encodeReply, encodeCommand, RespDecoder, splitArgs } from './resp';
export { snapshot, type NodeSnapshot } from './snapshot';
