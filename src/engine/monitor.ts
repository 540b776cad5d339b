/**
 * MONITOR's feed (replicationFeedMonitors): every command a server runs, as one status line per
 * command sent to each client in MONITOR mode — `<sec>.<usec> [<db> <peer>] "arg" ...` with each
 * argument quoted and escaped as sdscatrepr does. The time is the server's clock when the line is
 * made (the simulated clock in the playground); a script's commands say `lua` instead of a peer.
 * Administrative commands (CMD_ADMIN) and those flagged skip-monitor are never shown by call()
 * (EVAL shows itself, before its script's commands); a command refused before it ran (unknown, wrong arity,
 * subscribe mode, ...) is not shown either. 7.0 feeds a command after it ran (so EXEC comes after
 * the commands it ran), 4.0 before.
 */
import type { Client } from './client';
import type { Command } from './commands/types';
import { status } from './resp';
import type { Server } from './server';

/** sdscatrepr: a byte string in double quotes, with C escapes and \xHH for other bytes. */
export function repr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const b = s.charCodeAt(i);
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (b === 7) out += '\\a';
    else if (b === 8) out += '\\b';
    else if (b >= 32 && b < 127) out += ch;
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

/** Whether a command (or the 7.0 subcommand argv names) is kept from monitors. */
export function hiddenFromMonitors(cmd: Command, argv: readonly string[], is7: boolean): boolean {
  let flags: readonly string[] = is7 ? cmd.flags : (cmd.flags40 ?? cmd.flags);
  if (is7 && cmd.subcommands !== undefined && argv.length >= 2) {
    const sub = argv[1].toLowerCase();
    if (Object.hasOwn(cmd.subcommands, sub)) flags = cmd.subcommands[sub].flags;
  }
  return flags.includes('admin') || flags.includes('skip-monitor');
}

/** Send one command's line to every monitor. */
export function feedMonitors(srv: Server, c: Client, dbid: number, argv: readonly string[]): void {
  const now = srv.opts.clock.now();
  const sec = Math.floor(now / 1000);
  const usec = Math.floor((now - sec * 1000) * 1000);
  // The client scripts run their commands as has no peer: Redis shows it as "lua".
  let line = `${sec}.${String(usec).padStart(6, '0')} [${dbid} ${c.addr === '' ? 'lua' : c.addr}]`;
  for (const a of argv) line += ` ${repr(a)}`;
  const r = status(line);
  for (const m of srv.monitors) srv.reply(m, r);
}
