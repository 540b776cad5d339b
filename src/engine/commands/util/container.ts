/**
 * 7.0 container commands made of subcommands alone (SLOWLOG, LATENCY, MEMORY): the command entry
 * COMMAND INFO shows for the container (arity -2, no flags of its own) and the HELP subcommand
 * they all have.
 */
import type { Command, Subcommand } from '../types';

/** `<NAME> HELP`: no arguments, allowed while loading and on a stale replica. */
export const HELP_SUBCOMMAND: Subcommand = {
  arity: 2,
  flags: ['loading', 'stale'],
  acl: [],
  docs: { complexity: 'O(1)' },
};

export function container7(
  name: string,
  subcommands: Readonly<Record<string, Subcommand>>,
  run: Command['run'],
): Command {
  return {
    name,
    arity: -2,
    versions: ['7.0'],
    flags: [],
    acl: [],
    docs: { complexity: 'Depends on subcommand.' },
    subcommands,
    run,
  };
}
