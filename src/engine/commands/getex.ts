// GETEX key [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|PERSIST]
import { bulk, ERR, NIL, type Reply } from '../resp';
import type { Command, Ctx } from './types';
import { eqi } from './util/args';
import { type ExpireArg, expireMs70 } from './util/string';
import { isString } from './util/types';

/**
 * GETEX's options as parseExtendedStringArgumentsOrReply reads them for a GET: PERSIST or one of
 * EX/PX/EXAT/PXAT (repeating the same one is allowed, the last wins), each refused (syntax
 * error) after a conflicting one.
 */
function parseGetexOptions(ctx: Ctx): { persist: boolean; expire?: ExpireArg } | Reply {
  const argv = ctx.argv;
  let persist = false;
  let kind = '';
  let expire: ExpireArg | undefined;
  for (let j = 2; j < argv.length; j++) {
    const opt = argv[j];
    if (eqi(opt, 'persist') && kind === '') {
      persist = true;
      continue;
    }
    const k = ['ex', 'px', 'exat', 'pxat'].find((name) => eqi(opt, name));
    if (k === undefined || persist || (kind !== '' && kind !== k) || j === argv.length - 1) return ERR.syntax;
    kind = k;
    expire = { text: argv[++j], seconds: k === 'ex' || k === 'exat', relative: k === 'ex' || k === 'px' };
  }
  return { persist, expire };
}

/**
 * GETEX: GET that also sets or removes the TTL. It is never propagated as typed: a deadline goes
 * to the replicas as `PEXPIREAT key <abs-ms>`, PERSIST (when there was a TTL) as `PERSIST key`,
 * and an EXAT/PXAT already past deletes the key and goes as DEL (UNLINK with lazyfree-lazy-expire).
 */
export const getexCommand: Command = {
  name: 'getex',
  arity: -2,
  flags: ['write', 'fast'],
  versions: ['7.0'],
  acl: ['string'],
  keySpecs: [
    {
      notes: 'RW and UPDATE because it changes the TTL',
      flags: ['RW', 'access', 'update'],
      index: 1,
      range: [0, 1, 0],
    },
  ],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    {
      name: 'expiration',
      type: 'oneof',
      optional: true,
      args: [
        { name: 'seconds', type: 'integer', token: 'EX' },
        { name: 'milliseconds', type: 'integer', token: 'PX' },
        { name: 'unix-time-seconds', type: 'unix-time', token: 'EXAT' },
        { name: 'unix-time-milliseconds', type: 'unix-time', token: 'PXAT' },
        { name: 'persist', type: 'pure-token', token: 'PERSIST' },
      ],
    },
  ],
  docs: { complexity: 'O(1)' },
  touchesOwnKeys: true,
  run(ctx) {
    const opts = parseGetexOptions(ctx);
    if ('t' in opts) return opts;
    const key = ctx.argv[1];
    const o = ctx.lookupRead(key);
    if (o === undefined) return NIL;
    if (!isString(o)) return ERR.wrongType;
    let at = 0n;
    if (opts.expire !== undefined) {
      const r = expireMs70(ctx, 'getex', opts.expire);
      if (typeof r !== 'bigint') return r;
      at = r;
    }
    const reply = bulk(o);
    if (opts.expire !== undefined && !opts.expire.relative && at <= BigInt(ctx.now) && !ctx.isReplica) {
      ctx.deleteKey(key);
      ctx.rewrite([ctx.srv.config.bool('lazyfree-lazy-expire') ? 'UNLINK' : 'DEL', key]);
      ctx.touch(key);
      ctx.dirty();
    } else if (opts.expire !== undefined) {
      ctx.setExpire(key, Number(at));
      ctx.rewrite(['PEXPIREAT', key, at.toString()]);
      ctx.touch(key);
      ctx.dirty();
    } else if (opts.persist && ctx.getExpire(key) !== -1) {
      ctx.db.expires.delete(key);
      ctx.rewrite(['PERSIST', key]);
      ctx.touch(key);
      ctx.dirty();
    }
    return reply;
  },
};
