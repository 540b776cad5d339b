/**
 * The blocking list and sorted-set commands' bodies (t_list.c blockingPopGenericCommand and
 * blmoveGenericCommand, t_zset.c blockingGenericZpopCommand): when a list or sorted set is there
 * they act at once, exactly as the non-blocking command they are propagated as (`LPOP key`,
 * `RPOP key n`, `LMOVE ...`, `RPOPLPUSH ...`, `ZPOPMIN key`, `ZPOPMAX key n`);
 * otherwise the client blocks on its keys (blocking.ts) — unless it may not block (inside a
 * transaction), when it answers as a timeout would, at once.
 */
import { blockForKeys } from '../../blocking';
import { array, bulk, ERR, NIL, NIL_ARRAY, type Reply } from '../../resp';
import { lmoveGeneric } from '../lmove';
import type { Ctx } from '../types';
import { type End, parseMpop, popFirstNonEmpty, whereArg } from './list';
import { secondsTimeoutArg } from './timeout';
import { isList, isZSet } from './types';
import { parseZmpop, zpopFirstNonEmpty } from './zmpop';
import { scoreReply, zsetRemoveSlice } from './zset';

/** The client may not block now: it runs inside MULTI/EXEC (CLIENT_DENY_BLOCKING). */
const mayNotBlock = (ctx: Ctx): boolean => ctx.client.inExec;

/**
 * BLPOP / BRPOP: the keys are argv[1..-2], the timeout the last argument. Pops one element from
 * the first non-empty list ([key, element]).
 */
export function blockingPop(ctx: Ctx, where: End): Reply | null {
  const argv = ctx.argv;
  const timeout = secondsTimeoutArg(argv[argv.length - 1], ctx.now, ctx.version);
  if (typeof timeout !== 'number') return timeout;
  const keys = argv.slice(1, -1);
  for (const key of keys) {
    const o = ctx.lookupWrite(key);
    if (o === undefined) continue;
    if (!isList(o)) return ERR.wrongType;
    if (o.items.length === 0) continue;
    const value = (where === 'head' ? o.items.shift() : o.items.pop()) as string;
    if (o.items.length === 0) ctx.deleteKey(key);
    ctx.rewrite([where === 'head' ? 'LPOP' : 'RPOP', key]);
    ctx.touch(key);
    ctx.dirty();
    return array([bulk(key), bulk(value)]);
  }
  if (mayNotBlock(ctx)) return NIL_ARRAY;
  block(ctx, { kind: 'pop', keys, where, timeoutAt: timeout });
  return null;
}

/** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]. */
export function blockingMpop(ctx: Ctx): Reply | null {
  const a = parseMpop(ctx, 2);
  if ('t' in a) return a;
  const timeout = secondsTimeoutArg(ctx.argv[1], ctx.now, ctx.version);
  if (typeof timeout !== 'number') return timeout;
  const r = popFirstNonEmpty(ctx, a.keys, a.where, a.count);
  if (r !== null) return r;
  if (mayNotBlock(ctx)) return NIL_ARRAY;
  block(ctx, { kind: 'mpop', keys: a.keys, where: a.where, count: a.count, timeoutAt: timeout });
  return null;
}

/**
 * BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout, and BRPOPLPUSH source destination
 * timeout (`rpoplpush`): with a list at the source, LMOVE / RPOPLPUSH at once (propagated so).
 */
export function blockingMove(ctx: Ctx, rpoplpush: boolean): Reply | null {
  const argv = ctx.argv;
  let from: End = 'tail';
  let to: End = 'head';
  if (!rpoplpush) {
    const f = whereArg(argv[3]);
    if (f === null) return ERR.syntax;
    const t = whereArg(argv[4]);
    if (t === null) return ERR.syntax;
    from = f;
    to = t;
  }
  const timeout = secondsTimeoutArg(argv[rpoplpush ? 3 : 5], ctx.now, ctx.version);
  if (typeof timeout !== 'number') return timeout;
  const [, src, dst] = argv;
  const o = ctx.lookupWrite(src);
  if (o !== undefined && !isList(o)) return ERR.wrongType;
  if (o === undefined) {
    if (mayNotBlock(ctx)) return NIL;
    block(ctx, { kind: 'move', keys: [src], where: from, to, dst, rpoplpush, timeoutAt: timeout });
    return null;
  }
  const r = lmoveGeneric(ctx, src, dst, from, to);
  ctx.rewrite(rpoplpush ? ['RPOPLPUSH', src, dst] : ['LMOVE', src, dst, argv[3], argv[4]]);
  return r;
}

/**
 * BZPOPMIN / BZPOPMAX key [key ...] timeout: one entry from the first non-empty sorted set,
 * replied [key, member, score] and propagated as `ZPOPMIN|ZPOPMAX key`.
 */
export function blockingZpop(ctx: Ctx, max: boolean): Reply | null {
  const argv = ctx.argv;
  const timeout = secondsTimeoutArg(argv[argv.length - 1], ctx.now, ctx.version);
  if (typeof timeout !== 'number') return timeout;
  const keys = argv.slice(1, -1);
  for (const key of keys) {
    const o = ctx.lookupWrite(key);
    if (o === undefined) continue;
    if (!isZSet(o)) return ERR.wrongType;
    const n = o.sorted.length;
    if (n === 0) continue;
    const [e] = max ? zsetRemoveSlice(o, n - 1, n) : zsetRemoveSlice(o, 0, 1);
    if (o.dict.size === 0) ctx.deleteKey(key);
    ctx.rewrite([max ? 'ZPOPMAX' : 'ZPOPMIN', key]);
    ctx.touch(key);
    ctx.dirty();
    return array([bulk(key), bulk(e.member), scoreReply(e.score)]);
  }
  if (mayNotBlock(ctx)) return NIL_ARRAY;
  block(ctx, { kind: 'zpop', keys, where: 'head', max, timeoutAt: timeout });
  return null;
}

/** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: ZMPOP, or wait. */
export function blockingZmpop(ctx: Ctx): Reply | null {
  const a = parseZmpop(ctx, 2);
  if ('t' in a) return a;
  const timeout = secondsTimeoutArg(ctx.argv[1], ctx.now, ctx.version);
  if (typeof timeout !== 'number') return timeout;
  const r = zpopFirstNonEmpty(ctx, a);
  if (r !== null) return r;
  if (mayNotBlock(ctx)) return NIL_ARRAY;
  block(ctx, { kind: 'zmpop', keys: a.keys, where: 'head', max: a.max, count: a.count, timeoutAt: timeout });
  return null;
}

function block(
  ctx: Ctx,
  b: { kind: 'pop' | 'mpop' | 'move' | 'zpop' | 'zmpop'; keys: string[]; where: End; timeoutAt: number } & Partial<{
    to: End;
    dst: string;
    count: number;
    rpoplpush: boolean;
    max: boolean;
  }>,
): void {
  blockForKeys(ctx.srv, ctx.client, {
    kind: b.kind,
    dbid: ctx.db.id,
    keys: b.keys,
    where: b.where,
    to: b.to ?? 'head',
    dst: b.dst ?? '',
    count: b.count ?? 1,
    rpoplpush: b.rpoplpush ?? false,
    max: b.max ?? false,
    timeoutAt: b.timeoutAt,
  });
}
