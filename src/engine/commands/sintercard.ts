// SINTERCARD numkeys key [key ...] [LIMIT limit]
import { ERR, error } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { clampToNumber, parseLL } from './util/int';
import { sinterGeneric } from './util/setops';

/** SINTERCARD: how many members the sets share, counting up to LIMIT (0: all). */
export const sintercardCommand: Command = {
  name: 'sintercard',
  arity: -3,
  flags: ['readonly'],
  versions: ['7.0'],
  acl: ['set'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0], keynum: [0, 1, 1] }],
  args: [
    { name: 'numkeys', type: 'integer' },
    { name: 'key', type: 'key', keySpec: 0, multiple: true },
    { name: 'limit', type: 'integer', token: 'LIMIT', optional: true },
  ],
  docs: { complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.' },
  // sintercardGetKeys: the numkeys keys, when numkeys reads as a count that fits.
  getKeys: (argv) => {
    const n = parseLL(argv[1] ?? '');
    if (n === null || n < 1n || n > BigInt(argv.length - 2)) return [];
    return Array.from({ length: Number(n) }, (_, i) => ({ pos: 2 + i, flags: ['RO', 'access'] as const }));
  },
  run(ctx) {
    const argv = ctx.argv;
    const nk = parseLL(argv[1]);
    if (nk === null || nk < 1n) return error('ERR numkeys should be greater than 0');
    if (nk > BigInt(argv.length - 2)) return error("ERR Number of keys can't be greater than number of args");
    const numkeys = Number(nk);
    let limit = 0;
    for (let j = 2 + numkeys; j < argv.length; j++) {
      if (eqi(argv[j], 'limit') && j < argv.length - 1) {
        const v = parseLL(argv[++j]);
        if (v === null || v < 0n) return error("ERR LIMIT can't be negative");
        limit = clampToNumber(v);
      } else return ERR.syntax;
    }
    return sinterGeneric(ctx, argv.slice(2, 2 + numkeys), null, limit);
  },
};
