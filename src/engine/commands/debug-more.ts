/**
 * DEBUG OBJECT, LISTPACK, QUICKLIST-PACKED-THRESHOLD and PROTOCOL (7.0), the subcommands Redis's
 * own test suite leans on. OBJECT prints what the server knows of a value: a made-up address (the
 * engine has no pointers; stable per key), the refcount, encoding and access clock OBJECT shows,
 * the value's serialized length (its DUMP payload without type byte, version and checksum), and
 * for lists the quicklist's nodes as the RDB writer splits them. PROTOCOL answers one reply of each
 * RESP3 type (and its RESP2 form), as client libraries are tested with.
 */
import { parseMemory } from '../config';
import { dumpPayload, listNodes } from '../rdb';
import { array, bulk, double, error, int, map, OK, type Reply, setReply, status, verbatim } from '../resp';
import type { Server } from '../server';
import type { Ctx } from './types';
import { objectEncoding, refcount } from './util/encoding';
import { idleSeconds, lruOf } from './util/lru';

const NO_KEY = error('ERR no such key');

/** A pointer-looking hex address for a key, the same on every call. */
function address(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return `0x7fc9${((h & 0xfffffff0) >>> 0).toString(16).padStart(8, '0')}`;
}

export function debugObject(ctx: Ctx): Reply {
  const { srv, db } = ctx;
  const key = ctx.argv[2];
  const v = db.dict.get(key);
  if (v === undefined) return NO_KEY;
  const enc = objectEncoding(srv, db, key, v);
  const serialized = dumpPayload(v, ctx.version, srv.config.bool('rdbcompression')).length - 11;
  const lru = lruOf(srv, db.id, key);
  let extra = '';
  if (typeof v !== 'string' && v.type === 'list') {
    const nodes = listNodes(v.items, true);
    const size = nodes.reduce((a, n) => a + n.length, 0);
    const avg = nodes.length > 0 ? v.items.length / nodes.length : 0;
    const compressed = srv.config.int('list-compress-depth') !== 0 ? 1 : 0;
    extra = ` ql_nodes:${nodes.length} ql_avg_node:${avg.toFixed(2)} ql_listpack_max:${srv.config.int('list-max-listpack-size')} ql_compressed:${compressed} ql_uncompressed_size:${size}`;
  }
  return status(
    `Value at:${address(key)} refcount:${refcount(srv, db, key, v)} encoding:${enc} serializedlength:${serialized} lru:${lru} lru_seconds_idle:${idleSeconds(srv, lru)}${extra}`,
  );
}

/** DEBUG LISTPACK key: Redis prints the listpack on its stdout; the engine has none to print on. */
export function debugListpack(ctx: Ctx): Reply {
  const { srv, db } = ctx;
  const v = db.dict.get(ctx.argv[2]);
  if (v === undefined) return NO_KEY;
  if (objectEncoding(srv, db, ctx.argv[2], v) !== 'listpack') return error('ERR Not a listpack encoded object.');
  return status('Listpack structure printed on stdout');
}

/** DEBUG QUICKLIST-PACKED-THRESHOLD size: accepted and kept; the engine stores no large elements apart. */
export function debugPackedThreshold(srv: Server, arg: string): Reply {
  const n = parseMemory(arg);
  if (n === null || n >= 2 ** 32)
    return error('ERR argument must be a memory value bigger than 1 and smaller than 4gb');
  srv.quicklistPackedThreshold = n;
  return OK;
}

const PROTOCOL_TYPES = 'string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false';
const ints = [int(0), int(1), int(2)];

/** DEBUG PROTOCOL type: one reply of that RESP3 type (RESP2 clients get its RESP2 form). */
export function debugProtocol(ctx: Ctx): Reply {
  switch (ctx.argv[2].toLowerCase()) {
    case 'string':
      return bulk('Hello World');
    case 'integer':
      return int(12345);
    case 'double':
      return double('3.141');
    case 'bignum':
      return { t: 'bignum', s: '1234567999999999999999999999999999999' };
    case 'null':
      return bulk(null);
    case 'array':
      return array(ints);
    case 'set':
      return setReply(ints);
    case 'map':
      return map(ints.flatMap((k, j) => [k, { t: 'bool', b: j === 1 } as Reply]));
    case 'attrib':
      return {
        t: 'attr',
        items: [bulk('key-popularity'), array([bulk('key:123'), int(90)])],
        reply: bulk('Some real reply following the attribute'),
      };
    case 'push':
      if (ctx.client.resp === 2) return error('ERR RESP2 is not supported by this command');
      ctx.srv.reply(ctx.client, { t: 'push', items: [bulk('server-cpu-usage'), int(42)] });
      return bulk('Some real reply following the push reply');
    case 'verbatim':
      return verbatim('This is a verbatim\nstring');
    case 'true':
      return { t: 'bool', b: true };
    case 'false':
      return { t: 'bool', b: false };
    default:
      return error(`ERR Wrong protocol type name. Please use one of the following: ${PROTOCOL_TYPES}`);
  }
}
