/**
 * Evaluating an exercise's checks against a playground: live state through the `PlaygroundApi`
 * (snapshots for roles, INFO and GET through the node's console connection) and history through
 * a `Recorder` (log lines and acknowledged writes since the exercise started). Each check comes
 * back with whether it holds and, when it does not, a short reason in plain words.
 *
 * Resyncs are read from the masters' own log lines, so they mean what Redis means in both
 * dialects: a master logs `Replica ADDR asks for synchronization` (4.0: `Slave ADDR …`) for every
 * PSYNC or SYNC it answers, then `Partial resynchronization request from ADDR accepted` when it
 * continues; every other answer is a full sync.
 */
import type { PlaygroundApi, Reply } from '../playground';
import type { Check, Op, Operand } from './checks';
import { findExpected, type LogEntry } from './expect-log';
import type { Recorder } from './recorder';

export interface CheckResult {
  readonly check: Check;
  readonly ok: boolean;
  /** Why it does not hold (empty when it does). */
  readonly why: string;
}

/** One PSYNC/SYNC a master answered, as its log tells. */
export interface SyncRecord {
  readonly master: string;
  readonly replica: string;
  partial: boolean;
}

/** Every sync request the masters' logs show, in order. */
export function syncsFromLogs(logs: readonly LogEntry[]): SyncRecord[] {
  const out: SyncRecord[] = [];
  for (const l of logs) {
    const ask = /\* (?:Replica|Slave) (\S+) asks for synchronization/.exec(l.line);
    if (ask) {
      out.push({ master: l.node, replica: ask[1], partial: false });
      continue;
    }
    const ok = /Partial resynchronization request from (\S+) accepted/.exec(l.line);
    if (ok) {
      for (let i = out.length - 1; i >= 0; i--) {
        if (out[i].master === l.node && out[i].replica === ok[1]) {
          out[i].partial = true;
          break;
        }
      }
    }
  }
  return out;
}

/** Parse INFO's text into fields. */
export function parseInfo(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

function compare(a: string, op: Op, b: string): boolean {
  const numeric = /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b);
  const x: number | string = numeric ? Number(a) : a;
  const y: number | string = numeric ? Number(b) : b;
  switch (op) {
    case '=':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

const port = (node: string) => node.slice(node.lastIndexOf(':') + 1);
const text = (r: Reply | null): string | null => (r && (r.t === 'bulk' || r.t === 'status') ? r.s : null);

/** Evaluate every check. Queries are made once per node and field kind per call. */
export async function evaluateChecks(
  checks: readonly Check[],
  pg: PlaygroundApi,
  rec: Recorder,
): Promise<CheckResult[]> {
  const infos = new Map<string, Map<string, string> | null>();
  const info = async (node: string) => {
    if (!infos.has(node)) {
      const r = pg.isRunning(node) ? await pg.exec(node, ['INFO', 'all']) : null;
      const s = text(r);
      infos.set(node, s === null ? null : parseInfo(s));
    }
    return infos.get(node)!;
  };
  const operand = async (o: Operand): Promise<string | null> => {
    if (o.kind === 'value') return o.value;
    return (await info(o.node))?.get(o.field) ?? null;
  };
  const logs = rec.logs;
  const syncs = syncsFromLogs(logs);
  const out: CheckResult[] = [];
  for (const c of checks) {
    const res = (ok: boolean, why = '') => out.push({ check: c, ok, why: ok ? '' : why });
    switch (c.kind) {
      case 'role': {
        const s = pg.isRunning(c.node) ? await pg.snapshot(c.node) : null;
        if (!s) res(false, `${port(c.node)} is not running`);
        else res(s.role === c.role, `${port(c.node)} is a ${s.role === 'slave' ? 'replica' : 'master'}`);
        break;
      }
      case 'running':
        res(pg.isRunning(c.node) === c.running, `${port(c.node)} is ${pg.isRunning(c.node) ? 'running' : 'stopped'}`);
        break;
      case 'info': {
        const fields = await info(c.node);
        if (!fields) {
          res(false, `${port(c.node)} is not running`);
          break;
        }
        const a = fields.get(c.field);
        const b = await operand(c.rhs);
        if (a === undefined) res(false, `INFO on ${port(c.node)} has no field ${c.field}`);
        else if (b === null) res(false, 'the other side has no such field (or its node is down)');
        else res(compare(a, c.op, b), `${c.field} is ${a}`);
        break;
      }
      case 'key': {
        if (!pg.isRunning(c.node)) {
          res(false, `${port(c.node)} is not running`);
          break;
        }
        const r = await pg.exec(c.node, ['GET', c.key]);
        if (r?.t === 'error') res(false, r.s);
        else if (c.value === null) res(text(r) === null, `${c.key} exists on ${port(c.node)}`);
        else {
          const v = text(r);
          res(v === c.value, v === null ? `${c.key} does not exist on ${port(c.node)}` : `${c.key} is "${v}"`);
        }
        break;
      }
      case 'keys': {
        const s = pg.isRunning(c.node) ? await pg.snapshot(c.node) : null;
        if (!s) res(false, `${port(c.node)} is not running`);
        else res(compare(String(s.keys), c.op, String(c.n)), `${port(c.node)} has ${s.keys} keys`);
        break;
      }
      case 'resync': {
        const found = syncs.some((s) => s.master === c.master && s.replica === c.replica && s.partial === !c.full);
        res(found, `no ${c.full ? 'full' : 'partial'} resync of ${port(c.replica)} by ${port(c.master)} yet`);
        break;
      }
      case 'no-full-resync': {
        const full = syncs.find((s) => !s.partial);
        res(!full, full ? `${port(full.master)} served ${port(full.replica)} a full sync` : '');
        break;
      }
      case 'acked-writes':
        res(...(await ackedEverywhere(pg, rec)));
        break;
      case 'log': {
        const at = findExpected(c.expect, logs);
        res(c.present === at >= 0, c.present ? 'no such log line yet' : `logged: ${logs[at]?.line ?? ''}`);
        break;
      }
    }
  }
  return out;
}

/** Whether every acknowledged write's key holds the same value on every running node. */
async function ackedEverywhere(pg: PlaygroundApi, rec: Recorder): Promise<[boolean, string]> {
  const keys = rec.ackedKeys;
  const nodes = pg.nodeNames().filter((n) => pg.isRunning(n));
  if (keys.length === 0) return [false, 'no write was acknowledged yet'];
  for (const key of keys) {
    let first: string | null = null;
    for (const n of nodes) {
      const type = text(await pg.exec(n, ['TYPE', key]));
      if (type === null || type === 'none') return [false, `${key} is missing on ${port(n)}`];
      const v =
        type === 'string'
          ? text(await pg.exec(n, ['GET', key]))
          : pg.version === '7.0'
            ? JSON.stringify(await pg.exec(n, ['DEBUG', 'DIGEST-VALUE', key]))
            : type;
      const value = `${type}:${v}`;
      if (first === null) first = value;
      else if (value !== first) return [false, `${key} differs on ${port(n)}`];
    }
  }
  return [true, ''];
}
