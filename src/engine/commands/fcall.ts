// FCALL function numkeys [key ...] [arg ...] | FCALL_RO function numkeys [key ...] [arg ...] (7.0)
//
// Call a function a library registered (FUNCTION LOAD): found by name in any case, given the
// keys and the arguments as its two parameters. Its flags decide where it may run (scripting/
// run.ts refuseRun; processCommand already went by them): without `no-writes` it is a write,
// refused on a read-only replica and by FCALL_RO; with `no-writes` its writes are refused inside.
// Replicated as EVAL: the writes it makes, in MULTI/EXEC when there are two or more.

import { error, type Reply } from '../resp';
import { NO_WRITES } from '../scripting/flags';
import { functionsOf } from '../scripting/functions';
import { refuseRun, runScript, scriptFlagsOf } from '../scripting/run';
import { evalArgs, evalKeySpecs, monitorScript, numKeys, scriptCommandFlags } from './eval';
import type { Command, Ctx } from './types';

function fcallGeneric(ctx: Ctx, readOnly: boolean): Reply {
  const argv = ctx.argv;
  monitorScript(ctx);
  const f = functionsOf(ctx.srv).byName.get(argv[1].toLowerCase());
  if (f === undefined) return error('ERR Function not found');
  const numkeys = numKeys(argv, 'ERR Bad number of keys provided');
  if (typeof numkeys !== 'number') return numkeys;
  const refused = refuseRun(ctx, f.flags, readOnly);
  if (refused !== null) return refused;
  const keys = argv.slice(3, 3 + numkeys);
  const args = argv.slice(3 + numkeys);
  return runScript(ctx, (vm, hooks) => vm.callFunction(f.ref, f.name, keys, args, hooks), {
    readOnly: readOnly || (f.flags & NO_WRITES) !== 0,
  });
}

function fcallSpec(name: string, readOnly: boolean): Command {
  return {
    name,
    arity: -3,
    flags: scriptCommandFlags(readOnly),
    versions: ['7.0'],
    acl: ['scripting'],
    keySpecs: evalKeySpecs(readOnly),
    args: evalArgs({ name: 'function', type: 'string' }),
    docs: { complexity: 'Depends on the function that is executed.' },
    flagsFor: (srv, argv) => scriptFlagsOf(srv, argv, true),
    run: (ctx) => fcallGeneric(ctx, readOnly),
  };
}

export const fcallCommand: Command = fcallSpec('fcall', false);
export const fcallRoCommand: Command = fcallSpec('fcall_ro', true);
