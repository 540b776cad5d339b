// EVAL script numkeys [key ...] [arg ...] | EVALSHA sha1 numkeys ... | EVAL_RO | EVALSHA_RO (7.0)
//
// Run a Lua script (scripting/): EVAL compiles and caches the body under its SHA1, EVALSHA runs a
// cached one (NOSCRIPT when the cache lacks it, the sha compared as typed). The _RO forms refuse
// writes inside the script. What is propagated is scripting/run.ts's business, except 4.0's
// EVALSHA rewrite: an EVALSHA whose script replicas may not have is propagated as the EVAL of its
// body, whatever the script did, and the script counts as known from then on.

import { feedMonitors } from '../monitor';
import { error, type Reply } from '../resp';
import { loadScript, runScript, scripting } from '../scripting/run';
import type { Arg, Command, Ctx } from './types';

const NOSCRIPT = error('NOSCRIPT No matching script. Please use EVAL.');

function evalGeneric(ctx: Ctx, bySha: boolean, readOnly: boolean): Reply {
  const argv = ctx.argv;
  // 7.0's EVAL is kept from call()'s monitor feed (skip-monitor) and feeds it itself, first, so
  // that the script's own commands follow it (4.0's call() shows it before running it anyway).
  if (ctx.srv.d.is7 && ctx.srv.monitors.length > 0) feedMonitors(ctx.srv, ctx.client, ctx.client.db, argv);
  const text = argv[2];
  const numkeys = /^-?\d+$/.test(text) && text.length < 20 ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(numkeys)) return error('ERR value is not an integer or out of range');
  if (numkeys > argv.length - 3) return error("ERR Number of keys can't be greater than number of args");
  if (numkeys < 0) return error("ERR Number of keys can't be negative");
  const srv = ctx.srv;
  const s = scripting(srv);
  let sha: string;
  if (bySha) {
    sha = argv[1];
    if (sha.length !== 40 || !s.bodies.has(sha)) return NOSCRIPT;
  } else {
    const loaded = loadScript(srv, argv[1]);
    if ('err' in loaded) return loaded.err;
    sha = loaded.sha;
  }
  const keys = argv.slice(3, 3 + numkeys);
  const args = argv.slice(3 + numkeys);
  const reply = runScript(ctx, sha, keys, args, { readOnly });
  if (!srv.d.is7 && bySha && !s.replCache.has(sha) && !ctx.client.isMaster) {
    s.replCache.add(sha);
    // forceCommandPropagation: sent even when the script wrote nothing, without counting a change.
    ctx.noPropagate();
    ctx.also(['EVAL', s.bodies.get(sha)!, ...argv.slice(2)]);
  }
  return reply;
}

const evalArgs = (first: Arg): Arg[] => [
  first,
  { name: 'numkeys', type: 'integer' },
  // Real 7.0 points this at a keynum key spec, which the engine's KeySpec cannot express yet.
  { name: 'key', type: 'key', optional: true, multiple: true },
  { name: 'arg', type: 'string', optional: true, multiple: true },
];

const scriptArg: Arg = { name: 'script', type: 'string' };
const shaArg: Arg = { name: 'sha1', type: 'string' };

function evalCommandSpec(name: string, bySha: boolean, readOnly: boolean): Command {
  return {
    name,
    arity: -3,
    flags: readOnly
      ? ['noscript', 'skip-monitor', 'no-mandatory-keys', 'stale', 'readonly']
      : ['noscript', 'skip-monitor', 'may-replicate', 'no-mandatory-keys', 'stale'],
    flags40: ['noscript'],
    keys40: [0, 0, 0],
    versions: readOnly ? ['7.0'] : undefined,
    acl: ['scripting'],
    args: evalArgs(bySha ? shaArg : scriptArg),
    docs: { complexity: 'Depends on the script that is executed.' },
    run: (ctx) => evalGeneric(ctx, bySha, readOnly),
  };
}

export const evalCommand: Command = evalCommandSpec('eval', false, false);
export const evalshaCommand: Command = evalCommandSpec('evalsha', true, false);
export const evalRoCommand: Command = evalCommandSpec('eval_ro', false, true);
export const evalshaRoCommand: Command = evalCommandSpec('evalsha_ro', true, true);
