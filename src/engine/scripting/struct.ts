/**
 * The `struct` library Redis scripts get (Roberto Ierusalimschy's lua-struct, as Redis bundles
 * it): struct.pack(fmt, ...), struct.unpack(fmt, s [, pos]) and struct.size(fmt) with its
 * format letters — `<` `>` `!n` (endianness, alignment), b/B h/H l/L T i/In I/In (signed /
 * unsigned integers of 1, 2, 8, 8, n bytes; "long" is 8 bytes as on x86-64), f d, x (padding),
 * cn (n chars, c0 after a count), s (zero-terminated) — and its error messages. Integers are
 * doubles to the script as in Lua 5.1; values wider than 64 bits keep their low 64 bits.
 */
import { fromLua, toLua } from './bytes';
import { type LuaState, lauxlib, lua, pushNumber } from './fengari';

const MAXINTSIZE = 32;
const MAXALIGN = 8;
const MASK64 = (1n << 64n) - 1n;

/** A format being read: its text, where, and the header options. */
interface Fmt {
  s: string;
  i: number;
  little: boolean;
  align: number;
}

function getnum(L: LuaState, f: Fmt, df: number): number {
  if (!/[0-9]/.test(f.s[f.i] ?? '')) return df;
  let a = 0;
  while (/[0-9]/.test(f.s[f.i] ?? '')) {
    a = a * 10 + (f.s.charCodeAt(f.i++) - 48);
    if (a > 2147483647) lauxlib.luaL_error(L, 'integral size overflow');
  }
  return a;
}

/** The size of an option (reading its count), 0 for those that take no room. */
function optsize(L: LuaState, opt: string, f: Fmt): number {
  switch (opt) {
    case 'b':
    case 'B':
    case 'x':
      return 1;
    case 'h':
    case 'H':
      return 2;
    case 'f':
      return 4;
    case 'l':
    case 'L':
    case 'T':
    case 'd':
      return 8;
    case 'c':
      return getnum(L, f, 1);
    case 'i':
    case 'I': {
      const sz = getnum(L, f, 4);
      if (sz > MAXINTSIZE) lauxlib.luaL_error(L, `integral size ${sz} is larger than limit of ${MAXINTSIZE}`);
      return sz;
    }
    default:
      return 0;
  }
}

function toAlign(len: number, f: Fmt, opt: string, size: number): number {
  if (size === 0 || opt === 'c') return 0;
  const a = Math.min(size, f.align);
  return (a - (len & (a - 1))) & (a - 1);
}

/** Endianness, alignment and blanks; any other letter is an error. */
function control(L: LuaState, opt: string, f: Fmt): void {
  if (opt === ' ') return;
  if (opt === '>' || opt === '<') {
    f.little = opt === '<';
    return;
  }
  if (opt === '!') {
    const a = getnum(L, f, MAXALIGN);
    if (a <= 0 || (a & (a - 1)) !== 0) lauxlib.luaL_error(L, `alignment ${a} is not a power of 2`);
    f.align = a;
    return;
  }
  lauxlib.luaL_argerror(L, 1, `invalid format option '${opt}'`);
}

const isInt = (opt: string) => 'bBhHlLTiI'.includes(opt);

function fmtOf(L: LuaState): Fmt {
  return { s: fromLua(lauxlib.luaL_checklstring(L, 1)), i: 0, little: true, align: 1 };
}

/** Bytes of a float or double in the format's byte order. */
function floatBytes(x: number, size: number, little: boolean): string {
  const dv = new DataView(new ArrayBuffer(size));
  if (size === 4) dv.setFloat32(0, x, little);
  else dv.setFloat64(0, x, little);
  return String.fromCharCode(...new Uint8Array(dv.buffer));
}

function pack(L: LuaState): number {
  const f = fmtOf(L);
  let arg = 2;
  let out = '';
  while (f.i < f.s.length) {
    const opt = f.s[f.i++];
    let size = optsize(L, opt, f);
    out += '\0'.repeat(toAlign(out.length, f, opt, size));
    if (isInt(opt)) {
      const n = lauxlib.luaL_checknumber(L, arg++);
      let v = Number.isFinite(n) ? BigInt(Math.trunc(n)) & MASK64 : 0n;
      const bytes: number[] = [];
      for (let i = 0; i < size; i++) {
        bytes.push(Number(v & 255n));
        v >>= 8n;
      }
      if (!f.little) bytes.reverse();
      out += String.fromCharCode(...bytes);
    } else if (opt === 'x') out += '\0';
    else if (opt === 'f' || opt === 'd') out += floatBytes(lauxlib.luaL_checknumber(L, arg++), size, f.little);
    else if (opt === 'c' || opt === 's') {
      const s = fromLua(lauxlib.luaL_checklstring(L, arg++));
      if (size === 0) size = s.length;
      if (s.length < size) lauxlib.luaL_argerror(L, arg, 'string too short');
      out += s.slice(0, size);
      if (opt === 's') out += '\0';
    } else control(L, opt, f);
  }
  lua.lua_pushstring(L, toLua(out));
  return 1;
}

function unpack(L: LuaState): number {
  const f = fmtOf(L);
  const data = fromLua(lauxlib.luaL_checklstring(L, 2));
  const ld = data.length;
  let pos = lauxlib.luaL_optinteger(L, 3, 1);
  if (pos <= 0) lauxlib.luaL_argerror(L, 3, 'offset must be 1 or greater');
  pos--;
  let n = 0;
  while (f.i < f.s.length) {
    const opt = f.s[f.i++];
    let size = optsize(L, opt, f);
    pos += toAlign(pos, f, opt, size);
    if (size > ld || pos > ld - size) lauxlib.luaL_argerror(L, 2, 'data string too short');
    lua.lua_checkstack(L, 2);
    if (isInt(opt)) {
      let v = 0n;
      for (let i = 0; i < size; i++) {
        const b = data.charCodeAt(f.little ? pos + size - 1 - i : pos + i);
        v = ((v << 8n) | BigInt(b)) & MASK64;
      }
      // Lower case is signed: sign-extend from the top bit of the field.
      if (opt === opt.toLowerCase() && size > 0) v = BigInt.asIntN(Math.min(size * 8, 64), v);
      pushNumber(L, Number(v));
      n++;
    } else if (opt === 'f' || opt === 'd') {
      const dv = new DataView(toLua(data.slice(pos, pos + size)).buffer);
      pushNumber(L, size === 4 ? dv.getFloat32(0, f.little) : dv.getFloat64(0, f.little));
      n++;
    } else if (opt === 'c') {
      if (size === 0) {
        if (n === 0 || lua.lua_type(L, -1) !== lua.LUA_TNUMBER)
          lauxlib.luaL_error(L, "format 'c0' needs a previous size");
        size = lua.lua_tonumber(L, -1);
        lua.lua_pop(L, 1);
        n--;
        if (size > ld || pos > ld - size) lauxlib.luaL_argerror(L, 2, 'data string too short');
      }
      lua.lua_pushstring(L, toLua(data.slice(pos, pos + size)));
      n++;
    } else if (opt === 's') {
      const e = data.indexOf('\0', pos);
      if (e < 0) lauxlib.luaL_error(L, 'unfinished string in data');
      size = e - pos + 1;
      lua.lua_pushstring(L, toLua(data.slice(pos, e)));
      n++;
    } else if (opt !== 'x') control(L, opt, f);
    pos += size;
  }
  lua.lua_pushinteger(L, pos + 1);
  return n + 1;
}

function size(L: LuaState): number {
  const f = fmtOf(L);
  let pos = 0;
  while (f.i < f.s.length) {
    const opt = f.s[f.i++];
    const sz = optsize(L, opt, f);
    pos += toAlign(pos, f, opt, sz);
    if (opt === 's') lauxlib.luaL_argerror(L, 1, "option 's' has no fixed size");
    else if (opt === 'c' && sz === 0) lauxlib.luaL_argerror(L, 1, "option 'c0' has no fixed size");
    if (!/[a-zA-Z0-9]/.test(opt)) control(L, opt, f);
    pos += sz;
  }
  lua.lua_pushinteger(L, pos);
  return 1;
}

/** Push a new table holding struct.pack, struct.unpack and struct.size. */
export function pushStructLib(L: LuaState): void {
  lua.lua_newtable(L);
  for (const [name, fn] of [
    ['pack', pack],
    ['unpack', unpack],
    ['size', size],
  ] as const) {
    lua.lua_pushjsfunction(L, fn);
    lua.lua_setfield(L, -2, name);
  }
}
