/**
 * The `bit` library Redis scripts get (LuaBitOp's API): 32-bit operations on numbers, results as
 * signed 32-bit integers. Numbers are first normalised to 32 bits the way LuaBitOp does (modulo
 * 2^32, so bit.tobit(0xffffffff) is -1).
 */
import { type LuaState, lauxlib, lua } from './fengari';

function tobit(L: LuaState, i: number): number {
  const x = lauxlib.luaL_checknumber(L, i);
  // Modulo 2^32 then to signed: exact for every double LuaBitOp accepts.
  const m = ((x % 4294967296) + 4294967296) % 4294967296;
  return m | 0;
}

function ret(L: LuaState, v: number): number {
  lua.lua_pushinteger(L, v | 0);
  return 1;
}

function fold(op: (a: number, b: number) => number) {
  return (L: LuaState): number => {
    let v = tobit(L, 1);
    const n = lua.lua_gettop(L);
    for (let i = 2; i <= n; i++) v = op(v, tobit(L, i));
    return ret(L, v);
  };
}

const funcs: Record<string, (L: LuaState) => number> = {
  tobit: (L) => ret(L, tobit(L, 1)),
  bnot: (L) => ret(L, ~tobit(L, 1)),
  band: fold((a, b) => a & b),
  bor: fold((a, b) => a | b),
  bxor: fold((a, b) => a ^ b),
  lshift: (L) => ret(L, tobit(L, 1) << (tobit(L, 2) & 31)),
  rshift: (L) => ret(L, tobit(L, 1) >>> (tobit(L, 2) & 31)),
  arshift: (L) => ret(L, tobit(L, 1) >> (tobit(L, 2) & 31)),
  rol: (L) => {
    const x = tobit(L, 1);
    const n = tobit(L, 2) & 31;
    return ret(L, (x << n) | (x >>> (32 - n)));
  },
  ror: (L) => {
    const x = tobit(L, 1);
    const n = tobit(L, 2) & 31;
    return ret(L, (x >>> n) | (x << (32 - n)));
  },
  bswap: (L) => {
    const x = tobit(L, 1);
    return ret(L, ((x >>> 24) & 0xff) | ((x >>> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24));
  },
  tohex: (L) => {
    const x = tobit(L, 1);
    let n = lua.lua_type(L, 2) <= 0 ? 8 : tobit(L, 2);
    const upper = n < 0;
    if (upper) n = -n;
    if (n > 8) n = 8;
    let s = (x >>> 0)
      .toString(16)
      .padStart(8, '0')
      .slice(8 - n);
    if (upper) s = s.toUpperCase();
    lua.lua_pushliteral(L, s);
    return 1;
  },
};

/** Push a new table holding the bit library. */
export function pushBitLib(L: LuaState): void {
  lua.lua_newtable(L);
  for (const [name, f] of Object.entries(funcs)) {
    lua.lua_pushjsfunction(L, f);
    lua.lua_setfield(L, -2, name);
  }
}
