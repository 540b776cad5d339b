/**
 * The order in which Redis's Lua 5.1 walks the string keys of a table (lua_next), which is what
 * cjson.encode writes an object in: fengari keeps insertion order, real Redis its hash table's
 * node order. This replays the insertions into a model of Lua 5.1's table (ltable.c): nodes in
 * a power-of-two array, a key at its main position (the string hash, as Redis's lstring.c
 * computes it over every byte, modulo the size), collisions moved to the last free node, and a
 * rehash into the smallest size that fits when no node is free, re-inserting from the last node
 * to the first. The table is assumed to have grown from empty; a table constructor presizes its
 * hash part, which gives the same order for the small tables scripts usually encode.
 */
import { fromLua } from './bytes';
import { type LuaState, lua } from './fengari';

/** luaS_hash as Redis builds it (seeded with the length, every byte hashed, from the end). */
function hash(s: string): number {
  let h = s.length >>> 0;
  for (let i = s.length; i >= 1; i--) h = (h ^ (((h << 5) >>> 0) + (h >>> 2) + (s.charCodeAt(i - 1) & 255))) >>> 0;
  return h;
}

/** A table key as lua51Order sorts it: a string, a number, or null for another type. */
export function luaKey(L: LuaState, idx: number): string | number | null {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TSTRING) return fromLua(lua.lua_tolstring(L, idx)!);
  return t === lua.LUA_TNUMBER ? lua.lua_tonumber(L, idx) : null;
}

/** Byte-string keys in the order Lua 5.1's next() gives them after inserting them in this order. */
export function lua51KeyOrder(keys: readonly string[]): string[] {
  let size = 0; // 0: the shared empty node
  let key: (string | null)[] = [];
  let next: number[] = [];
  let lastFree = 0;
  const main = (k: string) => hash(k) & (size - 1);
  const reset = (n: number) => {
    size = n === 0 ? 0 : 2 ** Math.ceil(Math.log2(n));
    key = new Array(size).fill(null);
    next = new Array(size).fill(-1);
    lastFree = size;
  };
  const insert = (k: string): void => {
    let mp = size === 0 ? -1 : main(k);
    if (mp < 0 || key[mp] !== null) {
      let free = -1;
      while (lastFree > 0)
        if (key[--lastFree] === null) {
          free = lastFree;
          break;
        }
      if (free < 0) {
        // rehash: the keys there are, plus the new one; old nodes re-inserted last to first.
        const old = key;
        reset(old.filter((x) => x !== null).length + 1);
        for (let i = old.length - 1; i >= 0; i--) if (old[i] !== null) insert(old[i]!);
        insert(k);
        return;
      }
      let other = main(key[mp]!);
      if (other !== mp) {
        // The colliding key is not in its main position: it moves to the free node.
        while (next[other] !== mp) other = next[other];
        next[other] = free;
        key[free] = key[mp];
        next[free] = next[mp];
        next[mp] = -1;
      } else {
        next[free] = next[mp];
        next[mp] = free;
        mp = free;
      }
    }
    key[mp] = k;
  };
  reset(0);
  for (const k of keys) insert(k);
  return key.filter((x): x is string => x !== null);
}

/**
 * A table's keys in the order Lua 5.1's next() would give them, approximately for mixed tables:
 * positive whole-number keys first, ascending (the array part), then string keys in hash order
 * (lua51KeyOrder), then any others as fengari gives them.
 */
export function lua51Order<T>(entries: readonly T[], keyOf: (e: T) => string | number | null): T[] {
  const ints: [number, T][] = [];
  const strs = new Map<string, T>();
  const rest: T[] = [];
  for (const e of entries) {
    const k = keyOf(e);
    if (typeof k === 'number' && Number.isInteger(k) && k > 0) ints.push([k, e]);
    else if (typeof k === 'string') strs.set(k, e);
    else rest.push(e);
  }
  ints.sort((a, b) => a[0] - b[0]);
  return [...ints.map((x) => x[1]), ...lua51KeyOrder([...strs.keys()]).map((k) => strs.get(k)!), ...rest];
}
