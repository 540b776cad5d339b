/**
 * The `cjson` library Redis scripts get (lua-cjson's encode/decode and `cjson.null`), written
 * over fengari's stack API. Encoding follows lua-cjson's rules: a table whose keys are all
 * positive integers is an array (holes become null; an excessively sparse one is an error),
 * any other table an object, an empty table `{}`; numbers print with 14 significant digits;
 * `/` is escaped as `\/`; an object's string keys come in Lua 5.1's table order, as Redis writes
 * them (lua51-order.ts). Decoding turns JSON null into `cjson.null`.
 */

import { fmt14g, fromLua, toLua } from './bytes';
import { type LuaState, lauxlib, lua, pushNumber } from './fengari';
import { lua51Order, luaKey } from './lua51-order';

/** The light userdata cjson.null stands for (lua-cjson uses a NULL pointer). */
const NULL_SENTINEL = { cjsonNull: true };

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '/') out += '\\/';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function fail(L: LuaState, msg: string): never {
  lua.lua_pushstring(L, toLua(msg));
  return lua.lua_error(L);
}

function encodeValue(L: LuaState, idx: number, depth: number): string {
  const i = lua.lua_absindex(L, idx);
  const t = lua.lua_type(L, i);
  if (t === lua.LUA_TNIL) return 'null';
  if (t === lua.LUA_TBOOLEAN) return lua.lua_toboolean(L, i) ? 'true' : 'false';
  if (t === lua.LUA_TNUMBER) {
    if (lua.lua_isinteger(L, i)) return String(lua.lua_tointegerx(L, i));
    const x = lua.lua_tonumber(L, i);
    if (!Number.isFinite(x)) fail(L, 'Cannot serialise number: must not be NaN or Inf');
    return fmt14g(x);
  }
  if (t === lua.LUA_TSTRING) return jsonString(fromLua(lua.lua_tolstring(L, i) ?? new Uint8Array(0)));
  if (t === lua.LUA_TLIGHTUSERDATA && lua.lua_touserdata(L, i) === NULL_SENTINEL) return 'null';
  if (t !== lua.LUA_TTABLE) {
    const name = t === lua.LUA_TFUNCTION ? 'function' : 'userdata';
    return fail(L, `Cannot serialise ${name}: type not supported`);
  }
  if (depth > 1000 || !lua.lua_checkstack(L, 4)) fail(L, 'Cannot serialise, excessive nesting (1001)');
  // Array or object? (lua-cjson's lua_array_length)
  let max = 0;
  let items = 0;
  let isArray = true;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, i) !== 0) {
    lua.lua_pop(L, 1);
    if (lua.lua_type(L, -1) === lua.LUA_TNUMBER) {
      const k = lua.lua_tonumber(L, -1);
      if (Number.isInteger(k) && k >= 1) {
        max = Math.max(max, k);
        items++;
        continue;
      }
    }
    isArray = false;
  }
  if (isArray && max > 0) {
    if (max > items * 2 && max > 10) fail(L, 'Cannot serialise table: excessively sparse array');
    const parts: string[] = [];
    for (let j = 1; j <= max; j++) {
      lua.lua_rawgeti(L, i, j);
      parts.push(encodeValue(L, -1, depth + 1));
      lua.lua_pop(L, 1);
    }
    return `[${parts.join(',')}]`;
  }
  const parts: { key: string | number | null; json: string }[] = [];
  lua.lua_pushnil(L);
  while (lua.lua_next(L, i) !== 0) {
    const k = luaKey(L, -2);
    if (k === null) return fail(L, 'Cannot serialise table: table key must be a number or string');
    const text = typeof k === 'string' ? k : lua.lua_isinteger(L, -2) ? String(k) : fmt14g(k);
    parts.push({ key: k, json: `${jsonString(text)}:${encodeValue(L, -1, depth + 1)}` });
    lua.lua_pop(L, 1);
  }
  // Real Redis walks its Lua 5.1 table: write the members in that order.
  return `{${lua51Order(parts, (p) => p.key)
    .map((p) => p.json)
    .join(',')}}`;
}

function pushJson(L: LuaState, v: unknown): void {
  if (!lua.lua_checkstack(L, 4)) fail(L, 'Found too many nested data structures');
  if (v === null) lua.lua_pushlightuserdata(L, NULL_SENTINEL);
  else if (typeof v === 'boolean') lua.lua_pushboolean(L, v);
  else if (typeof v === 'number') pushNumber(L, v);
  else if (typeof v === 'string') lua.lua_pushstring(L, toLua(v));
  else if (Array.isArray(v)) {
    lua.lua_createtable(L, v.length, 0);
    for (let j = 0; j < v.length; j++) {
      pushJson(L, v[j]);
      lua.lua_rawseti(L, -2, j + 1);
    }
  } else {
    const o = v as Record<string, unknown>;
    lua.lua_newtable(L);
    for (const k of Object.keys(o)) {
      lua.lua_pushstring(L, toLua(k));
      pushJson(L, o[k]);
      lua.lua_rawset(L, -3);
    }
  }
}

/** Push a new table holding cjson.encode, cjson.decode and cjson.null. */
export function pushCjsonLib(L: LuaState): void {
  lua.lua_newtable(L);
  lua.lua_pushjsfunction(L, (L) => {
    if (lua.lua_gettop(L) !== 1) lauxlib.luaL_argerror(L, 1, 'expected 1 argument');
    lua.lua_pushstring(L, toLua(encodeValue(L, 1, 0)));
    return 1;
  });
  lua.lua_setfield(L, -2, 'encode');
  lua.lua_pushjsfunction(L, (L) => {
    if (lua.lua_gettop(L) !== 1) lauxlib.luaL_argerror(L, 1, 'expected 1 argument');
    const text = fromLua(lauxlib.luaL_checklstring(L, 1));
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      return fail(L, 'Expected value but found invalid token at character 1');
    }
    pushJson(L, v);
    return 1;
  });
  lua.lua_setfield(L, -2, 'decode');
  lua.lua_pushlightuserdata(L, NULL_SENTINEL);
  lua.lua_setfield(L, -2, 'null');
}
