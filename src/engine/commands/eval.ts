// EVAL script numkeys [key ...] [arg ...] | EVALSHA sha1 numkeys ... | EVAL_RO | EVALSHA_RO (7.0)
//
// Run a Lua script (scripting/): EVAL compiles and caches the body under its SHA1, EVALSHA runs a
// cached one (NOSCRIPT when the cache lacks it, the sha in any case). The _RO forms refuse
// writes inside the script. What is propagated is scripting/run.ts's business, except 4.0's
// EVALSHA rewrite: an EVALSHA whose script replicas may not have is propagated as the EVAL of its
// body, whatever the script did, and the script counts as known from then on.

import { feedMonitors } from '../monitor';
import { error, type Reply } from '../resp';
import { EVAL_COMPAT, NO_WRITES } from '../scripting/flags';
import { loadScript, refuseRun, runScript, scriptFlagsOf, scripting } from '../scripting/run';
import type { Arg, Command, CommandFlag, Ctx, KeySpec } from './types';
import { parseLL } from './util/int';

const NOSCRIPT = error('NOSCRIPT No matching script. Please use EVAL.');

/**
 * argv[2] of EVAL and FCALL: the number of keys, or the error (`notInt` when it is no integer;
 * more keys than arguments; negative).
 */
export function numKeys(argv: readonly string[], notInt: string): number | Reply {
  const n = parseLL(argv[2]);
  if (n === null) return error(notInt);
  if (n > BigInt(argv.length - 3)) return error("ERR Number of keys can't be greater than number of args");
  if (n < 0n) return error("ERR Number of keys can't be negative");
  return Number(n);
}

/**
 * 7.0 shows EVAL* and FCALL* to monitors itself, before the commands the script runs (they are
 * skip-monitor so that call() does not show them after). 4.0's call() shows EVAL first anyway.
 */
export function monitorScript(ctx: Ctx): void {
  if (ctx.srv.d.is7 && ctx.srv.monitors.length > 0) feedMonitors(ctx.srv, ctx.client, ctx.client.db, ctx.argv);
}

function evalGeneric(ctx: Ctx, bySha: boolean, readOnly: boolean): Reply {
  const argv = ctx.argv;
  monitorScript(ctx);
  const numkeys = numKeys(argv, 'ERR value is not an integer or out of range');
  if (typeof numkeys !== 'number') return numkeys;
  const srv = ctx.srv;
  const s = scripting(srv);
  let sha: string;
  if (bySha) {
    // Both dialects look the sha up lowercased.
    sha = argv[1].toLowerCase();
    if (sha.length !== 40 || !s.bodies.has(sha)) return NOSCRIPT;
  } else {
    const loaded = loadScript(srv, argv[1]);
    if ('err' in loaded) return loaded.err;
    sha = loaded.sha;
  }
  const flags = s.flags.get(sha)!;
  const refused = srv.d.is7 ? refuseRun(ctx, flags, readOnly) : null;
  if (refused !== null) return refused;
  const keys = argv.slice(3, 3 + numkeys);
  const args = argv.slice(3 + numkeys);
  const reply = runScript(ctx, (vm, hooks) => vm.run(sha, keys, args, hooks), {
    readOnly: readOnly || !(flags & EVAL_COMPAT || !(flags & NO_WRITES)),
  });
  if (!srv.d.is7 && bySha && !s.replCache.has(sha) && !ctx.client.isMaster) {
    s.replCache.add(sha);
    // forceCommandPropagation: sent even when the script wrote nothing, without counting a change.
    ctx.noPropagate();
    ctx.also(['EVAL', s.bodies.get(sha)!, ...argv.slice(2)]);
  }
  return reply;
}

/** EVAL's and FCALL's arguments: the script (sha1, function), numkeys, keys, args. */
export const evalArgs = (first: Arg): Arg[] => [
  first,
  { name: 'numkeys', type: 'integer' },
  { name: 'key', type: 'key', keySpec: 0, optional: true, multiple: true },
  { name: 'arg', type: 'string', optional: true, multiple: true },
];

/** The command flags of EVAL*, FCALL*: the _RO forms are readonly, the others may replicate. */
export function scriptCommandFlags(readOnly: boolean): CommandFlag[] {
  return readOnly
    ? ['noscript', 'skip-monitor', 'no-mandatory-keys', 'stale', 'readonly']
    : ['noscript', 'skip-monitor', 'may-replicate', 'no-mandatory-keys', 'stale'];
}

/** Their key spec: numkeys counts the keys that follow (RW/update, RO for the _RO forms; EVALSHA's has no notes). */
export function evalKeySpecs(readOnly: boolean, notes = true): KeySpec[] {
  const spec: KeySpec = {
    flags: readOnly ? ['RO', 'access'] : ['RW', 'access', 'update'],
    index: 2,
    range: [0, 1, 0],
    keynum: [0, 1, 1],
  };
  const why = `We cannot tell how the keys will be used so we assume the worst, ${readOnly ? 'RO and ACCESS' : 'RW and UPDATE'}`;
  return [notes ? { notes: why, ...spec } : spec];
}

const scriptArg: Arg = { name: 'script', type: 'string' };
const shaArg: Arg = { name: 'sha1', type: 'string' };

function evalCommandSpec(name: string, bySha: boolean, readOnly: boolean): Command {
  return {
    name,
    arity: -3,
    flags: scriptCommandFlags(readOnly),
    flags40: ['noscript'],
    keys40: [0, 0, 0],
    versions: readOnly ? ['7.0'] : undefined,
    acl: ['scripting'],
    keySpecs: evalKeySpecs(readOnly, !bySha),
    args: evalArgs(bySha ? shaArg : scriptArg),
    flagsFor: (srv, argv) => scriptFlagsOf(srv, argv, false),
    docs: { complexity: 'Depends on the script that is executed.' },
    run: (ctx) => evalGeneric(ctx, bySha, readOnly),
  };
}

export const evalCommand: Command = evalCommandSpec('eval', false, false);
export const evalshaCommand: Command = evalCommandSpec('evalsha', true, false);
export const evalRoCommand: Command = evalCommandSpec('eval_ro', false, true);
export const evalshaRoCommand: Command = evalCommandSpec('evalsha_ro', true, true);
