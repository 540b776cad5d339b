// CLIENT ID | CLIENT INFO | CLIENT LIST [TYPE type | ID id [id ...]] | CLIENT SETNAME name |
// CLIENT GETNAME | CLIENT KILL ip:port | CLIENT KILL [ID id] [TYPE type] [ADDR ip:port]
// [LADDR ip:port] [USER name] [SKIPME yes|no] | CLIENT UNBLOCK id [TIMEOUT|ERROR] |
// CLIENT NO-EVICT on|off | CLIENT PAUSE timeout [WRITE|ALL] | CLIENT UNPAUSE | CLIENT GETREDIR |
// CLIENT TRACKINGINFO | CLIENT HELP
//
// 7.0 is a container command (the server checks the subcommand and its arity); 4.0 knows LIST,
// KILL, GETNAME, SETNAME, PAUSE and REPLY and answers anything else with its one syntax error.
// KILL is how a learner cuts a replication link from either end: `CLIENT KILL TYPE master` on a
// replica, `CLIENT KILL TYPE replica` on a master; the link's own bookkeeping (caching the master,
// reconnecting, "Connection with replica … lost") runs as for any other closed link. PAUSE is the
// first step of a manual failover: paused, a master accepts no writes (WRITE) or nothing (ALL),
// so its replicas can catch up; a paused replica stops applying its master's stream too.

import { unblockWithReply } from '../blocking';
import type { Client } from '../client';
import { clientInfoString } from '../clientinfo';
import { inPubSubMode } from '../pubsub';
import { array, bulk, ERR, error, int, map, NIL_ARRAY, OK, type Reply, setReply, verbatim } from '../resp';
import type { Server } from '../server';
import { clientSubcommands } from './client-subcommands';
import type { Command, Ctx } from './types';
import { helpReply } from './util/help';
import { timeoutArg } from './util/timeout';

const SYNTAX_40 = 'ERR Syntax error, try CLIENT (LIST | KILL | GETNAME | SETNAME | PAUSE | REPLY)';

type ClientType = 'normal' | 'slave' | 'master' | 'pubsub';

/** getClientTypeByName: `replica` is 7.0's alias of `slave`. */
/** A client id argument: digits with an optional minus, within the safe integers; null otherwise. */
function clientIdArg(s: string): number | null {
  return /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : null;
}

function typeByName(name: string, is7: boolean): ClientType | null {
  const n = name.toLowerCase();
  if (n === 'normal' || n === 'slave' || n === 'master' || n === 'pubsub') return n;
  if (n === 'replica' && is7) return 'slave';
  return null;
}

/** getClientType: the master link, a replica, a client in subscribe mode, or a normal client. */
function typeOf(srv: Server, c: Client): ClientType {
  if (c.isMaster) return 'master';
  if (srv.isReplicaClient(c)) return 'slave';
  if (inPubSubMode(c)) return 'pubsub';
  return 'normal';
}

function unknownType(name: string): Reply {
  return error(`ERR Unknown client type '${name}'`);
}

function list(ctx: Ctx): Reply {
  const srv = ctx.srv;
  const argv = ctx.argv;
  const line = (c: Client) => `${clientInfoString(srv, c, c === ctx.client ? argv : undefined)}\n`;
  let out = '';
  if (argv.length === 2) {
    for (const c of srv.clients.values()) out += line(c);
  } else if (srv.d.is7 && argv.length === 4 && argv[2].toLowerCase() === 'type') {
    const type = typeByName(argv[3], true);
    if (type === null) return unknownType(argv[3]);
    for (const c of srv.clients.values()) if (typeOf(srv, c) === type) out += line(c);
  } else if (srv.d.is7 && argv.length > 3 && argv[2].toLowerCase() === 'id') {
    for (const a of argv.slice(3)) {
      const id = clientIdArg(a);
      if (id === null) return error('ERR Invalid client ID');
      for (const c of srv.clients.values()) if (c.id === id) out += line(c);
    }
  } else {
    return srv.d.is7 ? ERR.syntax : error(SYNTAX_40);
  }
  return verbatim(out);
}

/** CLIENT KILL, old form (one address: OK or "No such client") and new form (filters: a count). */
function kill(ctx: Ctx): Reply {
  const srv = ctx.srv;
  const argv = ctx.argv;
  const is7 = srv.d.is7;
  let addr: string | null = null;
  let laddr: string | null = null;
  let type: ClientType | null = null;
  let id = 0;
  let skipme = true;
  if (argv.length === 3) {
    addr = argv[2];
    skipme = false; // with the old form a client may kill itself
  } else if (argv.length > 3) {
    for (let i = 2; i < argv.length; i += 2) {
      const opt = argv[i].toLowerCase();
      const value = argv[i + 1];
      if (value === undefined) return ERR.syntax;
      if (opt === 'id') {
        const n = clientIdArg(value);
        if (is7) {
          if (n === null || n < 1) return error('ERR client-id should be greater than 0');
        } else if (n === null) {
          return ERR.notInteger;
        }
        id = n;
      } else if (opt === 'type') {
        type = typeByName(value, is7);
        if (type === null) return unknownType(value);
      } else if (opt === 'addr') {
        addr = value;
      } else if (opt === 'laddr' && is7) {
        laddr = value;
      } else if (opt === 'user' && is7) {
        if (value !== 'default') return error(`ERR No such user '${value}'`);
      } else if (opt === 'skipme') {
        const v = value.toLowerCase();
        if (v !== 'yes' && v !== 'no') return ERR.syntax;
        skipme = v === 'yes';
      } else {
        return ERR.syntax;
      }
    }
  } else {
    return ERR.syntax;
  }

  let killed = 0;
  for (const c of [...srv.clients.values()]) {
    if (addr !== null && c.addr !== addr) continue;
    if (laddr !== null && c.laddr !== laddr) continue;
    if (type !== null && typeOf(srv, c) !== type) continue;
    if (id !== 0 && c.id !== id) continue;
    if (c === ctx.client && skipme) continue;
    // The killer's own connection closes once its reply is out.
    if (c === ctx.client) c.closeAfterReply = true;
    else srv.freeClient(c, true);
    killed++;
  }
  if (argv.length === 3) return killed === 0 ? error('ERR No such client') : OK;
  return int(killed);
}

/**
 * CLIENT PAUSE timeout [WRITE|ALL] (4.0: CLIENT PAUSE timeout, everything). Under an ALL pause
 * even CLIENT UNPAUSE waits for the end of it, as in Redis.
 */
function pause(ctx: Ctx): Reply {
  const argv = ctx.argv;
  let type: 'write' | 'all' = 'all';
  if (argv.length === 4) {
    const mode = argv[3].toLowerCase();
    if (mode === 'write') type = 'write';
    else if (mode !== 'all') return error('ERR CLIENT PAUSE mode must be WRITE or ALL');
  }
  const timeout = timeoutArg(argv[2]);
  if (typeof timeout !== 'number') return timeout;
  ctx.srv.pauseClients('client', timeout > 0 ? ctx.now + timeout : 0, type);
  return OK;
}

/** CLIENT UNBLOCK: a client blocked in WAIT answers as on its timeout (or with an error). */
function unblock(ctx: Ctx): Reply {
  const srv = ctx.srv;
  const argv = ctx.argv;
  let asError = false;
  if (argv.length === 4) {
    const why = argv[3].toLowerCase();
    if (why === 'error') asError = true;
    else if (why !== 'timeout') return error('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
  }
  const id = clientIdArg(argv[2]);
  if (id === null) return ERR.notInteger;
  // Only WAIT is unblocked here: real 7.0.15 has no timeout reply for a command postponed by a
  // pause or a SHUTDOWN waiting for replicas (it aborts the server), so the engine leaves those.
  const keyBlocked = [...srv.keyBlocked].find((c) => c.id === id);
  if (keyBlocked) {
    unblockWithReply(srv, keyBlocked, asError ? error('UNBLOCKED client unblocked via CLIENT UNBLOCK') : NIL_ARRAY);
    return int(1);
  }
  const target = [...srv.waiting].find((c) => c.id === id);
  if (!target) return int(0);
  srv.unblockWait(target, true, asError ? error('UNBLOCKED client unblocked via CLIENT UNBLOCK') : undefined);
  return int(1);
}

/** The error CLIENT SETNAME (and HELLO SETNAME) gives a name with spaces or special characters, or null. */
export function clientNameError(name: string): Reply | null {
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch < 33 || ch > 126) return error('ERR Client names cannot contain spaces, newlines or special characters.');
  }
  return null;
}

export const clientCommand: Command = {
  name: 'client',
  arity: -2,
  flags: [],
  flags40: ['admin', 'noscript'],
  subcommands: clientSubcommands,
  docs: { complexity: 'Depends on subcommand.' },
  run(ctx) {
    const srv = ctx.srv;
    const sub = ctx.argv[1].toLowerCase();
    const n = ctx.argv.length;
    if (!srv.d.is7) {
      if (sub === 'list') return n === 2 ? list(ctx) : error(SYNTAX_40);
      if (sub === 'kill') return kill(ctx);
      if (sub === 'pause' && n === 3) return pause(ctx);
      if (!(sub === 'getname' && n === 2) && !(sub === 'setname' && n === 3)) return error(SYNTAX_40);
    }
    if (sub === 'help' && n === 2) return helpReply(ctx.argv[0], '7.0')!;
    if (sub === 'id' && n === 2) return int(ctx.client.id);
    if (sub === 'getname' && n === 2) return bulk(ctx.client.name || null);
    if (sub === 'setname' && n === 3) {
      const err = clientNameError(ctx.argv[2]);
      if (err !== null) return err;
      ctx.client.name = ctx.argv[2];
      return OK;
    }
    if (sub === 'info' && n === 2) return verbatim(`${clientInfoString(srv, ctx.client, ['client'])}\n`);
    if (sub === 'list') return list(ctx);
    if (sub === 'kill') return kill(ctx);
    if (sub === 'unblock' && (n === 3 || n === 4)) return unblock(ctx);
    if (sub === 'pause' && (n === 3 || n === 4)) return pause(ctx);
    if (sub === 'unpause' && n === 2) {
      srv.unpauseClients('client');
      return OK;
    }
    if (sub === 'no-evict' && n === 3) {
      const v = ctx.argv[2].toLowerCase();
      if (v !== 'on' && v !== 'off') return ERR.syntax;
      ctx.client.noEvict = v === 'on';
      return OK;
    }
    // No client-side caching here: tracking is always off.
    if (sub === 'getredir' && n === 2) return int(-1);
    if (sub === 'trackinginfo' && n === 2) {
      // A map in RESP3, its flags a set.
      return map([bulk('flags'), setReply([bulk('off')]), bulk('redirect'), int(-1), bulk('prefixes'), array([])]);
    }
    // A subcommand the server let through (its arity is "at least") with a count it does not take.
    if (sub === 'unblock' || sub === 'pause') {
      return error(
        `ERR unknown subcommand or wrong number of arguments for '${ctx.argv[1].slice(0, 128)}'. Try CLIENT HELP.`,
      );
    }
    // REPLY, TRACKING and CACHING are not simulated.
    return error(`ERR unknown subcommand '${ctx.argv[1]}'. Try CLIENT HELP.`);
  },
};
