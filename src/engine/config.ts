/**
 * The configuration table (config.c): every parameter the playground understands, with its
 * 7.0 and 4.0 names and defaults, its parser, and CONFIG SET's exact error texts. A node's
 * "config file" is a record of name → value handed in at start; CONFIG SET changes only the
 * running values (lost on restart, as in Redis) unless CONFIG REWRITE is used.
 */
import type { RedisVersion } from './version';

type Kind = 'bool' | 'int' | 'memory' | 'enum' | 'string' | 'save';

interface Param {
  name: string;
  /** Old name accepted as an alias (7.0 `slave-*` names). */
  alias?: string;
  /** The name 4.0 uses (it has no `replica-*` names). */
  name40?: string;
  kind: Kind;
  def: string;
  def40?: string;
  min?: number;
  max?: number;
  values?: string[];
  immutable?: boolean;
}

const INT_MAX = 2147483647;
const LLONG_MAX = 2 ** 63 - 1;

const PARAMS: Param[] = [
  { name: 'port', kind: 'int', def: '6379', min: 0, max: 65535, immutable: true },
  { name: 'bind', kind: 'string', def: '* -::*', def40: '', immutable: true },
  { name: 'databases', kind: 'int', def: '16', min: 1, max: INT_MAX, immutable: true },
  { name: 'hz', kind: 'int', def: '10', min: 0, max: INT_MAX },
  { name: 'loglevel', kind: 'enum', def: 'notice', values: ['debug', 'verbose', 'notice', 'warning'] },
  { name: 'save', kind: 'save', def: '3600 1 300 100 60 10000', def40: '900 1 300 10 60 10000' },
  { name: 'dbfilename', kind: 'string', def: 'dump.rdb' },
  { name: 'dir', kind: 'string', def: '/var/lib/redis' },
  { name: 'rdbcompression', kind: 'bool', def: 'yes' },
  { name: 'rdbchecksum', kind: 'bool', def: 'yes' },
  { name: 'appendonly', kind: 'bool', def: 'no' },
  { name: 'repl-diskless-sync', kind: 'bool', def: 'yes', def40: 'no' },
  { name: 'repl-diskless-sync-delay', kind: 'int', def: '5', min: 0, max: INT_MAX },
  { name: 'repl-diskless-load', kind: 'enum', def: 'disabled', values: ['disabled', 'on-empty-db', 'swapdb'] },
  { name: 'repl-backlog-size', kind: 'memory', def: '1048576', min: 1, max: LLONG_MAX },
  { name: 'repl-backlog-ttl', kind: 'int', def: '3600', min: 0, max: LLONG_MAX },
  { name: 'repl-timeout', kind: 'int', def: '60', min: 1, max: INT_MAX },
  {
    name: 'repl-ping-replica-period',
    alias: 'repl-ping-slave-period',
    name40: 'repl-ping-slave-period',
    kind: 'int',
    def: '10',
    min: 1,
    max: INT_MAX,
  },
  { name: 'replica-read-only', alias: 'slave-read-only', name40: 'slave-read-only', kind: 'bool', def: 'yes' },
  {
    name: 'replica-serve-stale-data',
    alias: 'slave-serve-stale-data',
    name40: 'slave-serve-stale-data',
    kind: 'bool',
    def: 'yes',
  },
  {
    name: 'replica-priority',
    alias: 'slave-priority',
    name40: 'slave-priority',
    kind: 'int',
    def: '100',
    min: 0,
    max: INT_MAX,
  },
  {
    name: 'replica-announce-port',
    alias: 'slave-announce-port',
    name40: 'slave-announce-port',
    kind: 'int',
    def: '0',
    min: 0,
    max: 65535,
  },
  { name: 'replica-announce-ip', alias: 'slave-announce-ip', name40: 'slave-announce-ip', kind: 'string', def: '' },
  {
    name: 'min-replicas-to-write',
    alias: 'min-slaves-to-write',
    name40: 'min-slaves-to-write',
    kind: 'int',
    def: '0',
    min: 0,
    max: INT_MAX,
  },
  {
    name: 'min-replicas-max-lag',
    alias: 'min-slaves-max-lag',
    name40: 'min-slaves-max-lag',
    kind: 'int',
    def: '10',
    min: 0,
    max: INT_MAX,
  },
  { name: 'masterauth', kind: 'string', def: '' },
  { name: 'shutdown-timeout', kind: 'int', def: '10', min: 0, max: INT_MAX },
  { name: 'lazyfree-lazy-expire', kind: 'bool', def: 'no' },
  { name: 'maxmemory', kind: 'memory', def: '0', min: 0, max: LLONG_MAX },
];

/** Parse Redis memory units: 1k=1000, 1kb=1024, 1m, 1mb, 1g, 1gb; case-insensitive. */
export function parseMemory(v: string): number | null {
  const m = /^(-?\d+)(k|kb|m|mb|g|gb|b)?$/i.exec(v);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  const mul: Record<string, number> = { '': 1, b: 1, k: 1000, kb: 1024, m: 1e6, mb: 1048576, g: 1e9, gb: 1073741824 };
  return n * mul[unit];
}

/** Glob matching with Redis's stringmatchlen rules (*, ?, [..], \ escapes), case-insensitive option. */
export function globMatch(pattern: string, str: string, nocase = false): boolean {
  const p = nocase ? pattern.toLowerCase() : pattern;
  const s = nocase ? str.toLowerCase() : str;
  const rec = (pi: number, si: number): boolean => {
    while (pi < p.length) {
      const c = p[pi];
      if (c === '*') {
        while (p[pi + 1] === '*') pi++;
        if (pi + 1 === p.length) return true;
        for (let k = si; k <= s.length; k++) if (rec(pi + 1, k)) return true;
        return false;
      }
      if (si >= s.length) return false;
      if (c === '?') {
        pi++;
        si++;
        continue;
      }
      if (c === '[') {
        let j = pi + 1;
        const not = p[j] === '^';
        if (not) j++;
        let match = false;
        while (j < p.length && p[j] !== ']') {
          if (p[j] === '\\' && j + 1 < p.length) {
            j++;
            if (p[j] === s[si]) match = true;
          } else if (p[j + 1] === '-' && j + 2 < p.length && p[j + 2] !== ']') {
            let lo = p[j];
            let hi = p[j + 2];
            if (lo > hi) [lo, hi] = [hi, lo];
            if (s[si] >= lo && s[si] <= hi) match = true;
            j += 2;
          } else if (p[j] === s[si]) match = true;
          j++;
        }
        if (not) match = !match;
        if (!match) return false;
        pi = j + 1;
        si++;
        continue;
      }
      if (c === '\\' && pi + 1 < p.length) {
        if (p[pi + 1] !== s[si]) return false;
        pi += 2;
        si++;
        continue;
      }
      if (c !== s[si]) return false;
      pi++;
      si++;
    }
    return si === s.length;
  };
  return rec(0, 0);
}

/** The running configuration of one node. */
export class Config {
  private values = new Map<string, string>();
  private byName = new Map<string, Param>();

  constructor(
    readonly version: RedisVersion,
    file: Record<string, string> = {},
  ) {
    for (const p of PARAMS) {
      this.values.set(p.name, version === '4.0' && p.def40 !== undefined ? p.def40 : p.def);
      this.byName.set(p.name, p);
      if (p.alias) this.byName.set(p.alias, p);
    }
    for (const [k, v] of Object.entries(file)) {
      const err = this.set(k, v, true);
      if (err) throw new Error(`Bad directive or wrong number of arguments: ${k} ${v} (${err})`);
    }
  }

  /** The displayed name of a parameter in this dialect. */
  private shown(p: Param): string {
    return this.version === '4.0' && p.name40 ? p.name40 : p.name;
  }

  get(name: string): string {
    const p = this.byName.get(name);
    if (!p) throw new Error(`unknown config ${name}`);
    return this.values.get(p.name)!;
  }
  int(name: string): number {
    return Number(this.get(name));
  }
  bool(name: string): boolean {
    return this.get(name) === 'yes';
  }

  /** Save points as [seconds, changes] pairs. */
  savePoints(): [number, number][] {
    const v = this.get('save').trim();
    if (!v) return [];
    const parts = v.split(/\s+/).map(Number);
    const out: [number, number][] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) out.push([parts[i], parts[i + 1]]);
    return out;
  }

  /** CONFIG GET pattern → [name, value] pairs (glob, case-insensitive). */
  match(pattern: string): [string, string][] {
    const out: [string, string][] = [];
    const seen = new Set<string>();
    for (const p of PARAMS) {
      const name = this.shown(p);
      const names = [name, ...(p.alias && this.version === '7.0' ? [p.alias] : [])];
      for (const n of names) {
        if (!seen.has(n) && globMatch(pattern, n, true)) {
          seen.add(n);
          out.push([n, this.values.get(p.name)!]);
        }
      }
    }
    return out;
  }

  /** Whether a name (or alias) exists in this dialect. */
  has(name: string): boolean {
    const p = this.byName.get(name.toLowerCase());
    if (!p) return false;
    if (this.version === '4.0') return name.toLowerCase() === this.shown(p) || name.toLowerCase() === p.name;
    return true;
  }

  /** The canonical name (for change hooks). */
  canonical(name: string): string | undefined {
    return this.byName.get(name.toLowerCase())?.name;
  }

  /**
   * Set a value; returns null on success or the error suffix Redis puts after
   * "CONFIG SET failed (possibly related to argument '…') - ".
   */
  set(name: string, value: string, fromFile = false): string | null {
    const p = this.byName.get(name.toLowerCase());
    if (!p) return 'unknown';
    if (p.immutable && !fromFile) return "can't set immutable config";
    let v = value;
    switch (p.kind) {
      case 'bool': {
        const l = v.toLowerCase();
        if (l !== 'yes' && l !== 'no') return "argument must be 'yes' or 'no'";
        v = l;
        break;
      }
      case 'int': {
        if (!/^-?\d+$/.test(v)) return "argument couldn't be parsed into an integer";
        const n = Number(v);
        if (n < (p.min ?? 0) || n > (p.max ?? INT_MAX)) {
          return `argument must be between ${p.min} and ${p.max === LLONG_MAX ? '9223372036854775807' : p.max} inclusive`;
        }
        v = String(n);
        break;
      }
      case 'memory': {
        const n = parseMemory(v);
        if (n === null) return 'argument must be a memory value';
        if (n < (p.min ?? 0)) return `argument must be between ${p.min} and 9223372036854775807 inclusive`;
        v = String(p.name === 'repl-backlog-size' ? Math.max(n, 16384) : n);
        break;
      }
      case 'enum': {
        const l = v.toLowerCase();
        if (!p.values!.includes(l)) return `argument(s) must be one of the following: ${p.values!.join(', ')}`;
        v = l;
        break;
      }
      case 'save': {
        const parts = v.trim() === '' ? [] : v.trim().split(/\s+/);
        if (parts.length % 2 !== 0 || parts.some((x) => !/^\d+$/.test(x))) return 'Invalid save parameters';
        v = parts.join(' ');
        break;
      }
      case 'string':
        break;
    }
    this.values.set(p.name, v);
    return null;
  }

  /** Everything that differs from the defaults, for CONFIG REWRITE. */
  changed(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of PARAMS) {
      const def = this.version === '4.0' && p.def40 !== undefined ? p.def40 : p.def;
      const v = this.values.get(p.name)!;
      if (v !== def) out[p.name] = v;
    }
    return out;
  }
}
