/**
 * The command table: the only place that knows every command (mini-redis cmd/mod.rs). Data-type
 * commands come from data.ts; server, transaction and replication commands are listed here.
 */

import type { RedisVersion } from '../version';
import { aclCommand } from './acl';
import { authCommand } from './auth';
import { bgrewriteaofCommand } from './bgrewriteaof';
import { clientCommand } from './client';
import { commandCommand } from './command';
import { configCommand } from './config';
import { dataCommands } from './data';
import { debugCommand } from './debug';
import { echoCommand } from './echo';
import { evalCommand, evalRoCommand, evalshaCommand, evalshaRoCommand } from './eval';
import { failoverCommand } from './failover';
import { fcallCommand, fcallRoCommand } from './fcall';
import { functionCommand } from './function';
import { helloCommand } from './hello';
import { infoCommand } from './info';
import { latencyCommand } from './latency';
import { lolwutCommand } from './lolwut';
import { memoryCommand } from './memory';
import { monitorCommand } from './monitor';
import { discardCommand, execCommand, multiCommand } from './multi';
import { objectCommand } from './object';
import { pingCommand } from './ping';
import { psubscribeCommand } from './psubscribe';
import { publishCommand } from './publish';
import { pubsubCommand } from './pubsub';
import { punsubscribeCommand } from './punsubscribe';
import { quitCommand } from './quit';
import { psyncCommand, replconfCommand, syncCommandSpec } from './replconf';
import { replicaofCommand, slaveofCommand } from './replicaof';
import { resetCommand } from './reset';
import { roleCommand } from './role';
import { bgsaveCommand, saveCommand } from './save';
import { scriptCommand } from './script';
import { selectCommand } from './select';
import { shutdownCommand } from './shutdown';
import { slowlogCommand } from './slowlog';
import { spublishCommand } from './spublish';
import { ssubscribeCommand } from './ssubscribe';
import { subscribeCommand } from './subscribe';
import { sunsubscribeCommand } from './sunsubscribe';
import { lastsaveCommand, timeCommand } from './time';
import type { Command } from './types';
import { unsubscribeCommand } from './unsubscribe';
import { unwatchCommand } from './unwatch';
import { waitCommand } from './wait';
import { watchCommand } from './watch';

/**
 * The server commands, listed when the table is first built rather than when this module is
 * evaluated: some command modules reach this index through their helpers (a cycle), and an entry
 * read during that evaluation could still be unset.
 */
const serverCommands = (): Command[] => [
  pingCommand,
  echoCommand,
  selectCommand,
  multiCommand,
  execCommand,
  discardCommand,
  watchCommand,
  unwatchCommand,
  infoCommand,
  roleCommand,
  configCommand,
  clientCommand,
  commandCommand,
  timeCommand,
  lastsaveCommand,
  saveCommand,
  bgsaveCommand,
  shutdownCommand,
  waitCommand,
  slaveofCommand,
  replicaofCommand,
  replconfCommand,
  psyncCommand,
  syncCommandSpec,
  debugCommand,
  failoverCommand,
  objectCommand,
  quitCommand,
  evalCommand,
  evalshaCommand,
  evalRoCommand,
  evalshaRoCommand,
  fcallCommand,
  fcallRoCommand,
  functionCommand,
  scriptCommand,
  aclCommand,
  authCommand,
  helloCommand,
  // pub/sub
  psubscribeCommand,
  publishCommand,
  pubsubCommand,
  punsubscribeCommand,
  spublishCommand,
  ssubscribeCommand,
  subscribeCommand,
  sunsubscribeCommand,
  unsubscribeCommand,
  monitorCommand,
  resetCommand,
  // diagnostics
  slowlogCommand,
  latencyCommand,
  memoryCommand,
  lolwutCommand,
  bgrewriteaofCommand,
];

let table: Map<string, Command> | null = null;

function build(): Map<string, Command> {
  const m = new Map<string, Command>();
  for (const c of [...serverCommands(), ...dataCommands]) m.set(c.name, c);
  return m;
}

/** Look a command up by lowercase name in a dialect. */
export function findCommand(name: string, version: RedisVersion): Command | undefined {
  table ??= build();
  const c = table.get(name);
  if (!c) return undefined;
  if (c.versions && !c.versions.includes(version)) return undefined;
  return c;
}

/** Every command a dialect knows. */
export function allCommands(version: RedisVersion): Command[] {
  table ??= build();
  return [...table.values()].filter((c) => !c.versions || c.versions.includes(version));
}

export type { Command, CommandFlag, Ctx } from './types';
