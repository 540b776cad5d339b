/** The shared bodies of the hash commands (t_hash.c), and the entry HSET and HMSET share. */

import { newHash, type RHash } from '../../keyspace';
import { ERR, error, int, OK, type Reply, wrongArity } from '../../resp';
import type { Command, CommandDocs, Ctx } from '../types';
import { noteHashWrite } from './encoding';
import { isHash } from './types';

/**
 * hashTypeLookupWriteOrCreate: the hash at the key, created (and stored) when missing, or the
 * WRONGTYPE reply.
 */
export function hashForWrite(ctx: Ctx, key: string): RHash | Reply {
  const o = ctx.lookupWrite(key);
  if (o === undefined) {
    const h = newHash();
    ctx.setKey(key, h);
    return h;
  }
  return isHash(o) ? o : ERR.wrongType;
}

/** Tell a hash from a reply (replies carry `t`). */
export const isReply = (x: RHash | Reply): x is Reply => 't' in x;

/**
 * The entry HSET and HMSET share: arity, flags, key spec and the field/value argument tree; `run`
 * is hsetGeneric. Their docs differ (HMSET is deprecated, with its own complexity).
 */
export function hsetSpec(name: 'hset' | 'hmset', docs: CommandDocs): Command {
  return {
    name,
    arity: -4,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['hash'],
    keySpecs: [{ flags: ['RW', 'update'], index: 1, range: [0, 1, 0] }],
    args: [
      { name: 'key', type: 'key', keySpec: 0 },
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
    docs,
    run(ctx) {
      return hsetGeneric(ctx, name);
    },
  };
}

/**
 * HSET / HMSET (one body, hsetCommand): set every field/value pair; HSET replies how many
 * fields are new, HMSET replies OK. Dirty moves by the pair count (4.0: by one).
 */
export function hsetGeneric(ctx: Ctx, name: 'hset' | 'hmset'): Reply {
  const argv = ctx.argv;
  if (argv.length % 2 === 1) {
    return ctx.version === '7.0' ? wrongArity(name) : error('ERR wrong number of arguments for HMSET');
  }
  const h = hashForWrite(ctx, argv[1]);
  if (isReply(h)) return h;
  let created = 0;
  for (let i = 2; i < argv.length; i += 2) {
    if (!h.map.has(argv[i])) created++;
    h.map.set(argv[i], argv[i + 1]);
  }
  noteHashWrite(ctx.srv, h, argv.slice(2));
  ctx.dirty(ctx.version === '7.0' ? (argv.length - 2) / 2 : 1);
  return name === 'hset' ? int(created) : OK;
}

/** The read side: the hash, undefined when missing, or the WRONGTYPE reply. */
export function hashForRead(ctx: Ctx, key: string): RHash | undefined | Reply {
  const o = ctx.lookupRead(key);
  if (o === undefined) return undefined;
  return isHash(o) ? o : ERR.wrongType;
}
