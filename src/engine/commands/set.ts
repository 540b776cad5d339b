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
  run(ctx) {
    // Plain `SET key value`: what parseSetOptions returns for no options, without making it.
    if (ctx.argv.length === 3) return setGeneric(ctx, 'set', ctx.argv[1], ctx.argv[2], NO_OPTIONS);
    const opts = parseSetOptions(ctx);
    if ('t' in opts) return opts;
    return setGeneric(ctx, 'set', ctx.argv[1], ctx.argv[2], opts);
  },
};
