// SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]
import { ERR, type Reply } from '../resp';
import type { Command, Ctx } from './types';
import { eqi } from './util/args';
import { type ExpireArg, type SetOptions, setGeneric } from './util/string';

/**
 * Parse SET's options the way parseExtendedStringArgumentsOrReply does: each option is refused
 * (syntax error) when a conflicting one was already seen; EX/PX/EXAT/PXAT need a following
 * argument, and a repeated one of them simply wins. 4.0 knows NX, XX, EX and PX only.
 */
function parseSetOptions(ctx: Ctx): SetOptions | Reply {
  const argv = ctx.argv;
  const v70 = ctx.version === '7.0';
  let nx = false;
  let xx = false;
  let get = false;
  let keepTtl = false;
  let expire: ExpireArg | undefined;
  let kind: '' | 'ex' | 'px' | 'exat' | 'pxat' = '';
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j];
    const hasNext = j < argv.length - 1;
    if (eqi(opt, 'nx') && !xx) {
      nx = true;
    } else if (eqi(opt, 'xx') && !nx) {
      xx = true;
    } else if (v70 && eqi(opt, 'get')) {
      get = true;
    } else if (v70 && eqi(opt, 'keepttl') && kind === '') {
      keepTtl = true;
    } else if (eqi(opt, 'ex') && !keepTtl && (kind === '' || kind === 'ex') && hasNext) {
      kind = 'ex';
      expire = { text: argv[++j], seconds: true, relative: true };
    } else if (eqi(opt, 'px') && !keepTtl && (kind === '' || kind === 'px') && hasNext) {
      kind = 'px';
      expire = { text: argv[++j], seconds: false, relative: true };
    } else if (v70 && eqi(opt, 'exat') && !keepTtl && (kind === '' || kind === 'exat') && hasNext) {
      kind = 'exat';
      expire = { text: argv[++j], seconds: true, relative: false };
    } else if (v70 && eqi(opt, 'pxat') && !keepTtl && (kind === '' || kind === 'pxat') && hasNext) {
      kind = 'pxat';
      expire = { text: argv[++j], seconds: false, relative: false };
    } else {
      return ERR.syntax;
    }
  }
  return { nx, xx, get, keepTtl, expire };
}

const NO_OPTIONS: SetOptions = { nx: false, xx: false, get: false, keepTtl: false, expire: undefined };

/**
 * SET: store a string. Replies OK (nil when NX/XX vetoed it), or the old value with GET.
 * 7.0 propagates expiring forms as `SET key value PXAT <abs-ms>` and strips GET.
 */
export const setCommand: Command = {
  name: 'set',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['string'],
  keySpecs: [
    {
      notes: 'RW and ACCESS due to the optional `GET` argument',
      flags: ['RW', 'access', 'update', 'variable_flags'],
      index: 1,
      range: [0, 1, 0],
    },
  ],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'value', type: 'string' },
    {
      name: 'condition',
      type: 'oneof',
      since: '2.6.12',
      optional: true,
      args: [
        { name: 'nx', type: 'pure-token', token: 'NX' },
        { name: 'xx', type: 'pure-token', token: 'XX' },
      ],
    },
    { name: 'get', type: 'pure-token', token: 'GET', since: '6.2.0', optional: true },
    {
      name: 'expiration',
      type: 'oneof',
      optional: true,
      args: [
        { name: 'seconds', type: 'integer', token: 'EX', since: '2.6.12' },
        { name: 'milliseconds', type: 'integer', token: 'PX', since: '2.6.12' },
        { name: 'unix-time-seconds', type: 'unix-time', token: 'EXAT', since: '6.2.0' },
        { name: 'unix-time-milliseconds', type: 'unix-time', token: 'PXAT', since: '6.2.0' },
        { name: 'keepttl', type: 'pure-token', token: 'KEEPTTL', since: '6.0.0' },
      ],
    },
  ],
  docs: {
    complexity: 'O(1)',
    history: [
      ['2.6.12', 'Added the `EX`, `PX`, `NX` and `XX` options.'],
      ['6.0.0', 'Added the `KEEPTTL` option.'],
      ['6.2.0', 'Added the `GET`, `EXAT` and `PXAT` option.'],
      ['7.0.0', 'Allowed the `NX` and `GET` options to be used together.'],
    ],
  },
  // setGetKeys: with a GET option the old value is read too.
  getKeys(argv) {
    for (let i = 3; i < argv.length; i++)
      if (eqi(argv[i], 'get')) return [{ pos: 1, flags: ['RW', 'access', 'update'] }];
    return [{ pos: 1, flags: ['OW', 'update'] }];
  },
  run(ctx) {
    // Plain `SET key value`: what parseSetOptions returns for no options, without making it.
    if (ctx.argv.length === 3) return setGeneric(ctx, 'set', ctx.argv[1], ctx.argv[2], NO_OPTIONS);
    const opts = parseSetOptions(ctx);
    if ('t' in opts) return opts;
    return setGeneric(ctx, 'set', ctx.argv[1], ctx.argv[2], opts);
  },
};
