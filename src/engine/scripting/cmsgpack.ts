/**
 * The `cmsgpack` library Redis scripts get (Salvatore Sanfilippo's lua-cmsgpack, as Redis
 * bundles it for Lua 5.1): cmsgpack.pack(...) and cmsgpack.unpack / unpack_one / unpack_limit.
 * Encoding as it does: a number that is a whole int64 is the smallest integer form, another a
 * float32 when exact, else a float64; strings as fixstr/str8/16/32; a table whose keys are 1..n
 * an array, any other a map (string keys in Lua 5.1's table order, lua51-order.ts); a table
 * nested 16 deep, and any other type, nil. Decoding reads every form it writes and the other
 * integer sizes (not bin or ext, as Redis's copy), errors as it words them.
 */
import { fromLua, toLua } from './bytes';
import { type LuaState, lauxlib, lua, pushNumber } from './fengari';
import { lua51Order, luaKey } from './lua51-order';

const MAX_NESTING = 16;

/** n in big-endian bytes after a type byte. */
function be(type: number, n: number | bigint, bytes: number): string {
  let v = BigInt(n) & ((1n << BigInt(bytes * 8)) - 1n);
  let out = '';
  for (let i = 0; i < bytes; i++) {
    out = String.fromCharCode(Number(v & 255n)) + out;
    v >>= 8n;
  }
  return String.fromCharCode(type) + out;
}

function encodeInt(n: bigint): string {
  if (n >= 0n) {
    if (n <= 127n) return String.fromCharCode(Number(n));
    if (n <= 0xffn) return be(0xcc, n, 1);
    if (n <= 0xffffn) return be(0xcd, n, 2);
    if (n <= 0xffffffffn) return be(0xce, n, 4);
    return be(0xcf, n, 8);
  }
  if (n >= -32n) return String.fromCharCode(Number(n) & 255);
  if (n >= -128n) return be(0xd0, n, 1);
  if (n >= -32768n) return be(0xd1, n, 2);
  if (n >= -2147483648n) return be(0xd2, n, 4);
  return be(0xd3, n, 8);
}

function encodeNumber(x: number): string {
  // IS_INT64_EQUIVALENT: a whole number inside int64's range.
  if (Number.isInteger(x) && x >= -(2 ** 63) && x < 2 ** 63) return encodeInt(BigInt(x));
  // x86's 0/0 is the NaN with the sign bit set; NaN is never equal to itself, so a float64.
  if (Number.isNaN(x)) return '\xcb\xff\xf8\0\0\0\0\0\0';
  const f32 = Math.fround(x) === x;
  const dv = new DataView(new ArrayBuffer(f32 ? 4 : 8));
  if (f32) dv.setFloat32(0, x);
  else dv.setFloat64(0, x);
  return String.fromCharCode(f32 ? 0xca : 0xcb, ...new Uint8Array(dv.buffer));
}

function encodeString(s: string): string {
  const n = s.length;
  if (n < 32) return String.fromCharCode(0xa0 | n) + s;
  if (n <= 0xff) return be(0xd9, n, 1) + s;
  if (n <= 0xffff) return be(0xda, n, 2) + s;
  return be(0xdb, n, 4) + s;
}

/** A length header: fix form below `fixMax`, else 16 or 32 bits. */
function header(n: number, fix: number, fixMax: number, t16: number): string {
  if (n <= fixMax) return String.fromCharCode(fix | n);
  return n <= 0xffff ? be(t16, n, 2) : be(t16 + 1, n, 4);
}

function encode(L: LuaState, idx: number, level: number): string {
  const i = lua.lua_absindex(L, idx);
  let t = lua.lua_type(L, i);
  if (t === lua.LUA_TTABLE && level === MAX_NESTING) t = lua.LUA_TNIL;
  if (t === lua.LUA_TSTRING) return encodeString(fromLua(lua.lua_tolstring(L, i)!));
  if (t === lua.LUA_TBOOLEAN) return lua.lua_toboolean(L, i) ? '\xc3' : '\xc2';
  if (t === lua.LUA_TNUMBER) return encodeNumber(lua.lua_tonumber(L, i));
  if (t !== lua.LUA_TTABLE) return '\xc0';
  lua.lua_checkstack(L, 4);
  // table_is_an_array: every key a positive whole number, as many as the largest.
  let count = 0;
  let max = 0;
  let array = true;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, i) !== 0) {
    lua.lua_pop(L, 1);
    const k = lua.lua_type(L, -1) === lua.LUA_TNUMBER ? lua.lua_tonumber(L, -1) : 0;
    if (k > 0 && Number.isInteger(k)) {
      max = Math.max(max, k);
      count++;
    } else array = false;
  }
  if (array && max === count) {
    let out = header(max, 0x90, 15, 0xdc);
    for (let j = 1; j <= max; j++) {
      lua.lua_rawgeti(L, i, j);
      out += encode(L, -1, level + 1);
      lua.lua_pop(L, 1);
    }
    return out;
  }
  // A map: its pairs in the order Lua 5.1 walks them.
  const pairs: { key: string | number | null; bytes: string }[] = [];
  lua.lua_pushnil(L);
  while (lua.lua_next(L, i) !== 0) {
    pairs.push({ key: luaKey(L, -2), bytes: encode(L, -2, level + 1) + encode(L, -1, level + 1) });
    lua.lua_pop(L, 1);
  }
  return (
    header(pairs.length, 0x80, 15, 0xde) +
    lua51Order(pairs, (p) => p.key)
      .map((p) => p.bytes)
      .join('')
  );
}

/** A decoding position over a byte string; `err` set on the first problem. */
interface Cur {
  s: string;
  p: number;
  err: 'eof' | 'format' | null;
}

function need(c: Cur, n: number): boolean {
  if (c.p + n > c.s.length) c.err ??= 'eof';
  return c.err === null;
}

function readBE(c: Cur, at: number, bytes: number): bigint {
  let v = 0n;
  for (let i = 0; i < bytes; i++) v = (v << 8n) | BigInt(c.s.charCodeAt(at + i));
  return v;
}

function decode(L: LuaState, c: Cur): void {
  if (!need(c, 1)) return;
  lua.lua_checkstack(L, 4);
  const b = c.s.charCodeAt(c.p);
  const uint = (bytes: number, signed: boolean) => {
    if (!need(c, 1 + bytes)) return;
    const v = readBE(c, c.p + 1, bytes);
    pushNumber(L, Number(signed ? BigInt.asIntN(bytes * 8, v) : v));
    c.p += 1 + bytes;
  };
  const str = (lenBytes: number, len?: number) => {
    if (!need(c, 1 + lenBytes)) return;
    const l = len ?? Number(readBE(c, c.p + 1, lenBytes));
    c.p += 1 + lenBytes;
    if (!need(c, l)) return;
    lua.lua_pushstring(L, toLua(c.s.slice(c.p, c.p + l)));
    c.p += l;
  };
  const table = (lenBytes: number, map: boolean, len?: number) => {
    if (!need(c, 1 + lenBytes)) return;
    let l = len ?? Number(readBE(c, c.p + 1, lenBytes));
    c.p += 1 + lenBytes;
    lua.lua_newtable(L);
    let index = 1;
    while (l-- > 0) {
      if (map) decode(L, c);
      else lua.lua_pushinteger(L, index++);
      if (c.err) return;
      decode(L, c);
      if (c.err) return;
      lua.lua_settable(L, -3);
    }
  };
  if (b === 0xc0 || b === 0xc2 || b === 0xc3) {
    if (b === 0xc0) lua.lua_pushnil(L);
    else lua.lua_pushboolean(L, b === 0xc3);
    c.p++;
  } else if (b >= 0xcc && b <= 0xcf) uint(2 ** (b - 0xcc), false);
  else if (b >= 0xd0 && b <= 0xd3) uint(2 ** (b - 0xd0), true);
  else if (b === 0xca || b === 0xcb) {
    const n = b === 0xca ? 4 : 8;
    if (!need(c, 1 + n)) return;
    const dv = new DataView(toLua(c.s.slice(c.p + 1, c.p + 1 + n)).buffer);
    pushNumber(L, n === 4 ? dv.getFloat32(0) : dv.getFloat64(0));
    c.p += 1 + n;
  } else if (b >= 0xd9 && b <= 0xdb) str(b === 0xdb ? 4 : b - 0xd8);
  else if (b === 0xdc || b === 0xdd) table(b === 0xdc ? 2 : 4, false);
  else if (b === 0xde || b === 0xdf) table(b === 0xde ? 2 : 4, true);
  else if ((b & 0x80) === 0) {
    lua.lua_pushinteger(L, b);
    c.p++;
  } else if ((b & 0xe0) === 0xe0) {
    lua.lua_pushinteger(L, b - 256);
    c.p++;
  } else if ((b & 0xe0) === 0xa0) str(0, b & 0x1f);
  else if ((b & 0xf0) === 0x90) table(0, false, b & 0xf);
  else if ((b & 0xf0) === 0x80) table(0, true, b & 0xf);
  else c.err = 'format';
}

/** mp_unpack_full: decode up to `limit` values from `offset` (0, 0: all, without the offset result). */
function unpackFull(L: LuaState, limit: number, offset: number): number {
  const s = fromLua(lauxlib.luaL_checklstring(L, 1));
  const all = limit === 0 && offset === 0;
  if (offset < 0 || limit < 0) {
    lauxlib.luaL_error(L, `Invalid request to unpack with offset of ${offset} and limit of ${s.length}.`);
  } else if (offset > s.length) {
    lauxlib.luaL_error(L, `Start offset ${offset} greater than input length ${s.length}.`);
  }
  const c: Cur = { s, p: offset, err: null };
  let cnt = 0;
  for (const max = all ? Number.POSITIVE_INFINITY : limit; c.p < s.length && cnt < max; cnt++) {
    decode(L, c);
    if (c.err === 'eof') lauxlib.luaL_error(L, 'Missing bytes in input.');
    if (c.err === 'format') lauxlib.luaL_error(L, 'Bad data format in input.');
  }
  if (all) return cnt;
  lua.lua_pushinteger(L, c.p >= s.length ? -1 : c.p);
  lua.lua_insert(L, 2);
  return cnt + 1;
}

/** Push a new table holding cmsgpack.pack, unpack, unpack_one and unpack_limit. */
export function pushCmsgpackLib(L: LuaState): void {
  const fns: [string, (L: LuaState) => number][] = [
    [
      'pack',
      (L) => {
        const n = lua.lua_gettop(L);
        if (n === 0) lauxlib.luaL_argerror(L, 0, 'MessagePack pack needs input.');
        let out = '';
        for (let i = 1; i <= n; i++) out += encode(L, i, 0);
        lua.lua_pushstring(L, toLua(out));
        return 1;
      },
    ],
    ['unpack', (L) => unpackFull(L, 0, 0)],
    [
      'unpack_one',
      (L) => {
        const offset = lauxlib.luaL_optinteger(L, 2, 0);
        lua.lua_settop(L, 1);
        return unpackFull(L, 1, offset);
      },
    ],
    [
      'unpack_limit',
      (L) => {
        const limit = lauxlib.luaL_checkinteger(L, 2);
        const offset = lauxlib.luaL_optinteger(L, 3, 0);
        lua.lua_settop(L, 1);
        return unpackFull(L, limit, offset);
      },
    ],
  ];
  lua.lua_newtable(L);
  for (const [name, fn] of fns) {
    lua.lua_pushjsfunction(L, fn);
    lua.lua_setfield(L, -2, name);
  }
}
