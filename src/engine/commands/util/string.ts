/**
 * The shared bodies of the string commands (t_string.c): GET's lookup, the SET family with its
 * options, expiry and propagation rewrites, and INCR/DECR's checked 64-bit arithmetic and their
 * shared command-table entry.
 */
import { bulk, ERR, error, int, NIL, OK, type Reply } from '../../resp';
import type { Command, Ctx } from '../types';
import { eqi } from './args';
import { unmarkString } from './encoding';
import { counterString, intValue, LLONG_MAX, LLONG_MIN, parseLL, parseSmallInt, wrap64 } from './int';
import { isString } from './types';

/**
 * GET's body (getGenericCommand): the value as a bulk, nil when missing, WRONGTYPE otherwise.
 * Uses a read lookup, also when called from SET ... GET and GETSET.
 */
export function getGeneric(ctx: Ctx, key: string): Reply {
  const o = ctx.lookupRead(key);
  if (o === undefined) return NIL;
  if (!isString(o)) return ERR.wrongType;
  return bulk(o);
}

/** `ERR invalid expire time in '<cmd>' command` (7.0) / `ERR invalid expire time in <cmd>` (4.0). */
export function invalidExpire(ctx: Ctx, name: string): Reply {
  return error(
    ctx.version === '7.0' ? `ERR invalid expire time in '${name}' command` : `ERR invalid expire time in ${name}`,
  );
}

/** proto-max-bulk-len's default (4.0: a fixed limit): no string may grow past 512 MB. */
export const MAX_STRING = 512 * 1024 * 1024;

/**
 * The longest string a JavaScript engine holds (V8: 2^29 - 24 characters), 24 bytes short of
 * Redis's 512 MB: a write that would need more is refused as if it passed proto-max-bulk-len.
 */
export const MAX_JS_STRING = 2 ** 29 - 24;

/**
 * checkStringLength: a string of `size + append` bytes would be too long (the error reply), or
 * null. 7.0 lets its master through (mustObeyClient), 4.0 checks everyone.
 */
export function checkStringLength(ctx: Ctx, size: bigint, append: number): Reply | null {
  const total = size + BigInt(append);
  if (total <= BigInt(MAX_JS_STRING) && (total <= BigInt(MAX_STRING) || (ctx.version === '7.0' && ctx.client.isMaster)))
    return null;
  return error(
    ctx.version === '7.0'
      ? 'ERR string exceeds maximum allowed size (proto-max-bulk-len)'
      : 'ERR string exceeds maximum allowed size (512MB)',
  );
}

/** How the expire argument of a SET-family command is to be read. */
export interface ExpireArg {
  readonly text: string;
  /** Seconds (EX, EXAT, SETEX) or milliseconds (PX, PXAT, PSETEX). */
  readonly seconds: boolean;
  /** Relative to now (EX, PX, SETEX, PSETEX) rather than absolute (EXAT, PXAT). */
  readonly relative: boolean;
}

/** The options of one SET-family call. */
export interface SetOptions {
  readonly nx?: boolean;
  readonly xx?: boolean;
  readonly get?: boolean;
  readonly keepTtl?: boolean;
  readonly expire?: ExpireArg;
  /** Reply on success (default +OK) and when NX/XX stop the write (default nil). */
  readonly okReply?: Reply;
  readonly abortReply?: Reply;
}

/**
 * 7.0's getExpireMillisecondsOrReply: the absolute deadline in ms, or the error reply. Zero and
 * negative inputs are refused, as is anything that overflows 64 bits once scaled or offset.
 */
export function expireMs70(ctx: Ctx, name: string, e: ExpireArg): bigint | Reply {
  const v = parseLL(e.text);
  if (v === null) return ERR.notInteger;
  if (v <= 0n || (e.seconds && v > LLONG_MAX / 1000n)) return invalidExpire(ctx, name);
  let ms = e.seconds ? v * 1000n : v;
  // C adds in signed 64-bit: an overflow wraps negative and is refused below.
  if (e.relative) ms = wrap64(ms + BigInt(ctx.now));
  if (ms <= 0n) return invalidExpire(ctx, name);
  return ms;
}

/**
 * setGenericCommand: SET, SETNX, SETEX, PSETEX. Arguments are parsed before the keyspace is
 * touched; 7.0 propagates any expiring form as `SET key value PXAT <abs-ms>` and drops GET
 * tokens from what it propagates, 4.0 propagates what was typed.
 */
export function setGeneric(ctx: Ctx, name: string, key: string, value: string, o: SetOptions): Reply {
  const v70 = ctx.version === '7.0';
  let rel40 = 0n;
  let at70: bigint | undefined;
  if (o.expire) {
    if (v70) {
      const r = expireMs70(ctx, name, o.expire);
      if (typeof r !== 'bigint') return r;
      at70 = r;
    } else {
      // 4.0 checks only the raw value; seconds are scaled without an overflow check.
      const v = parseLL(o.expire.text);
      if (v === null) return ERR.notInteger;
      if (v <= 0n) return invalidExpire(ctx, name);
      rel40 = o.expire.seconds ? wrap64(v * 1000n) : v;
    }
  }
  let getReply: Reply | undefined;
  if (o.get) {
    getReply = getGeneric(ctx, key);
    if (getReply.t === 'error') return getReply;
  }
  const found = ctx.lookupWrite(key) !== undefined;
  if ((o.nx && found) || (o.xx && !found)) return getReply ?? o.abortReply ?? NIL;
  ctx.setKey(key, value, o.keepTtl === true);
  unmarkString(ctx.db, key);
  ctx.dirty(1);
  if (o.expire) {
    if (v70 && at70 !== undefined) {
      ctx.setExpire(key, Number(at70));
      ctx.rewrite(['SET', key, value, 'PXAT', at70.toString()]);
    } else {
      ctx.setExpire(key, Number(wrap64(BigInt(ctx.now) + rel40)));
    }
  } else if (o.get && v70) {
    // Replicas must not see GET (it would make them reply); every "get" token from argv[3] on goes.
    ctx.rewrite(ctx.argv.filter((a, i) => i < 3 || !eqi(a, 'get')));
  }
  return getReply ?? o.okReply ?? OK;
}

/**
 * The entry INCR and DECR share (incr.json and decr.json differ only in the summary): one key,
 * O(1); `run` adds `by` (1 or -1).
 */
export function incrDecrSpec(name: 'incr' | 'decr', by: 1 | -1): Command {
  return {
    name,
    arity: 2,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['string'],
    keySpecs: [{ flags: ['RW', 'access', 'update'], index: 1, range: [0, 1, 0] }],
    args: [{ name: 'key', type: 'key', keySpec: 0 }],
    docs: { complexity: 'O(1)' },
    run(ctx) {
      return incrDecr(ctx, ctx.argv[1], by);
    },
  };
}

/**
 * incrDecrCommand: add `incr` to the integer stored at the key (missing = 0), refusing
 * non-integers and 64-bit overflow. The TTL survives (dbOverwrite).
 *
 * `incr` may be a number of at most 15 digits (INCR's 1, or what parseSmallInt read): then a
 * stored value of at most 15 digits is added as a double, which is exact (|sum| < 2·10^15 <
 * 2^53) and cannot overflow 64 bits, and String(sum) / the reply are what the BigInt path makes.
 * Anything else — longer values, non-integers — takes the BigInt path, which decides.
 */
export function incrDecr(ctx: Ctx, key: string, incr: bigint | number): Reply {
  const o = ctx.lookupWrite(key);
  if (o !== undefined && !isString(o)) return ERR.wrongType;
  if (typeof incr === 'number') {
    const small = o === undefined ? 0 : parseSmallInt(o);
    if (!Number.isNaN(small)) return storeCounter(ctx, key, small + incr);
    incr = BigInt(incr);
  }
  const cur = o === undefined ? 0n : parseLL(o);
  if (cur === null) return ERR.notInteger;
  if ((incr < 0n && cur < 0n && incr < LLONG_MIN - cur) || (incr > 0n && cur > 0n && incr > LLONG_MAX - cur)) {
    return error('ERR increment or decrement would overflow');
  }
  return storeCounter(ctx, key, cur + incr);
}

/** Store a counter's new value as its decimal string; the reply is the value. */
function storeCounter(ctx: Ctx, key: string, next: bigint | number): Reply {
  ctx.setKey(key, typeof next === 'number' ? counterString(next) : next.toString(), true);
  unmarkString(ctx.db, key);
  ctx.dirty(1);
  return int(typeof next === 'number' ? next : intValue(next));
}

/**
 * GETRANGE / SUBSTR (getrangeCommand): the bytes from start to end, both inclusive, negative
 * indexes counting from the end and clamped into the string. 7.0 answers empty when both are
 * negative with start after end; 4.0 clamps them (so `-10 -20` of a short string is its first byte).
 */
export function getrangeGeneric(ctx: Ctx): Reply {
  const start0 = parseLL(ctx.argv[2]);
  if (start0 === null) return ERR.notInteger;
  const end0 = parseLL(ctx.argv[3]);
  if (end0 === null) return ERR.notInteger;
  const o = ctx.lookupRead(ctx.argv[1]);
  if (o === undefined) return EMPTY_BULK;
  if (!isString(o)) return ERR.wrongType;
  if (ctx.version === '7.0' && start0 < 0n && end0 < 0n && start0 > end0) return EMPTY_BULK;
  const len = BigInt(o.length);
  let start = start0 < 0n ? len + start0 : start0;
  let end = end0 < 0n ? len + end0 : end0;
  if (start < 0n) start = 0n;
  if (end < 0n) end = 0n;
  if (end >= len) end = len - 1n;
  if (start > end || len === 0n) return EMPTY_BULK;
  return bulk(o.slice(Number(start), Number(end) + 1));
}

const EMPTY_BULK = bulk('');
