/**
 * The slow log (slowlog.c): the newest commands whose execution took at least
 * slowlog-log-slower-than microseconds (0 logs everything, a negative value nothing), at most
 * slowlog-max-len of them. An entry keeps the arguments as typed — at most 32, the last one then
 * saying how many more there were, each cut to 128 bytes — with secrets (AUTH, HELLO AUTH, a
 * sensitive CONFIG SET value) replaced by `(redacted)`, the client's address and name.
 *
 * Duration model: a command takes no measurable time in the engine, so every call is booked at
 * 1 µs (as INFO commandstats books it), except DEBUG SLEEP, which takes the time it sleeps for.
 */
import type { Client } from './client';
import type { Command } from './commands/types';
import type { Server } from './server';

export interface SlowlogEntry {
  id: number;
  /** Unix time in seconds. */
  time: number;
  durationUs: number;
  argv: string[];
  peer: string;
  name: string;
}

const MAX_ARGC = 32;
const MAX_STRING = 128;
/** CONFIG SET parameters whose values are secrets (SENSITIVE_CONFIG). */
const SENSITIVE = new Set(['requirepass', 'masterauth']);

export class SlowLog {
  /** Newest first. */
  entries: SlowlogEntry[] = [];
  nextId = 0;
}

/** The arguments as the log keeps them: redacted, cut in number and length. */
function logged(argv: string[]): string[] {
  const cmd = argv[0].toLowerCase();
  const redact = (i: number) =>
    (cmd === 'auth' && i > 0) ||
    (cmd === 'hello' && i >= 3 && argv[i - 1]?.toLowerCase() === 'auth') ||
    (cmd === 'hello' && i >= 4 && argv[i - 2]?.toLowerCase() === 'auth') ||
    (cmd === 'config' && i >= 3 && i % 2 === 1 && SENSITIVE.has(argv[i - 1].toLowerCase()));
  const n = Math.min(argv.length, MAX_ARGC);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (n !== argv.length && i === n - 1) out.push(`... (${argv.length - n + 1} more arguments)`);
    else if (redact(i)) out.push('(redacted)');
    else if (argv[i].length > MAX_STRING)
      out.push(`${argv[i].slice(0, MAX_STRING)}... (${argv[i].length - MAX_STRING} more bytes)`);
    else out.push(argv[i]);
  }
  return out;
}

/** The modelled duration of a call, in µs: 1, or the sleep a DEBUG SLEEP started. */
export function callDuration(srv: Server, startedAt: number, sleptBefore: number): number {
  return srv.sleepUntil !== 0 && srv.sleepUntil !== sleptBefore ? Math.max(1, (srv.sleepUntil - startedAt) * 1000) : 1;
}

/** slowlogPushCurrentCommand: log the call if it was slow enough (SKIP_SLOWLOG commands never are). */
export function slowlogPush(srv: Server, c: Client, cmd: Command, argv: string[], durationUs: number): void {
  if (cmd.flags.includes('skip-slowlog')) return;
  const slower = srv.config.int('slowlog-log-slower-than');
  const log = srv.slowlog;
  if (slower < 0) return;
  if (durationUs >= slower) {
    log.entries.unshift({
      id: log.nextId++,
      time: srv.unixtime,
      durationUs,
      argv: logged(argv),
      // The scripting client has no socket (Redis prints it as ?:0) and no name.
      peer: c.fd < 0 ? '?:0' : c.addr,
      name: c.fd < 0 ? '' : c.name,
    });
  }
  const max = srv.config.int('slowlog-max-len');
  if (log.entries.length > max) log.entries.length = max;
}
