/**
 * The goal language of exercises: one check per line of a ```goal block, all of which must hold
 * for the exercise to be solved. Blank lines and `#` lines are skipped. Nodes are written as PORT
 * (127.0.0.1:PORT) or HOST:PORT; keys and values use redis-cli's quoting.
 *
 *   role PORT master|replica          the node's role (`slave` is accepted for replica)
 *   running PORT / stopped PORT       whether the node's process is up
 *   info PORT FIELD OP VALUE          an INFO field (any section); OP is = != < <= > >=, compared
 *                                     as numbers when both sides are numbers; VALUE may also be
 *                                     `info PORT FIELD` to compare two fields
 *   key PORT KEY = VALUE              GET KEY on that node answers VALUE
 *   key PORT KEY missing              the key does not exist there
 *   keys PORT OP N                    DBSIZE compared with N
 *   partial-resync REPLICA from MASTER  since the start, MASTER accepted a PSYNC from REPLICA
 *   full-resync REPLICA from MASTER   since the start, MASTER served REPLICA a full sync
 *   no full-resync                    since the start, no master served anyone a full sync
 *   acked-writes everywhere           every write the learner got a non-error reply for is on
 *                                     every running node, with the same value
 *   log [PORT] PATTERN / no log [PORT] PATTERN
 *                                     a log line matching PATTERN (expect-log's `…` wildcards)
 *                                     appeared / did not appear since the start
 *
 * "Since the start" means since the exercise began: after its set-up ran.
 */
import { splitCliArgs } from '../scenario';
import { type ExpectLine, nodeName, patternRegExp } from './expect-log';
import type { LearnError } from './markdown-blocks';

export type Op = '=' | '!=' | '<' | '<=' | '>' | '>=';
const OPS: readonly Op[] = ['=', '!=', '<', '<=', '>', '>='];

export type Operand =
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'info'; readonly node: string; readonly field: string };

interface CheckBase {
  readonly line: number;
  /** The check as written. */
  readonly text: string;
}

export type Check =
  | (CheckBase & { readonly kind: 'role'; readonly node: string; readonly role: 'master' | 'slave' })
  | (CheckBase & { readonly kind: 'running'; readonly node: string; readonly running: boolean })
  | (CheckBase & {
      readonly kind: 'info';
      readonly node: string;
      readonly field: string;
      readonly op: Op;
      readonly rhs: Operand;
    })
  | (CheckBase & { readonly kind: 'key'; readonly node: string; readonly key: string; readonly value: string | null })
  | (CheckBase & { readonly kind: 'keys'; readonly node: string; readonly op: Op; readonly n: number })
  | (CheckBase & { readonly kind: 'resync'; readonly full: boolean; readonly replica: string; readonly master: string })
  | (CheckBase & { readonly kind: 'no-full-resync' })
  | (CheckBase & { readonly kind: 'acked-writes' })
  | (CheckBase & { readonly kind: 'log'; readonly present: boolean; readonly expect: ExpectLine });

/** Parse a goal block whose first content line is `firstLine`; reports into `errors`. */
export function parseChecks(text: string, firstLine: number, ports: readonly number[], errors: LearnError[]): Check[] {
  const out: Check[] = [];
  const known = new Set(ports.map((p) => `127.0.0.1:${p}`));
  const parseLine = (raw: string, i: number): void => {
    const line = firstLine + i;
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;
    const fail = (m: string): void => {
      errors.push({ line, message: `goal: ${m}` });
    };
    const node = (tok: string | undefined): string | null => {
      const n = tok === undefined ? null : nodeName(tok);
      if (n === null || !known.has(n)) {
        fail(`"${tok ?? ''}" is not a node of this playground (${ports.join(' ')})`);
        return null;
      }
      return n;
    };
    const base = { line, text: t };
    const logCheck = (present: boolean, rest: string) => {
      let nodeTok: string | null = null;
      let pattern = rest;
      const m = /^\[([^\]]+)\]\s*(.*)$/.exec(rest);
      if (m) {
        nodeTok = node(m[1]);
        if (nodeTok === null) return;
        pattern = m[2];
      }
      if (pattern.replace(/…/g, '').trim() === '') {
        fail('an empty log pattern would match any line');
        return;
      }
      out.push({ ...base, kind: 'log', present, expect: { line, node: nodeTok, pattern, re: patternRegExp(pattern) } });
    };
    const logM = /^(no\s+)?log\s+(.*)$/.exec(t);
    if (logM) {
      logCheck(!logM[1], logM[2]);
      return;
    }

    const split = splitCliArgs(t);
    if (!split.ok) {
      fail(`cannot split "${t}" into words (unbalanced quotes?)`);
      return;
    }
    const w = split.argv;
    switch (w[0]) {
      case 'role': {
        const n = node(w[1]);
        if (n === null) return;
        const r = w[2] === 'replica' ? 'slave' : w[2];
        if (w.length !== 3 || (r !== 'master' && r !== 'slave')) {
          fail('expected `role PORT master|replica`');
          return;
        }
        out.push({ ...base, kind: 'role', node: n, role: r });
        return;
      }
      case 'running':
      case 'stopped': {
        if (w.length !== 2) {
          fail(`expected \`${w[0]} PORT\``);
          return;
        }
        const n = node(w[1]);
        if (n !== null) out.push({ ...base, kind: 'running', node: n, running: w[0] === 'running' });
        return;
      }
      case 'info': {
        if (w.length !== 5 && w.length !== 7) {
          fail('expected `info PORT FIELD OP VALUE` or `info PORT FIELD OP info PORT FIELD`');
          return;
        }
        const n = node(w[1]);
        if (n === null) return;
        const op = w[3] as Op;
        if (!OPS.includes(op)) {
          fail(`unknown comparison "${w[3]}" (expected ${OPS.join(' ')})`);
          return;
        }
        let rhs: Operand;
        if (w.length === 7) {
          if (w[4] !== 'info') {
            fail('expected `info PORT FIELD OP info PORT FIELD`');
            return;
          }
          const n2 = node(w[5]);
          if (n2 === null) return;
          rhs = { kind: 'info', node: n2, field: w[6] };
        } else rhs = { kind: 'value', value: w[4] };
        out.push({ ...base, kind: 'info', node: n, field: w[2], op, rhs });
        return;
      }
      case 'key': {
        const n = node(w[1]);
        if (n === null) return;
        if (w.length === 4 && w[3] === 'missing') out.push({ ...base, kind: 'key', node: n, key: w[2], value: null });
        else if (w.length === 5 && w[3] === '=') out.push({ ...base, kind: 'key', node: n, key: w[2], value: w[4] });
        else fail('expected `key PORT KEY = VALUE` or `key PORT KEY missing`');
        return;
      }
      case 'keys': {
        const n = node(w[1]);
        if (n === null) return;
        const op = w[2] as Op;
        if (w.length !== 4 || !OPS.includes(op) || !/^\d+$/.test(w[3])) {
          fail('expected `keys PORT OP N`');
          return;
        }
        out.push({ ...base, kind: 'keys', node: n, op, n: Number(w[3]) });
        return;
      }
      case 'partial-resync':
      case 'full-resync': {
        if (w.length !== 4 || w[2] !== 'from') {
          fail(`expected \`${w[0]} REPLICA from MASTER\``);
          return;
        }
        const r = node(w[1]);
        const m = node(w[3]);
        if (r === null || m === null) return;
        out.push({ ...base, kind: 'resync', full: w[0] === 'full-resync', replica: r, master: m });
        return;
      }
      case 'no':
        if (w.length === 2 && w[1] === 'full-resync') {
          out.push({ ...base, kind: 'no-full-resync' });
          return;
        }
        {
          fail('expected `no full-resync` or `no log PATTERN`');
          return;
        }
      case 'acked-writes':
        if (w.length === 2 && w[1] === 'everywhere') {
          out.push({ ...base, kind: 'acked-writes' });
          return;
        }
        {
          fail('expected `acked-writes everywhere`');
          return;
        }
      default:
        fail(
          `unknown check "${w[0]}" (expected role, running, stopped, info, key, keys, partial-resync, full-resync, no full-resync, acked-writes everywhere, log, no log)`,
        );
    }
  };
  text.split('\n').forEach((raw, i) => {
    parseLine(raw, i);
  });
  return out;
}
