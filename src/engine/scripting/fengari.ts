/**
 * fengari (Lua 5.3 in JavaScript, MIT), the only place the engine imports it, with the part of
 * its API the scripting layer uses typed here (fengari ships no type declarations; these are
 * written from its sources: lapi.js, lauxlib.js, lualib.js). Lua strings are byte arrays
 * (Uint8Array); JS strings given to the API are UTF-8 encoded.
 */
// Its modules are imported one by one, not through its index: the index loads every Lua library
// (io, os, package, utf8, coroutine, and the Node-only modules they pull in), and Redis's Lua has
// only base, table, string and math (debug for the hook). The browser builds also swap fengari's
// internal lualib.js for a stub (build/plugins.ts, slimFengari), which keeps them out of the bundle.
// In Node the index is loaded first, only so that fengari's own modules load in the order they
// expect (its lualib.js and the libraries require each other); the browser builds drop it.
import 'fengari';
// @ts-expect-error: fengari ships no type declarations (typed below).
import { to_luastring as toLuastring } from 'fengari/src/fengaricore.js';
// @ts-expect-error: as above.
import lauxlibModule from 'fengari/src/lauxlib.js';
// @ts-expect-error: as above.
import { luaopen_base } from 'fengari/src/lbaselib.js';
// @ts-expect-error: as above.
import { luaopen_debug } from 'fengari/src/ldblib.js';
// @ts-expect-error: as above.
import { luaopen_math } from 'fengari/src/lmathlib.js';
// @ts-expect-error: as above.
import { luaopen_string } from 'fengari/src/lstrlib.js';
// @ts-expect-error: as above.
import { luaopen_table } from 'fengari/src/ltablib.js';
// @ts-expect-error: as above.
import luaModule from 'fengari/src/lua.js';
export type LuaState = { readonly __luaState: true };
export type LuaString = Uint8Array;
export interface LuaDebug {
  source: LuaString | null;
  currentline: number;
  what: LuaString | null;
}
export type JsFunction = (L: LuaState) => number;
export interface LuaApi {
  LUA_OK: number;
  LUA_ERRSYNTAX: number;
  LUA_MULTRET: number;
  LUA_REGISTRYINDEX: number;
  LUA_TNIL: number;
  LUA_TBOOLEAN: number;
  LUA_TNUMBER: number;
  LUA_TSTRING: number;
  LUA_TTABLE: number;
  LUA_TFUNCTION: number;
  lua_absindex(L: LuaState, i: number): number;
  lua_gettop(L: LuaState): number;
  lua_checkstack(L: LuaState, n: number): boolean;
  lua_settop(L: LuaState, i: number): void;
  lua_pop(L: LuaState, n: number): void;
  lua_pushvalue(L: LuaState, i: number): void;
  lua_type(L: LuaState, i: number): number;
  lua_pushnil(L: LuaState): void;
  lua_pushboolean(L: LuaState, b: boolean | number): void;
  lua_pushinteger(L: LuaState, n: number): void;
  lua_pushnumber(L: LuaState, n: number): void;
  lua_pushstring(L: LuaState, s: LuaString): LuaString;
  lua_pushliteral(L: LuaState, s: string): LuaString;
  lua_pushjsfunction(L: LuaState, f: JsFunction): void;
  lua_pushcclosure(L: LuaState, f: JsFunction, n: number): void;
  lua_toboolean(L: LuaState, i: number): boolean;
  lua_tolstring(L: LuaState, i: number): LuaString | null;
  lua_tonumber(L: LuaState, i: number): number;
  lua_tointegerx(L: LuaState, i: number): number | false;
  lua_isinteger(L: LuaState, i: number): boolean;
  lua_isstring(L: LuaState, i: number): boolean;
  lua_newtable(L: LuaState): void;
  lua_createtable(L: LuaState, narr: number, nrec: number): void;
  lua_rawgeti(L: LuaState, t: number, n: number): number;
  lua_rawseti(L: LuaState, t: number, n: number): void;
  lua_rawget(L: LuaState, t: number): number;
  lua_rawset(L: LuaState, t: number): void;
  lua_settable(L: LuaState, t: number): void;
  lua_getfield(L: LuaState, t: number, k: string): number;
  lua_setfield(L: LuaState, t: number, k: string): void;
  lua_rawlen(L: LuaState, i: number): number;
  lua_next(L: LuaState, t: number): number;
  lua_setmetatable(L: LuaState, i: number): void;
  lua_getglobal(L: LuaState, name: string): number;
  lua_setglobal(L: LuaState, name: string): void;
  lua_pushglobaltable(L: LuaState): void;
  lua_setupvalue(L: LuaState, f: number, n: number): LuaString | null;
  lua_pcall(L: LuaState, nargs: number, nresults: number, errfunc: number): number;
  lua_call(L: LuaState, nargs: number, nresults: number): void;
  lua_error(L: LuaState): never;
  lua_getstack(L: LuaState, level: number, ar: LuaDebug): number;
  lua_getinfo(L: LuaState, what: string, ar: LuaDebug): number;
  lua_sethook(L: LuaState, f: ((L: LuaState, ar: LuaDebug) => void) | null, mask: number, count: number): void;
  LUA_MASKCOUNT: number;
  lua_concat(L: LuaState, n: number): void;
  lua_insert(L: LuaState, i: number): void;
  lua_replace(L: LuaState, i: number): void;
  lua_pushlightuserdata(L: LuaState, p: object): void;
  lua_touserdata(L: LuaState, i: number): unknown;
  LUA_TLIGHTUSERDATA: number;
}
export interface LauxlibApi {
  luaL_newstate(): LuaState;
  luaL_requiref(L: LuaState, name: LuaString, f: JsFunction, glb: number): void;
  luaL_loadbufferx(L: LuaState, buff: LuaString, size: number, name: LuaString, mode: LuaString | null): number;
  luaL_ref(L: LuaState, t: number): number;
  luaL_unref(L: LuaState, t: number, ref: number): void;
  luaL_checkinteger(L: LuaState, i: number): number;
  luaL_checknumber(L: LuaState, i: number): number;
  luaL_checklstring(L: LuaState, i: number): LuaString;
  luaL_optinteger(L: LuaState, i: number, d: number): number;
  luaL_error(L: LuaState, fmt: string, ...args: unknown[]): never;
  luaL_argerror(L: LuaState, arg: number, msg: string): never;
  luaL_len(L: LuaState, i: number): number;
  luaL_tolstring(L: LuaState, i: number): LuaString;
  luaL_where(L: LuaState, level: number): void;
}
export interface LualibApi {
  luaopen_base: JsFunction;
  luaopen_table: JsFunction;
  luaopen_string: JsFunction;
  luaopen_math: JsFunction;
  luaopen_debug: JsFunction;
}

export const lua: LuaApi = luaModule;
export const lauxlib: LauxlibApi = lauxlibModule;
// Plain references, no property reads at module level: the bundler can then drop fengari from
// bundles that import the engine without running scripts (the page's main thread).
export const lualib: LualibApi = { luaopen_base, luaopen_table, luaopen_string, luaopen_math, luaopen_debug };
export const to_luastring: (s: string) => LuaString = toLuastring;

/**
 * Push a number as a Lua integer when fengari's 32-bit integers hold it, else as a float (Lua
 * 5.1 has only doubles: what matters is that `..` and tostring write "5", not "5.0").
 */
export function pushNumber(L: LuaState, n: number): void {
  if (Number.isInteger(n) && n >= -2147483648 && n <= 2147483647) lua.lua_pushinteger(L, n);
  else lua.lua_pushnumber(L, n);
}
