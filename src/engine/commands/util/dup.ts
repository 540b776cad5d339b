/** Deep copies of values (COPY's dupStringObject, listTypeDup, setTypeDup, hashTypeDup, zsetDup). */
import type { RValue } from '../../keyspace';

/** A copy of a value that shares nothing mutable with it (strings are immutable already). */
export function dupValue(v: RValue): RValue {
  if (typeof v === 'string') return v;
  switch (v.type) {
    case 'list':
      return { type: 'list', items: [...v.items] };
    case 'hash':
      return { type: 'hash', map: new Map(v.map) };
    case 'set':
      return { type: 'set', set: new Set(v.set) };
    case 'zset':
      return { type: 'zset', dict: new Map(v.dict), sorted: v.sorted.map((e) => ({ ...e })) };
  }
}
