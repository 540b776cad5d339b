/** The argument lists the pub/sub commands share in COMMAND DOCS. */
import type { Arg } from '../types';

/** `name [name ...]`, or with `optional` the UNSUBSCRIBE form `[name [name ...]]`. */
export function channelArgs(name: string, optional = false): readonly Arg[] {
  return [
    optional ? { name, type: 'string', optional: true, multiple: true } : { name, type: 'string', multiple: true },
  ];
}
