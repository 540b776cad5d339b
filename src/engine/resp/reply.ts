/**
 * The typed reply value. Commands return a Reply; the wire encoder (encode.ts) turns it into RESP2
 * bytes only at the edge, and the redis-cli formatter of the scenario layer reads the very same type,
 * so what a console shows and what a socket carries can never disagree.
 */
export type Reply =
  | { readonly t: 'status'; readonly s: string }
  | { readonly t: 'error'; readonly s: string }
  | { readonly t: 'int'; readonly n: number | bigint }
  | { readonly t: 'bulk'; readonly s: string | null }
  | { readonly t: 'array'; readonly items: readonly Reply[] | null }
  // The RESP3 types (HELLO 3). Each has a RESP2 form, so a command returns one Reply whatever
  // protocol its client speaks, and the encoder picks the wire form (addReplyMapLen & co.).
  /** A map: keys and values alternating. RESP2: a flat array of both. */
  | { readonly t: 'map'; readonly items: readonly Reply[] }
  /** A set. RESP2: an array. */
  | { readonly t: 'set'; readonly items: readonly Reply[] }
  /** A double, already spelled as Redis spells it (`1.5`, `inf`). RESP2: a bulk string. */
  | { readonly t: 'double'; readonly s: string }
  /** A verbatim string (INFO, CLIENT LIST): RESP3 `=<len>\r\ntxt:...`. RESP2: a bulk string. */
  | { readonly t: 'verbatim'; readonly s: string }
  /** An out-of-band push (invalidation messages). RESP2 clients only get them as arrays. */
  | { readonly t: 'push'; readonly items: readonly Reply[] }
  // DEBUG PROTOCOL's other RESP3 types. A boolean: RESP2 :1 / :0. A big number: RESP2 a bulk
  // string. A reply carrying attributes (`|`, key/value pairs before it): RESP2 drops them.
  | { readonly t: 'bool'; readonly b: boolean }
  | { readonly t: 'bignum'; readonly s: string }
  | { readonly t: 'attr'; readonly items: readonly Reply[]; readonly reply: Reply };

/** `+OK` */
export const OK: Reply = Object.freeze({ t: 'status', s: 'OK' });
/** `+QUEUED` */
export const QUEUED: Reply = Object.freeze({ t: 'status', s: 'QUEUED' });
/** `$-1` */
export const NIL: Reply = Object.freeze({ t: 'bulk', s: null });
/** `*-1` */
export const NIL_ARRAY: Reply = Object.freeze({ t: 'array', items: null });
/** `*0` */
export const EMPTY_ARRAY: Reply = Object.freeze({ t: 'array', items: [] });
const SMALL_INTS: Reply[] = [];
for (let i = -1; i <= 100; i++) SMALL_INTS.push(Object.freeze({ t: 'int', n: i }));

export const status = (s: string): Reply => (s === 'OK' ? OK : { t: 'status', s });
export const error = (s: string): Reply => ({ t: 'error', s });
export const int = (n: number | bigint): Reply =>
  typeof n === 'number' && n >= -1 && n <= 100 && Number.isInteger(n) ? SMALL_INTS[n + 1] : { t: 'int', n };
export const bulk = (s: string | null): Reply => (s === null ? NIL : { t: 'bulk', s });
export const array = (items: readonly Reply[] | null): Reply => ({ t: 'array', items });
export const map = (items: readonly Reply[]): Reply => ({ t: 'map', items });
export const setReply = (items: readonly Reply[]): Reply => ({ t: 'set', items });
export const double = (s: string): Reply => ({ t: 'double', s });
export const verbatim = (s: string): Reply => ({ t: 'verbatim', s });
export const bulkArray = (items: readonly string[]): Reply => ({ t: 'array', items: items.map((s) => bulk(s)) });

/** Redis's shared error replies, word for word (server.c createSharedObjects). */
export const ERR = {
  wrongType: error('WRONGTYPE Operation against a key holding the wrong kind of value'),
  syntax: error('ERR syntax error'),
  notInteger: error('ERR value is not an integer or out of range'),
  notFloat: error('ERR value is not a valid float'),
  noSuchKey: error('ERR no such key'),
  outOfRange: error('ERR index out of range'),
  dbIndex: error('ERR DB index is out of range'),
} as const;

/** `ERR wrong number of arguments for 'name' command` (7.0 keeps the typed case, lowercased). */
export function wrongArity(name: string): Reply {
  return error(`ERR wrong number of arguments for '${name.toLowerCase()}' command`);
}
