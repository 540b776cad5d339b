/**
 * The shared bodies of the expiry commands (expire.c): EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT
 * and TTL/PTTL, with the command-table entries each family shares.
 */
import { ERR, error, int, type Reply } from '../../resp';
import type { Arg, Command, Ctx } from '../types';
import { eqi } from './args';
import { LLONG_MAX, LLONG_MIN, parseLL, wrap64 } from './int';
import { invalidExpire } from './string';

/** Which of the four expire commands is running. */
export interface ExpireKind {
  /** Canonical lowercase name, for error texts. */
  readonly name: 'expire' | 'pexpire' | 'expireat' | 'pexpireat';
  /** The argument counts from now (EXPIRE, PEXPIRE) rather than from the epoch. */
  readonly relative: boolean;
  readonly seconds: boolean;
}

/**
 * The command-table entry the four expire commands share (expire.json and its siblings differ only
 * in the time argument): arity, flags, key spec, the 7.0 NX|XX|GT|LT condition and the docs.
 */
export function expireSpec(kind: ExpireKind, time: Arg): Command {
  return {
    name: kind.name,
    arity: -3,
    arity40: 3,
    flags: ['write', 'fast'],
    acl: ['keyspace'],
    keySpecs: [{ flags: ['RW', 'update'], index: 1, range: [0, 1, 0] }],
    args: [
      { name: 'key', type: 'key', keySpec: 0 },
      time,
      {
        name: 'condition',
        type: 'oneof',
        since: '7.0.0',
        optional: true,
        args: [
          { name: 'nx', type: 'pure-token', token: 'NX' },
          { name: 'xx', type: 'pure-token', token: 'XX' },
          { name: 'gt', type: 'pure-token', token: 'GT' },
          { name: 'lt', type: 'pure-token', token: 'LT' },
        ],
      },
    ],
    docs: { complexity: 'O(1)', history: [['7.0.0', 'Added options: `NX`, `XX`, `GT` and `LT`.']] },
    run(ctx) {
      return expireGeneric(ctx, kind);
    },
  };
}

/**
 * expireGenericCommand. 7.0 parses NX|XX|GT|LT, guards against 64-bit overflow and propagates
 * the result as `PEXPIREAT key <abs-ms> [flags]` (PEXPIREAT itself goes out as typed). 4.0 takes
 * no flags, wraps on overflow and propagates as typed. On a master, a deadline that is already
 * due deletes the key and goes out as `DEL key` — `UNLINK key` with lazyfree-lazy-expire, as the
 * master's own expiry does (both dialects); a replica stores the past deadline instead.
 */
export function expireGeneric(ctx: Ctx, kind: ExpireKind): Reply {
  const argv = ctx.argv;
  const key = argv[1];
  const v70 = ctx.version === '7.0';
  let nx = false;
  let xx = false;
  let gt = false;
  let lt = false;
  if (v70) {
    for (let j = 3; j < argv.length; j++) {
      const opt = argv[j];
      if (eqi(opt, 'nx')) nx = true;
      else if (eqi(opt, 'xx')) xx = true;
      else if (eqi(opt, 'gt')) gt = true;
      else if (eqi(opt, 'lt')) lt = true;
      else return error(`ERR Unsupported option ${opt}`);
    }
    if ((nx && xx) || (nx && gt) || (nx && lt)) {
      return error('ERR NX and XX, GT or LT options at the same time are not compatible');
    }
    if (gt && lt) return error('ERR GT and LT options at the same time are not compatible');
  }
  const parsed = parseLL(argv[2]);
  if (parsed === null) return ERR.notInteger;
  let when = parsed;
  const base = kind.relative ? BigInt(ctx.now) : 0n;
  if (v70) {
    if (kind.seconds) {
      if (when > LLONG_MAX / 1000n || when < LLONG_MIN / 1000n) return invalidExpire(ctx, kind.name);
      when *= 1000n;
    }
    if (when > LLONG_MAX - base) return invalidExpire(ctx, kind.name);
    when += base;
  } else {
    if (kind.seconds) when = wrap64(when * 1000n);
    when = wrap64(when + base);
  }

  if (ctx.lookupWrite(key) === undefined) return int(0);

  if (nx || xx || gt || lt) {
    const cur = ctx.getExpire(key);
    if (nx && cur !== -1) return int(0);
    if (xx && cur === -1) return int(0);
    // No TTL counts as an infinite one: GT never beats it, LT always does.
    if (gt && (cur === -1 || when <= BigInt(cur))) return int(0);
    if (lt && cur !== -1 && when >= BigInt(cur)) return int(0);
  }

  if (when <= BigInt(ctx.now) && !ctx.isReplica) {
    ctx.deleteKey(key);
    ctx.dirty(1);
    ctx.rewrite([ctx.srv.config.bool('lazyfree-lazy-expire') ? 'UNLINK' : 'DEL', key]);
    return int(1);
  }
  ctx.setExpire(key, Number(when));
  if (v70 && kind.name !== 'pexpireat') {
    const out = argv.slice();
    out[0] = 'PEXPIREAT';
    out[2] = when.toString();
    ctx.rewrite(out);
  }
  ctx.dirty(1);
  return int(1);
}

/**
 * The entry TTL and PTTL share (ttl.json and pttl.json differ only in the summary): one key read,
 * O(1), a nondeterministic answer; `run` replies in milliseconds when `ms`.
 */
export function ttlSpec(name: 'ttl' | 'pttl', ms: boolean): Command {
  return {
    name,
    arity: 2,
    flags: ['readonly', 'fast'],
    acl: ['keyspace'],
    keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
    tips: ['nondeterministic_output'],
    args: [{ name: 'key', type: 'key', keySpec: 0 }],
    docs: { complexity: 'O(1)', history: [['2.8.0', 'Added the -2 reply.']] },
    run(ctx) {
      return ttlGeneric(ctx, ms);
    },
  };
}

/** ttlGenericCommand: -2 missing, -1 no TTL, else the remaining time (TTL rounds to seconds). */
export function ttlGeneric(ctx: Ctx, ms: boolean): Reply {
  const key = ctx.argv[1];
  if (ctx.lookupRead(key) === undefined) return int(-2);
  const expire = ctx.getExpire(key);
  if (expire === -1) return int(-1);
  let ttl = expire - ctx.now;
  if (ttl < 0) ttl = 0;
  return int(ms ? ttl : Math.floor((ttl + 500) / 1000));
}

/** EXPIRETIME / PEXPIRETIME (ttlGenericCommand with output_abs): the deadline itself, in s or ms. */
export function expiretimeGeneric(ctx: Ctx, ms: boolean): Reply {
  const key = ctx.argv[1];
  if (ctx.lookupRead(key) === undefined) return int(-2);
  const expire = ctx.getExpire(key);
  if (expire === -1) return int(-1);
  return int(ms ? expire : Math.floor((expire + 500) / 1000));
}
