/** Deep copies of values (COPY's dupStringObject, listTypeDup, setTypeDup, hashTypeDup, zsetDup). */
import type { RValue } from '../../keyspace';

/** A copy of a value that shares nothing mutable with it (strings are immutable already). */
export function dupValue(v: RValue): RValue {
  if (typeof v === 'string') return v;
  if (v.type === 'list') return { type: 'list', items: [...v.items] };
  if (v.type === 'hash') return { type: 'hash', map: new Map(v.map) };
  if (v.type === 'set') return { type: 'set', set: new Set(v.set) };
  if (v.type === 'zset') return { type: 'zset', dict: new Map(v.dict), sorted: v.sorted.map((e) => ({ ...e })) };
  // Any other type of plain data (maps, sets, arrays, objects): a deep copy of the structure.
  return structuredClone(v);
}
