// XADD key [NOMKSTREAM] [<MAXLEN | MINID> [= | ~] threshold [LIMIT count]] <* | id> field value [field value ...]
import { signalKeyAsReady } from '../blocking';
import { bulk, error, NIL, wrongArity } from '../resp';
import { formatStreamId } from '../stream';
import type { Command } from './types';
import {
  appendEntry,
  isReply,
  nodeLimits,
  parseTrimArgs,
  rewriteTrim,
  streamForWrite,
  trimStream,
} from './util/stream';
import { TRIM_ARG } from './xtrim';

/**
 * XADD: append an entry (the ID from the clock for `*`, or the given one, `ms-*` picking the next
 * sequence), then trim if asked. What goes to replicas has the ID made explicit and an
 * approximate trim rewritten as `= <what was left>`, so every replica ends with the same stream.
 */
export const xaddCommand: Command = {
  name: 'xadd',
  versions: ['7.0'],
  arity: -5,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['stream'],
  tips: ['nondeterministic_output'],
  keySpecs: [
    {
      notes: 'UPDATE instead of INSERT because of the optional trimming feature',
      flags: ['RW', 'update'],
      index: 1,
      range: [0, 1, 0],
    },
  ],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'nomkstream', type: 'pure-token', token: 'NOMKSTREAM', optional: true, since: '6.2.0' },
    { ...TRIM_ARG, optional: true },
    {
      name: 'id_or_auto',
      type: 'oneof',
      args: [
        { name: 'auto_id', type: 'pure-token', token: '*' },
        { name: 'id', type: 'string' },
      ],
    },
    {
      name: 'field_value',
      type: 'block',
      multiple: true,
      args: [
        { name: 'field', type: 'string' },
        { name: 'value', type: 'string' },
      ],
    },
  ],
  docs: {
    complexity: 'O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.',
    history: [
      ['6.2.0', 'Added the `NOMKSTREAM` option, `MINID` trimming strategy and the `LIMIT` option.'],
      ['7.0.0', 'Added support for the `<ms>-*` explicit ID form.'],
    ],
  },
  run(ctx) {
    const parsed = parseTrimArgs(ctx, true);
    if (isReply(parsed)) return parsed;
    const { args, idPos, noMkStream, id } = parsed;
    const fieldPos = idPos + 1;
    const argc = ctx.argv.length;
    if (argc - fieldPos < 2 || (argc - fieldPos) % 2 === 1) return wrongArity(ctx.argv[0]);
    // 0-0 is refused before the key is looked up, so no empty stream is left behind.
    if (id?.seqGiven && id.id === 0n) return error('ERR The ID specified in XADD must be greater than 0-0');
    const s = streamForWrite(ctx, ctx.argv[1], noMkStream);
    if (s === undefined) return NIL;
    if (isReply(s)) return s;
    if (s.lastId === (1n << 128n) - 1n) {
      return error('ERR The stream has exhausted the last possible ID, unable to add more items');
    }
    const limits = nodeLimits(ctx);
    const added = appendEntry(s, ctx.argv.slice(fieldPos), ctx.now, id, limits);
    if (added === 'edom' || added === 'exhausted') {
      return error('ERR The ID specified in XADD is equal or smaller than the target stream top item');
    }
    const idText = formatStreamId(added);
    ctx.dirty();
    const argv = ctx.argv.slice();
    let rewritten = false;
    if (args.strategy !== 'none') {
      trimStream(s, args, limits);
      if (args.approx) {
        rewriteTrim(argv, s, args, limits);
        rewritten = true;
      }
    }
    if (!id?.seqGiven) {
      argv[idPos] = idText;
      rewritten = true;
    }
    if (rewritten) ctx.rewrite(argv);
    // New data: XREAD / XREADGROUP waiting on the key are served after the command.
    signalKeyAsReady(ctx.srv, ctx.db.id, ctx.argv[1]);
    return bulk(idText);
  },
};
