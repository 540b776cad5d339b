/**
 * Narrowing helpers for the WRONGTYPE checks every typed command starts with (Redis's
 * checkType): `if (o !== undefined && !isList(o)) return ERR.wrongType;` leaves `o` typed as
 * `RList | undefined`.
 */
import type { RHash, RList, RSet, RValue, RZSet } from '../../keyspace';

/** A Redis string (stored as the bare byte string). */
export const isString = (v: RValue): v is string => typeof v === 'string';
/** A list. */
export const isList = (v: RValue): v is RList => typeof v !== 'string' && v.type === 'list';
/** A hash. */
export const isHash = (v: RValue): v is RHash => typeof v !== 'string' && v.type === 'hash';
/** A set. */
export const isSet = (v: RValue): v is RSet => typeof v !== 'string' && v.type === 'set';
/** A sorted set. */
export const isZSet = (v: RValue): v is RZSet => typeof v !== 'string' && v.type === 'zset';
