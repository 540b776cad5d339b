// LMOVE source destination LEFT|RIGHT LEFT|RIGHT
import { ERR, NIL, type Reply } from '../resp';
import type { Command, Ctx } from './types';
import { type End, moveElement, whereArg } from './util/list';
import { isList } from './util/types';

/**
 * lmoveGenericCommand: both keys are write lookups; a destination of another type refuses the
 * whole move. Propagated as typed (the blocking forms rewrite themselves to this).
 */
export function lmoveGeneric(ctx: Ctx, src: string, dst: string, from: End, to: End): Reply {
  const s = ctx.lookupWrite(src);
  if (s === undefined) return NIL;
  if (!isList(s)) return ERR.wrongType;
  const d = ctx.lookupWrite(dst);
  if (d !== undefined && !isList(d)) return ERR.wrongType;
  const r = moveElement(ctx, src, s, dst, from, to);
  ctx.dirty();
  return r;
}

/**
 * LMOVE: pop an element from one end of the source and push it at one end of the destination
 * (lmoveGenericCommand); replies the element, nil when the source is missing.
 */
export const lmoveCommand: Command = {
  name: 'lmove',
  arity: 5,
  flags: ['write', 'denyoom'],
  versions: ['7.0'],
  acl: ['list'],
  keySpecs: [
    { flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0] },
    { flags: ['RW', 'insert'], index: 2, range: [0, 1, 0] },
  ],
  args: [
    { name: 'source', type: 'key', keySpec: 0 },
    { name: 'destination', type: 'key', keySpec: 1 },
    {
      name: 'wherefrom',
      type: 'oneof',
      args: [
        { name: 'left', type: 'pure-token', token: 'LEFT' },
        { name: 'right', type: 'pure-token', token: 'RIGHT' },
      ],
    },
    {
      name: 'whereto',
      type: 'oneof',
      args: [
        { name: 'left', type: 'pure-token', token: 'LEFT' },
        { name: 'right', type: 'pure-token', token: 'RIGHT' },
      ],
    },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const [, src, dst, fromText, toText] = ctx.argv;
    const from = whereArg(fromText);
    if (from === null) return ERR.syntax;
    const to = whereArg(toText);
    if (to === null) return ERR.syntax;
    return lmoveGeneric(ctx, src, dst, from, to);
  },
};
