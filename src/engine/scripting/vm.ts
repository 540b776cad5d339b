/**
 * The Lua VM a server runs scripts in (fengari: Lua 5.3 in JavaScript), set up the way Redis sets
 * up its Lua 5.1: the base, table, string and math libraries plus `bit` and `cjson`, no io/os/
 * load*, a sandboxed global environment (reading a missing global or creating one is an error,
 * worded as the dialect words it), math.random replaced by Redis's reseeded rand48, and the
 * `redis` table whose call/pcall reach the server through the hooks of the running script.
 *
 * Scripts are compiled once (chunk name "@user_script", so errors read `user_script:1: ...`) and
 * kept in the Lua registry; `run` calls one with KEYS and ARGV set and turns its result, or its
 * error, into a Reply exactly as Redis's luaReplyToRedisReply and error handler do.
 */

import { formatDouble17g } from '../commands/util/float';
import { sha1, toHex } from '../commands/util/sha1';
import { array, bulk, double, error, int, map, NIL, type Reply, setReply, status, verbatim } from '../resp';
import { pushBitLib } from './bit';
import { fmt14g, fromLua, toLua } from './bytes';
import { pushCjsonLib } from './cjson';
import { pushCmsgpackLib } from './cmsgpack';
import { type LuaDebug, type LuaState, lauxlib, lua, lualib, pushNumber, to_luastring } from './fengari';
import { scriptFlagBit } from './flags';
import { Rand48 } from './rand48';
import { pushStructLib } from './struct';

/** What a running script reaches the server through. */
export interface RunHooks {
  /**
   * redis.call / redis.pcall: the command's reply. `pre` marks an error the scripting layer
   * raised before running anything (unknown command, wrong arity, a write refused...): 4.0
   * prefixes those with where the script called from.
   */
  call(argv: string[]): { reply: Reply; pre: boolean };
  /** redis.log(level, message). */
  log(level: number, msg: string): void;
  /** redis.replicate_commands() (4.0: switch to effects replication; 7.0: always on). */
  replicateCommands(): boolean;
  /** A seed from the server's injected randomness (4.0 reseeds when switching to effects). */
  randomSeed(): number;
  /** redis.set_repl(flags). */
  setRepl(flags: number): void;
  /** redis.setresp(2 | 3) (7.0): the protocol the script's own client speaks from now on. */
  setResp(resp: 2 | 3): void;
}

const INT64_MIN = -(2n ** 63n);
/** How often (in VM instructions) the budget is checked. */
const HOOK_EVERY = 100_000;
/** The error of a script stopped by its budget (the playground's own: real Redis would go BUSY). */
const OUT_OF_BUDGET =
  'Script stopped by the playground after running too long (real Redis would answer BUSY to other clients until SCRIPT KILL)';
/** Nesting depth of a returned table past which the reply says so, as Redis does when its Lua stack is full. */
const MAX_REPLY_DEPTH = 4000;

/** One server's Lua state and its compiled scripts. */
export class LuaVm {
  readonly L: LuaState;
  /** sha → registry reference of the compiled function. */
  private readonly refs = new Map<string, number>();
  private hooks: RunHooks | null = null;
  /** The protocol redis.call's replies come in (redis.setresp; 2 at the start of every run). */
  private resp: 2 | 3 = 2;
  private readonly rand = new Rand48();
  /** Where the last error was raised from (the error handler records it). */
  private errLoc: { source: string; line: number } | null = null;
  private readonly is7: boolean;
  /** Lua VM instructions a script may run before it is stopped (see run). */
  instructionBudget = 20_000_000;

  constructor(is7: boolean) {
    this.is7 = is7;
    const L = lauxlib.luaL_newstate();
    this.L = L;
    const libs: [string, (L: LuaState) => number][] = [
      ['_G', lualib.luaopen_base],
      ['table', lualib.luaopen_table],
      ['string', lualib.luaopen_string],
      ['math', lualib.luaopen_math],
    ];
    for (const [name, open] of libs) {
      lauxlib.luaL_requiref(L, to_luastring(name), open, 1);
      lua.lua_pop(L, 1);
    }
    // Redis's Lua has no file or code loading; print is not there either.
    for (const name of ['print', 'load', 'loadfile', 'dofile', 'require', 'collectgarbage']) {
      lua.lua_pushnil(L);
      lua.lua_setglobal(L, name);
    }
    this.addCompat();
    lua.lua_pushjsfunction(L, (L) => this.loadstring(L));
    lua.lua_setglobal(L, 'loadstring');
    pushBitLib(L);
    lua.lua_setglobal(L, 'bit');
    pushCjsonLib(L);
    lua.lua_setglobal(L, 'cjson');
    pushStructLib(L);
    lua.lua_setglobal(L, 'struct');
    pushCmsgpackLib(L);
    lua.lua_setglobal(L, 'cmsgpack');
    this.addRedisLib();
    this.addRandom();
    this.sandbox();
  }

  /** Lua 5.1 names scripts written for Redis use: unpack, table.getn, math.mod, math.pow... */
  private addCompat(): void {
    const L = this.L;
    lua.lua_getglobal(L, 'table');
    lua.lua_getfield(L, -1, 'unpack');
    lua.lua_setglobal(L, 'unpack');
    lua.lua_pushjsfunction(L, (L) => {
      lua.lua_pushinteger(L, lua.lua_rawlen(L, 1));
      return 1;
    });
    lua.lua_setfield(L, -2, 'getn');
    lua.lua_pushjsfunction(L, (L) => {
      // table.maxn: the largest positive numeric key.
      let max = 0;
      lua.lua_pushnil(L);
      while (lua.lua_next(L, 1) !== 0) {
        lua.lua_pop(L, 1);
        if (lua.lua_type(L, -1) === lua.LUA_TNUMBER) max = Math.max(max, lua.lua_tonumber(L, -1));
      }
      lua.lua_pushnumber(L, max);
      return 1;
    });
    lua.lua_setfield(L, -2, 'maxn');
    lua.lua_pop(L, 1);
    // tostring writes floats as 5.1 did (%.14g: "5", not 5.3's "5.0").
    lua.lua_pushjsfunction(L, (L) => {
      if (lua.lua_gettop(L) < 1) lauxlib.luaL_argerror(L, 1, 'value expected');
      if (lua.lua_type(L, 1) === lua.LUA_TNUMBER && !lua.lua_isinteger(L, 1)) {
        lua.lua_pushliteral(L, fmt14g(lua.lua_tonumber(L, 1)));
      } else {
        lauxlib.luaL_tolstring(L, 1);
      }
      return 1;
    });
    lua.lua_setglobal(L, 'tostring');
    lua.lua_getglobal(L, 'math');
    const unary: [string, (x: number) => number][] = [
      ['log10', Math.log10],
      ['cosh', Math.cosh],
      ['sinh', Math.sinh],
      ['tanh', Math.tanh],
    ];
    for (const [name, f] of unary) {
      lua.lua_pushjsfunction(L, (L) => {
        lua.lua_pushnumber(L, f(lauxlib.luaL_checknumber(L, 1)));
        return 1;
      });
      lua.lua_setfield(L, -2, name);
    }
    lua.lua_pushjsfunction(L, (L) => {
      lua.lua_pushnumber(L, lauxlib.luaL_checknumber(L, 1) * 2 ** Math.trunc(lauxlib.luaL_checknumber(L, 2)));
      return 1;
    });
    lua.lua_setfield(L, -2, 'ldexp');
    lua.lua_getfield(L, -1, 'fmod');
    lua.lua_setfield(L, -2, 'mod');
    lua.lua_pushjsfunction(L, (L) => {
      lua.lua_pushnumber(L, lauxlib.luaL_checknumber(L, 1) ** lauxlib.luaL_checknumber(L, 2));
      return 1;
    });
    lua.lua_setfield(L, -2, 'pow');
    lua.lua_pop(L, 1);
  }

  /** math.random / math.randomseed over Redis's rand48 (reseeded with 0 before every script). */
  private addRandom(): void {
    const L = this.L;
    lua.lua_getglobal(L, 'math');
    lua.lua_pushjsfunction(L, (L) => {
      const r = this.rand.unit();
      const n = lua.lua_gettop(L);
      if (n === 0) {
        lua.lua_pushnumber(L, r);
      } else if (n === 1) {
        const u = Math.trunc(lauxlib.luaL_checknumber(L, 1));
        if (u < 1) lauxlib.luaL_argerror(L, 1, 'interval is empty');
        pushNumber(L, Math.floor(r * u) + 1);
      } else if (n === 2) {
        const l = Math.trunc(lauxlib.luaL_checknumber(L, 1));
        const u = Math.trunc(lauxlib.luaL_checknumber(L, 2));
        if (l > u) lauxlib.luaL_argerror(L, 2, 'interval is empty');
        pushNumber(L, Math.floor(r * (u - l + 1)) + l);
      } else {
        raise(L, 'wrong number of arguments');
      }
      return 1;
    });
    lua.lua_setfield(L, -2, 'random');
    lua.lua_pushjsfunction(L, (L) => {
      this.rand.seed(Math.trunc(lauxlib.luaL_checknumber(L, 1)) | 0);
      return 0;
    });
    lua.lua_setfield(L, -2, 'randomseed');
    lua.lua_pop(L, 1);
  }

  /** The `redis` table. */
  private addRedisLib(): void {
    const L = this.L;
    lua.lua_newtable(L);
    const fn = (name: string, f: (L: LuaState) => number): void => {
      lua.lua_pushjsfunction(L, f);
      lua.lua_setfield(L, -2, name);
    };
    fn('call', (L) => this.redisCall(L, true));
    fn('pcall', (L) => this.redisCall(L, false));
    fn('error_reply', (L) => pushReplyTable(L, 'err', this.is7));
    fn('status_reply', (L) => pushReplyTable(L, 'ok', this.is7));
    fn('sha1hex', (L) => {
      if (lua.lua_gettop(L) !== 1) raise(L, 'wrong number of arguments');
      const s = lua.lua_tolstring(L, 1) ?? new Uint8Array(0);
      lua.lua_pushliteral(L, toHex(sha1(s)));
      return 1;
    });
    fn('log', (L) => {
      const argc = lua.lua_gettop(L);
      if (argc < 2) raise(L, 'redis.log() requires two arguments or more.');
      if (lua.lua_type(L, 1) !== lua.LUA_TNUMBER) raise(L, 'First argument must be a number (log level).');
      const level = lua.lua_tonumber(L, 1);
      if (level < 0 || level > 3) raise(L, 'Invalid debug level.');
      const parts: string[] = [];
      for (let i = 2; i <= argc; i++) {
        const s = lua.lua_tolstring(L, i);
        if (s !== null) parts.push(fromLua(s));
      }
      this.hooks?.log(level, parts.join(' '));
      return 0;
    });
    fn('setresp', (L) => {
      if (lua.lua_gettop(L) !== 1) raise(L, 'redis.setresp() requires one argument.');
      const v = lua.lua_tonumber(L, 1);
      if (v !== 2 && v !== 3) raise(L, 'RESP version must be 2 or 3.');
      this.resp = v;
      this.hooks?.setResp(v);
      return 0;
    });
    fn('set_repl', (L) => {
      if (lua.lua_gettop(L) !== 1) raise(L, 'redis.set_repl() requires one argument.');
      const flags = lua.lua_tonumber(L, 1);
      if (flags < 0 || flags > 3)
        raise(L, 'Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.');
      this.hooks?.setRepl(flags);
      return 0;
    });
    fn('replicate_commands', (L) => {
      const ok = this.hooks?.replicateCommands() ?? true;
      if (ok && !this.is7 && this.hooks) this.rand.seed(this.hooks.randomSeed());
      lua.lua_pushboolean(L, ok);
      return 1;
    });
    // The debugger (SCRIPT DEBUG) is not modelled: its helpers do nothing, as outside a debug session.
    fn('breakpoint', (L) => {
      lua.lua_pushboolean(L, false);
      return 1;
    });
    fn('debug', () => 0);
    const consts: [string, number][] = [
      ['LOG_DEBUG', 0],
      ['LOG_VERBOSE', 1],
      ['LOG_NOTICE', 2],
      ['LOG_WARNING', 3],
      ['REPL_NONE', 0],
      ['REPL_AOF', 1],
      ['REPL_SLAVE', 2],
      ['REPL_REPLICA', 2],
      ['REPL_ALL', 3],
    ];
    // 7.0 scripts can read the server version (the engine plays Redis 7.0.15: 0x07000f).
    if (this.is7) consts.push(['REDIS_VERSION_NUM', 0x07000f]);
    for (const [k, v] of consts) {
      lua.lua_pushinteger(L, v);
      lua.lua_setfield(L, -2, k);
    }
    if (this.is7) {
      lua.lua_pushliteral(L, '7.0.15');
      lua.lua_setfield(L, -2, 'REDIS_VERSION');
    }
    lua.lua_setglobal(L, 'redis');
  }

  /**
   * Scripts see the globals through an empty proxy: reading a missing name is an error, and
   * writing any name is one (7.0 makes the whole global table read-only; 4.0 only refuses
   * creating new globals). `_G` inside scripts is the proxy too.
   */
  private sandbox(): void {
    const L = this.L;
    const is7 = this.is7;
    lua.lua_newtable(L); // the proxy
    lua.lua_newtable(L); // its metatable
    lua.lua_pushjsfunction(L, (L) => {
      lua.lua_pushglobaltable(L);
      lua.lua_pushvalue(L, 2);
      if (lua.lua_rawget(L, -2) === lua.LUA_TNIL) missingGlobal(L, is7);
      return 1;
    });
    lua.lua_setfield(L, -2, '__index');
    lua.lua_pushjsfunction(L, (L) => {
      lua.lua_pushglobaltable(L);
      lua.lua_pushvalue(L, 2);
      if (is7) raise(L, 'Attempt to modify a readonly table');
      if (lua.lua_rawget(L, -2) === lua.LUA_TNIL) {
        raise(L, `Script attempted to create global variable '${fromLua(lauxlib.luaL_tolstring(L, 2))}'`);
      }
      lua.lua_pop(L, 1);
      lua.lua_pushvalue(L, 2);
      lua.lua_pushvalue(L, 3);
      lua.lua_rawset(L, -3);
      return 0;
    });
    lua.lua_setfield(L, -2, '__newindex');
    lua.lua_setmetatable(L, -2);
    // Keep the proxy in the registry and as _G.
    lua.lua_pushvalue(L, -1);
    this.envRef = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX);
    lua.lua_setglobal(L, '_G');
  }

  private envRef = 0;

  /**
   * Lua 5.1's loadstring(chunk [, name]): a function, or nil and the error; the chunk sees the
   * same sandboxed globals as the script.
   */
  private loadstring(L: LuaState): number {
    const src = lauxlib.luaL_checklstring(L, 1);
    const name = lua.lua_type(L, 2) === lua.LUA_TSTRING ? (lua.lua_tolstring(L, 2) as Uint8Array) : src;
    if (lauxlib.luaL_loadbufferx(L, src, src.length, name, to_luastring('t')) !== lua.LUA_OK) {
      lua.lua_pushnil(L);
      lua.lua_insert(L, -2);
      return 2;
    }
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, this.envRef);
    lua.lua_setupvalue(L, -2, 1);
    return 1;
  }

  /** Whether a script is compiled. */
  has(sha: string): boolean {
    return this.refs.has(sha);
  }

  /**
   * Compile a script's body; null when it compiled, else Lua's error message
   * (`user_script:1: '=' expected near 'end'`).
   */
  compile(sha: string, body: string, from = 0): string | null {
    if (this.refs.has(sha)) return null;
    const L = this.L;
    // A shebang line is skipped but its line feed kept, so line numbers stay the user's.
    const src = toLua(from === 0 ? body : body.slice(from));
    const st = lauxlib.luaL_loadbufferx(L, src, src.length, to_luastring('@user_script'), to_luastring('t'));
    if (st !== lua.LUA_OK) {
      const msg = lua.lua_tolstring(L, -1);
      lua.lua_pop(L, 1);
      return msg === null ? 'unknown error' : lua51Syntax(fromLua(msg));
    }
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, this.envRef);
    lua.lua_setupvalue(L, -2, 1);
    this.refs.set(sha, lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX));
    return null;
  }

  /** Forget every compiled script (SCRIPT FLUSH). */
  flush(): void {
    for (const ref of this.refs.values()) lauxlib.luaL_unref(this.L, lua.LUA_REGISTRYINDEX, ref);
    this.refs.clear();
  }

  /** Run a compiled script: its reply, or the error reply Redis builds from its error. */
  run(sha: string, keys: string[], args: string[], hooks: RunHooks): Reply {
    const ref = this.refs.get(sha);
    if (ref === undefined) throw new Error(`script ${sha} not compiled`);
    this.setArray('KEYS', keys);
    this.setArray('ARGV', args);
    // 4.0 replicates whole scripts: the same sequence on every run. 7.0's generator runs on.
    if (!this.is7) this.rand.seed(0);
    return this.invoke(ref, null, hooks, sha);
  }

  /**
   * Call a registered function (FCALL): the callback gets the keys and the arguments as two
   * tables (there are no KEYS/ARGV globals); errors name the function instead of a sha.
   */
  callFunction(ref: number, name: string, keys: string[], args: string[], hooks: RunHooks): Reply {
    return this.invoke(ref, [keys, args], hooks, name);
  }

  /** pcall the function at registry `ref` (with `tables` as its arguments) under the budget. */
  private invoke(ref: number, tables: string[][] | null, hooks: RunHooks, name: string): Reply {
    const L = this.L;
    const base = lua.lua_gettop(L);
    this.hooks = hooks;
    this.resp = 2;
    this.errLoc = null;
    lua.lua_pushjsfunction(L, (L) => this.errorHandler(L));
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, ref);
    for (const t of tables ?? []) pushArray(L, t);
    this.startBudget();
    let reply: Reply;
    try {
      const st = lua.lua_pcall(L, tables?.length ?? 0, 1, base + 1);
      reply = st === lua.LUA_OK ? toReply(L, -1, this.is7) : this.errorReply(name);
    } catch (e) {
      // A fault of the VM itself (not a Lua error): an error reply, never a dead server.
      reply = error(`ERR Error running script: ${e instanceof Error ? e.message : String(e)}`.replace(/[\r\n]/g, ' '));
    } finally {
      lua.lua_sethook(L, null, 0, 0);
      this.hooks = null;
      lua.lua_settop(L, base);
    }
    return reply;
  }

  private setArray(name: string, items: string[]): void {
    pushArray(this.L, items);
    lua.lua_setglobal(this.L, name);
  }

  /**
   * Load a function library (FUNCTION LOAD): compile its code (chunk "@user_function") and run
   * it in the load environment, where the only global is a `redis` table holding
   * register_function, log and the version fields (anything else is a missing global, and no
   * global may be set). `register` takes each function registered (the callback as a registry
   * reference) and answers an error text or null. Returns null, or the error as FUNCTION LOAD
   * words it (`Error compiling function: ...`, `Error registering functions: ERR ...`).
   */
  loadLibrary(code: string, register: Registrar): string | null {
    const L = this.L;
    const src = toLua(code);
    const st = lauxlib.luaL_loadbufferx(L, src, src.length, to_luastring('@user_function'), to_luastring('t'));
    if (st !== lua.LUA_OK) {
      const msg = fromLua(lua.lua_tolstring(L, -1) ?? new Uint8Array(0));
      lua.lua_pop(L, 1);
      return `Error compiling function: ${lua51Syntax(msg)}`;
    }
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, this.libraryEnv());
    lua.lua_setupvalue(L, -2, 1);
    this.registrar = register;
    this.startBudget();
    try {
      if (lua.lua_pcall(L, 0, 0, 0) === lua.LUA_OK) return null;
      // A table raised by the API carries its own code; a Lua error (a string) gets ERR.
      let msg: string;
      if (lua.lua_type(L, -1) === lua.LUA_TTABLE) {
        lua.lua_getfield(L, -1, 'err');
        msg = fromLua(lua.lua_tolstring(L, -1) ?? new Uint8Array(0));
        lua.lua_pop(L, 1);
      } else msg = `ERR ${fromLua(lua.lua_tolstring(L, -1) ?? toLua('execution failure'))}`;
      lua.lua_pop(L, 1);
      return `Error registering functions: ${msg}`;
    } finally {
      lua.lua_sethook(L, null, 0, 0);
      this.registrar = null;
    }
  }

  /**
   * A script runs inside one command: nothing could stop a loop that never ends (there is no
   * BUSY state, no SCRIPT KILL from another client), so it is stopped after a budget of
   * instructions (the caller removes the hook when the run ends).
   */
  private startBudget(): void {
    let left = this.instructionBudget;
    lua.lua_sethook(
      this.L,
      (L) => {
        left -= HOOK_EVERY;
        if (left <= 0) raise(L, OUT_OF_BUDGET);
      },
      lua.LUA_MASKCOUNT,
      HOOK_EVERY,
    );
  }

  /** Forget a registered function's callback (its library was deleted or replaced). */
  unref(ref: number): void {
    lauxlib.luaL_unref(this.L, lua.LUA_REGISTRYINDEX, ref);
  }

  /** What receives redis.register_function's functions while a library loads. */
  private registrar: Registrar | null = null;
  private libEnvRef = 0;

  /**
   * The globals functions see (one table for every library, so the callbacks keep it): while a
   * library loads it shows the load API, afterwards the ordinary (read-only) globals.
   */
  private libraryEnv(): number {
    if (this.libEnvRef !== 0) return this.libEnvRef;
    const L = this.L;
    // The load API's `redis` table, in the registry; reading a name it lacks is an error too.
    lua.lua_newtable(L);
    lua.lua_pushjsfunction(L, (L) => this.registerFunction(L));
    lua.lua_setfield(L, -2, 'register_function');
    lua.lua_getglobal(L, 'redis');
    for (const name of ['log', 'REDIS_VERSION', 'REDIS_VERSION_NUM']) {
      lua.lua_getfield(L, -1, name);
      lua.lua_setfield(L, -3, name);
    }
    lua.lua_pop(L, 1);
    lua.lua_newtable(L);
    lua.lua_pushjsfunction(L, (L) => missingGlobal(L, true));
    lua.lua_setfield(L, -2, '__index');
    lua.lua_setmetatable(L, -2);
    const loadRedis = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX);
    lua.lua_newtable(L); // the environment
    lua.lua_newtable(L); // its metatable
    lua.lua_pushjsfunction(L, (L) => {
      if (this.registrar !== null) {
        if (fromLua(lauxlib.luaL_tolstring(L, 2)) === 'redis') {
          lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, loadRedis);
          return 1;
        }
        return missingGlobal(L, true);
      }
      // The ordinary globals, less EVAL's KEYS and ARGV (functions run in a Lua state of their own).
      lua.lua_pushglobaltable(L);
      lua.lua_pushvalue(L, 2);
      const t = lua.lua_rawget(L, -2);
      const key = lua.lua_type(L, 2) === lua.LUA_TSTRING ? fromLua(lua.lua_tolstring(L, 2)!) : '';
      if (t === lua.LUA_TNIL || key === 'KEYS' || key === 'ARGV') missingGlobal(L, true);
      return 1;
    });
    lua.lua_setfield(L, -2, '__index');
    lua.lua_pushjsfunction(L, (L) => raise(L, 'Attempt to modify a readonly table'));
    lua.lua_setfield(L, -2, '__newindex');
    lua.lua_setmetatable(L, -2);
    this.libEnvRef = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX);
    return this.libEnvRef;
  }

  /** redis.register_function(name, callback) or redis.register_function{function_name=..., ...}. */
  private registerFunction(L: LuaState): number {
    const registrar = this.registrar;
    if (registrar === null) return raiseErr(L, 'redis.register_function can only be called on FUNCTION LOAD command');
    const argc = lua.lua_gettop(L);
    if (argc < 1 || argc > 2) return raiseErr(L, 'wrong number of arguments to redis.register_function');
    let name: string | null = null;
    let desc: string | null = null;
    let flags = 0;
    let hasCallback = false;
    const str = (i: number): string | null => (lua.lua_isstring(L, i) ? fromLua(lua.lua_tolstring(L, i)!) : null);
    if (argc === 2) {
      name = str(1);
      if (name === null) return raiseErr(L, 'first argument to redis.register_function must be a string');
      if (lua.lua_type(L, 2) !== lua.LUA_TFUNCTION) {
        return raiseErr(L, 'second argument to redis.register_function must be a function');
      }
      hasCallback = true;
    } else {
      if (lua.lua_type(L, 1) !== lua.LUA_TTABLE) {
        return raiseErr(
          L,
          'calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).',
        );
      }
      lua.lua_settop(L, 2); // slot 2 will hold the callback, as in the positional form
      lua.lua_pushnil(L);
      while (lua.lua_next(L, 1) !== 0) {
        const key = str(-2)?.toLowerCase();
        if (key === undefined)
          return raiseErr(L, 'named argument key given to redis.register_function is not a string');
        if (key === 'function_name') {
          name = str(-1);
          if (name === null)
            return raiseErr(L, 'function_name argument given to redis.register_function must be a string');
        } else if (key === 'description') {
          desc = str(-1);
          if (desc === null)
            return raiseErr(L, 'description argument given to redis.register_function must be a string');
        } else if (key === 'callback') {
          if (lua.lua_type(L, -1) !== lua.LUA_TFUNCTION) {
            return raiseErr(L, 'callback argument given to redis.register_function must be a function');
          }
          lua.lua_pushvalue(L, -1);
          lua.lua_replace(L, 2); // kept in slot 2, where the positional form has it
          hasCallback = true;
        } else if (key === 'flags') {
          if (lua.lua_type(L, -1) !== lua.LUA_TTABLE) {
            return raiseErr(L, 'flags argument to redis.register_function must be a table representing function flags');
          }
          const f = this.readFlags(L);
          if (f === null) return raiseErr(L, 'unknown flag given');
          flags = f;
        } else return raiseErr(L, 'unknown argument given to redis.register_function');
        lua.lua_pop(L, 1);
      }
      if (name === null) return raiseErr(L, 'redis.register_function must get a function name argument');
      if (!hasCallback) return raiseErr(L, 'redis.register_function must get a callback argument');
    }
    lua.lua_pushvalue(L, 2);
    const ref = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX);
    const err = registrar(name, desc, flags, ref);
    if (err !== null) {
      this.unref(ref);
      return raiseErr(L, err);
    }
    return 0;
  }

  /** The flags table on top of the stack ({'no-writes', ...}, any case): their bits, or null for an unknown one. */
  private readFlags(L: LuaState): number | null {
    let flags = 0;
    for (let j = 1; ; j++) {
      const t = lua.lua_rawgeti(L, -1, j);
      if (t === lua.LUA_TNIL) {
        lua.lua_pop(L, 1);
        return flags;
      }
      const bit = lua.lua_isstring(L, -1) ? scriptFlagBit(fromLua(lua.lua_tolstring(L, -1)!).toLowerCase()) : 0;
      lua.lua_pop(L, 1);
      if (bit === 0) return null;
      flags |= bit;
    }
  }

  /** Records where the error was raised: the innermost Lua function (past the C function raising it). */
  private errorHandler(L: LuaState): number {
    const ar = {} as LuaDebug;
    let level = 1;
    if (lua.lua_getstack(L, level, ar) && lua.lua_getinfo(L, 'nSl', ar)) {
      if (ar.what !== null && (fromLua(ar.what) === 'C' || fromLua(ar.what) === 'J')) {
        level = 2;
        if (!(lua.lua_getstack(L, level, ar) && lua.lua_getinfo(L, 'nSl', ar))) level = 0;
      }
      if (level > 0 && ar.source !== null) this.errLoc = { source: fromLua(ar.source), line: ar.currentline };
    }
    lua.lua_settop(L, 1);
    return 1;
  }

  /** The error reply of a failed script (the error value is on top of the stack). */
  private errorReply(name: string): Reply {
    const L = this.L;
    let msg: string;
    if (lua.lua_type(L, -1) === lua.LUA_TTABLE) {
      lua.lua_getfield(L, -1, 'err');
      const s = lua.lua_tolstring(L, -1);
      lua.lua_pop(L, 1);
      msg = s === null ? 'ERR unknown error' : fromLua(s);
      if (!this.is7) msg = msg.replace(/^-/, '');
    } else {
      const s = lua.lua_type(L, -1) === lua.LUA_TNIL ? null : lauxlib.luaL_tolstring(L, -1);
      msg = s === null ? 'nil' : fromLua(s);
      if (this.is7) msg = `ERR ${msg}`;
    }
    const loc = this.errLoc;
    if (!this.is7) {
      // 4.0: "Error running script (call to f_<sha>): @user_script:1: <error>".
      const where = loc ? `${loc.source}:${loc.line}: ` : '';
      return error(`ERR Error running script (call to f_${name}): ${where}${msg}`.replace(/[\r\n]/g, ' '));
    }
    if (msg.startsWith('-')) msg = msg.slice(1);
    const text = loc ? `${msg} script: ${name}, on ${loc.source}:${loc.line}.` : msg;
    return error(text.replace(/[\r\n]/g, ' '));
  }

  /** redis.call (raise) and redis.pcall. */
  private redisCall(L: LuaState, raiseErrors: boolean): number {
    const argc = lua.lua_gettop(L);
    const pre = (m: string): number => this.callError(L, m, true, raiseErrors);
    if (this.hooks === null) return pre('ERR redis.call is not allowed here');
    if (argc === 0) {
      return pre(
        this.is7
          ? 'ERR Please specify at least one argument for this redis lib call'
          : 'Please specify at least one argument for redis.call()',
      );
    }
    const argv: string[] = [];
    for (let i = 1; i <= argc; i++) {
      const t = lua.lua_type(L, i);
      if (t === lua.LUA_TNUMBER) {
        argv.push(lua.lua_isinteger(L, i) ? String(lua.lua_tointegerx(L, i)) : fmt14g(lua.lua_tonumber(L, i)));
      } else if (t === lua.LUA_TSTRING) {
        argv.push(fromLua(lua.lua_tolstring(L, i) ?? new Uint8Array(0)));
      } else {
        return pre(
          this.is7
            ? 'ERR Lua redis lib command arguments must be strings or integers'
            : 'Lua redis() command arguments must be strings or integers',
        );
      }
    }
    const { reply, pre: isPre } = this.hooks.call(argv);
    if (reply.t === 'error') return this.callError(L, reply.s, isPre, raiseErrors);
    pushReply(L, reply, this.resp);
    return 1;
  }

  /** An error of redis.call (raised) or redis.pcall (returned as an error table). */
  private callError(L: LuaState, msg: string, isPre: boolean, raiseErrors: boolean): number {
    let text = msg;
    if (!this.is7 && isPre) {
      // 4.0 luaPushError: "<source>: <line>: <message>" of the calling Lua function.
      const ar = {} as LuaDebug;
      if (lua.lua_getstack(L, 1, ar) && lua.lua_getinfo(L, 'nSl', ar) && ar.source !== null) {
        text = `${fromLua(ar.source)}: ${ar.currentline}: ${msg}`;
      }
    }
    if (raiseErrors && !this.is7) {
      // 4.0 raises the message itself (a string), not the table.
      lua.lua_pushstring(L, toLua(text));
      return lua.lua_error(L);
    }
    lua.lua_newtable(L);
    lua.lua_pushstring(L, toLua(text));
    lua.lua_setfield(L, -2, 'err');
    if (raiseErrors) return lua.lua_error(L);
    return 1;
  }
}

/**
 * Lua 5.3 writes the special tokens of a syntax error bare (`<eof> expected near '='`), Lua 5.1
 * quoted them (`'<eof>' expected`), as Redis shows them.
 */
function lua51Syntax(msg: string): string {
  return msg.replace(/(^|[ (])<(eof|name|string|number|integer)>(?=[ )]|$)/g, "$1'<$2>'");
}

/** What takes each function a library registers: an error text, or null when it is taken. */
export type Registrar = (name: string, desc: string | null, flags: number, ref: number) => string | null;

/** Push a table of byte strings as a Lua array. */
function pushArray(L: LuaState, items: string[]): void {
  lua.lua_createtable(L, items.length, 0);
  for (let i = 0; i < items.length; i++) {
    lua.lua_pushstring(L, toLua(items[i]));
    lua.lua_rawseti(L, -2, i + 1);
  }
}

/** The error of reading a global that does not exist (key at index 2 of a metamethod). */
function missingGlobal(L: LuaState, is7: boolean): never {
  const name = fromLua(lauxlib.luaL_tolstring(L, 2));
  return raise(
    L,
    is7
      ? `Script attempted to access nonexistent global variable '${name}'`
      : `Script attempted to access unexisting global variable '${name}'`,
  );
}

/** Raise an error table {err = "ERR msg"} (luaPushError + luaError: no location is added). */
function raiseErr(L: LuaState, msg: string): never {
  lua.lua_newtable(L);
  lua.lua_pushstring(L, toLua(`ERR ${msg}`));
  lua.lua_setfield(L, -2, 'err');
  return lua.lua_error(L);
}

/** Raise a Lua error "<where>: msg" (luaL_error: where is the calling Lua function). */
function raise(L: LuaState, msg: string): never {
  lauxlib.luaL_where(L, 1);
  lua.lua_pushstring(L, toLua(msg));
  lua.lua_concat(L, 2);
  return lua.lua_error(L);
}

/** redis.error_reply / redis.status_reply: a table {err=...} or {ok=...}. */
function pushReplyTable(L: LuaState, field: 'err' | 'ok', is7: boolean): number {
  if (lua.lua_gettop(L) !== 1 || lua.lua_type(L, 1) !== lua.LUA_TSTRING) {
    raise(L, 'wrong number or type of arguments');
  }
  lua.lua_newtable(L);
  let s = lua.lua_tolstring(L, 1) ?? new Uint8Array(0);
  if (is7 && field === 'err') {
    // 7.0 reads "-CODE message" (the '-' added if missing): a text with no space has no code of
    // its own and gets ERR (error_reply('x') answers "ERR x", error_reply('MY x') "MY x").
    let t = fromLua(s);
    if (t.startsWith('-')) t = t.slice(1);
    if (!t.includes(' ')) t = `ERR ${t}`;
    s = toLua(t);
  }
  lua.lua_pushstring(L, s);
  lua.lua_setfield(L, -2, field);
  return 1;
}

/**
 * A server reply as a Lua value (redisProtocolToLuaType). In RESP2 (the default) maps and sets are
 * flat tables, doubles strings and nulls `false`; after redis.setresp(3) a map is {map={k=v}}, a
 * set {set={m=true}}, a double {double=n}, a verbatim string {verbatim_string={format, string}}
 * and a null `nil`.
 */
function pushReply(L: LuaState, r: Reply, resp: 2 | 3): void {
  if (!lua.lua_checkstack(L, 4)) {
    raise(L, 'reached lua stack limit');
  }
  /** A table holding one field `name` set to what `fill` pushes. */
  const wrapped = (name: string, fill: () => void) => {
    lua.lua_newtable(L);
    fill();
    lua.lua_setfield(L, -2, name);
  };
  switch (r.t) {
    case 'int':
      pushNumber(L, Number(r.n));
      return;
    case 'bulk':
      if (r.s === null) {
        if (resp === 3) lua.lua_pushnil(L);
        else lua.lua_pushboolean(L, false);
      } else lua.lua_pushstring(L, toLua(r.s));
      return;
    case 'status':
    case 'error':
      wrapped(r.t === 'status' ? 'ok' : 'err', () => lua.lua_pushstring(L, toLua(r.s)));
      return;
    case 'double':
      if (resp === 3) wrapped('double', () => lua.lua_pushnumber(L, Number(r.s)));
      else lua.lua_pushstring(L, toLua(r.s));
      return;
    case 'verbatim':
      if (resp === 3) {
        wrapped('verbatim_string', () => {
          lua.lua_newtable(L);
          lua.lua_pushstring(L, toLua('txt'));
          lua.lua_setfield(L, -2, 'format');
          lua.lua_pushstring(L, toLua(r.s));
          lua.lua_setfield(L, -2, 'string');
        });
      } else lua.lua_pushstring(L, toLua(r.s));
      return;
    case 'map':
    case 'set':
      if (resp === 3) {
        wrapped(r.t, () => {
          lua.lua_newtable(L);
          const step = r.t === 'map' ? 2 : 1;
          for (let i = 0; i < r.items.length; i += step) {
            pushReply(L, r.items[i], resp);
            if (step === 2) pushReply(L, r.items[i + 1], resp);
            else lua.lua_pushboolean(L, true);
            lua.lua_rawset(L, -3);
          }
        });
      } else pushItems(L, r.items, resp); // RESP2: a flat table
      return;
    case 'array':
    case 'push':
      if (r.items !== null) pushItems(L, r.items, resp);
      else if (resp === 3) lua.lua_pushnil(L);
      else lua.lua_pushboolean(L, false);
  }
}

function pushItems(L: LuaState, items: readonly Reply[], resp: 2 | 3): void {
  lua.lua_createtable(L, items.length, 0);
  for (let i = 0; i < items.length; i++) {
    pushReply(L, items[i], resp);
    lua.lua_rawseti(L, -2, i + 1);
  }
}

/** A Lua value as a reply (luaReplyToRedisReply). */
function toReply(L: LuaState, idx: number, is7: boolean, depth = 0): Reply {
  // Room for what this level pushes (fengari, like Lua, only guarantees a few free slots).
  if (depth > MAX_REPLY_DEPTH || !lua.lua_checkstack(L, 4)) return error('ERR reached lua stack limit');
  const i = lua.lua_absindex(L, idx);
  const t = lua.lua_type(L, i);
  if (t === lua.LUA_TSTRING) return bulk(fromLua(lua.lua_tolstring(L, i) ?? new Uint8Array(0)));
  if (t === lua.LUA_TBOOLEAN) return lua.lua_toboolean(L, i) ? int(1) : NIL;
  if (t === lua.LUA_TNUMBER) {
    if (lua.lua_isinteger(L, i)) return int(lua.lua_tointegerx(L, i) as number);
    return int(truncate(lua.lua_tonumber(L, i)));
  }
  if (t !== lua.LUA_TTABLE) return NIL;
  lua.lua_getfield(L, i, 'err');
  if (lua.lua_type(L, -1) === lua.LUA_TSTRING) {
    let s = fromLua(lua.lua_tolstring(L, -1) ?? new Uint8Array(0));
    lua.lua_pop(L, 1);
    if (is7 && s.startsWith('-')) s = s.slice(1);
    return error(s.replace(/[\r\n]/g, ' '));
  }
  lua.lua_pop(L, 1);
  lua.lua_getfield(L, i, 'ok');
  if (lua.lua_type(L, -1) === lua.LUA_TSTRING) {
    const s = fromLua(lua.lua_tolstring(L, -1) ?? new Uint8Array(0));
    lua.lua_pop(L, 1);
    return status(s.replace(/[\r\n]/g, ' '));
  }
  lua.lua_pop(L, 1);
  if (is7) {
    const typed = typedTable(L, i, depth);
    if (typed !== null) return typed;
  }
  const items: Reply[] = [];
  for (let j = 1; ; j++) {
    if (lua.lua_rawgeti(L, i, j) === lua.LUA_TNIL) {
      lua.lua_pop(L, 1);
      break;
    }
    items.push(toReply(L, -1, is7, depth + 1));
    lua.lua_pop(L, 1);
  }
  return array(items);
}

/**
 * 7.0's RESP3 tables returned by a script: {double=n}, {map={…}}, {set={…}} and
 * {verbatim_string={format, string}} become a double, a map, a set and a verbatim string (the
 * encoder writes their RESP2 forms for a RESP2 caller). Null when the table is none of these.
 */
function typedTable(L: LuaState, i: number, depth: number): Reply | null {
  lua.lua_getfield(L, i, 'double');
  if (lua.lua_type(L, -1) === lua.LUA_TNUMBER) {
    const n = lua.lua_tonumber(L, -1);
    lua.lua_pop(L, 1);
    return double(formatDouble17g(n));
  }
  lua.lua_pop(L, 1);
  for (const kind of ['map', 'set'] as const) {
    lua.lua_getfield(L, i, kind);
    if (lua.lua_type(L, -1) === lua.LUA_TTABLE) {
      const items: Reply[] = [];
      lua.lua_pushnil(L);
      while (lua.lua_next(L, -2) !== 0) {
        // key at -2, value at -1
        items.push(toReply(L, -2, true, depth + 1));
        if (kind === 'map') items.push(toReply(L, -1, true, depth + 1));
        lua.lua_pop(L, 1);
      }
      lua.lua_pop(L, 1);
      return kind === 'map' ? map(items) : setReply(items);
    }
    lua.lua_pop(L, 1);
  }
  lua.lua_getfield(L, i, 'verbatim_string');
  if (lua.lua_type(L, -1) === lua.LUA_TTABLE) {
    lua.lua_getfield(L, -1, 'string');
    const str = lua.lua_type(L, -1) === lua.LUA_TSTRING ? fromLua(lua.lua_tolstring(L, -1) ?? new Uint8Array(0)) : null;
    lua.lua_pop(L, 2);
    if (str !== null) return verbatim(str);
    return null;
  }
  lua.lua_pop(L, 1);
  return null;
}

/** A float as C's (long long) cast gives it on x86-64: toward zero; NaN and overflow give INT64_MIN. */
function truncate(x: number): number | bigint {
  if (Number.isNaN(x) || x >= 2 ** 63 || x < -(2 ** 63)) return INT64_MIN;
  const t = Math.trunc(x);
  return Number.isSafeInteger(t) ? t : BigInt(t);
}
