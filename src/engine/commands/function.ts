// FUNCTION LOAD [REPLACE] code | DELETE library | FLUSH [ASYNC|SYNC] | LIST [LIBRARYNAME pattern]
// [WITHCODE] | DUMP | RESTORE payload [FLUSH|APPEND|REPLACE] | STATS | KILL | HELP (7.0)
//
// The function libraries (scripting/functions.ts). LOAD, DELETE, FLUSH and RESTORE change the
// dataset as Redis counts it (server.dirty), so they are propagated to replicas as typed and
// refused on a read-only replica; LIST, DUMP and STATS only read. Functions run to completion
// inside one command, so STATS never shows one running and KILL answers NOTBUSY.

import { binFromBytes, bytesFromBin } from '../../lib';
import { dumpFunctionsPayload, loadFunctionsPayload } from '../rdb';
import { array, bulk, error, int, map, NIL, OK, type Reply, setReply, status } from '../resp';
import { scriptFlagNames } from '../scripting/flags';
import {
  deleteLibrary,
  flushLibraries,
  functionCount,
  functionsOf,
  libraryCodes,
  loadLibrary,
  restoreLibraries,
} from '../scripting/functions';
import { functionSubcommands } from './function-subcommands';
import type { Command, Ctx } from './types';
import { eqi } from './util/args';
import { globMatch } from './util/glob';
import { helpReply } from './util/help';

const syntaxError = (ctx: Ctx) =>
  error(`ERR unknown subcommand or wrong number of arguments for '${ctx.argv[1]}'. Try FUNCTION HELP.`);

function load(ctx: Ctx): Reply {
  const argv = ctx.argv;
  let replace = false;
  for (let i = 2; i < argv.length - 1; i++) {
    if (!eqi(argv[i], 'replace')) return error(`ERR Unknown option given: ${argv[i]}`);
    replace = true;
  }
  const r = loadLibrary(ctx.srv, argv[argv.length - 1], replace);
  if ('err' in r) return error(`ERR ${r.err}`);
  ctx.dirty();
  return bulk(r.name);
}

function list(ctx: Ctx): Reply {
  const argv = ctx.argv;
  let withCode = false;
  let pattern: string | null = null;
  for (let i = 2; i < argv.length; i++) {
    if (!withCode && eqi(argv[i], 'withcode')) withCode = true;
    else if (pattern === null && eqi(argv[i], 'libraryname')) {
      if (i >= argv.length - 1) return error('ERR library name argument was not given');
      pattern = argv[++i];
    } else return error(`ERR Unknown argument ${argv[i]}`);
  }
  const out: Reply[] = [];
  for (const lib of functionsOf(ctx.srv).libs.values()) {
    if (pattern !== null && !globMatch(pattern, lib.name, true)) continue;
    const fns = lib.functions.map((f) =>
      map([
        bulk('name'),
        bulk(f.name),
        bulk('description'),
        f.desc === null ? NIL : bulk(f.desc),
        bulk('flags'),
        setReply(scriptFlagNames(f.flags).map((n) => status(n))),
      ]),
    );
    const fields = [bulk('library_name'), bulk(lib.name), bulk('engine'), bulk('LUA'), bulk('functions'), array(fns)];
    if (withCode) fields.push(bulk('library_code'), bulk(lib.code));
    out.push(map(fields));
  }
  return array(out);
}

function restore(ctx: Ctx): Reply {
  const argv = ctx.argv;
  if (argv.length > 4) return syntaxError(ctx);
  let policy: 'flush' | 'append' | 'replace' = 'append';
  if (argv.length === 4) {
    const p = argv[3].toLowerCase();
    if (p !== 'flush' && p !== 'append' && p !== 'replace') {
      return error('ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.');
    }
    policy = p;
  }
  const codes = loadFunctionsPayload(bytesFromBin(argv[2]));
  if ('err' in codes) return error(`ERR ${codes.err}`);
  const err = restoreLibraries(ctx.srv, codes, policy);
  if (err !== null) return error(`ERR ${err}`);
  ctx.dirty();
  return OK;
}

function stats(ctx: Ctx): Reply {
  const s = functionsOf(ctx.srv);
  const counts = map([bulk('libraries_count'), int(s.libs.size), bulk('functions_count'), int(functionCount(ctx.srv))]);
  return map([bulk('running_script'), NIL, bulk('engines'), map([bulk('LUA'), counts])]);
}

export const functionCommand: Command = {
  name: 'function',
  arity: -2,
  flags: [],
  versions: ['7.0'],
  subcommands: functionSubcommands,
  docs: { complexity: 'Depends on subcommand.' },
  run(ctx): Reply {
    const argv = ctx.argv;
    switch (argv[1].toLowerCase()) {
      case 'load':
        return load(ctx);
      case 'delete':
        if (!deleteLibrary(ctx.srv, argv[2])) return error('ERR Library not found');
        ctx.dirty();
        return OK;
      case 'flush':
        if (argv.length > 3) return syntaxError(ctx);
        if (argv.length === 3 && !eqi(argv[2], 'sync') && !eqi(argv[2], 'async')) {
          return error('ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
        }
        flushLibraries(ctx.srv);
        ctx.dirty();
        return OK;
      case 'list':
        return list(ctx);
      case 'dump':
        return bulk(binFromBytes(dumpFunctionsPayload(libraryCodes(ctx.srv), ctx.srv.config.bool('rdbcompression'))));
      case 'restore':
        return restore(ctx);
      case 'stats':
        return stats(ctx);
      case 'kill':
        return error('NOTBUSY No scripts in execution right now.');
      default:
        return helpReply(argv[0], ctx.version)!;
    }
  },
};
