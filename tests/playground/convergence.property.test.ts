/**
 * Convergence, as a property: random programs over 3–4 nodes (writes of several types, SLAVEOF
 * topology changes that always keep a forest, SLAVEOF NO ONE failovers, kill/start, network
 * partitions, links killed from either end with CLIENT KILL, nodes blocked in DEBUG SLEEP, time
 * passing), half of them with short replication timeouts (PING every 2 s, repl-timeout 5 s) so
 * that sleeps trip the timeouts on both sides. After healing every link, starting every node
 * and settling:
 *
 * 1. settle() reaches quiet;
 * 2. every replica is connected and has its top master's replid, master_repl_offset and
 *    slave_repl_offset, and exactly its top master's dataset (read back per db with KEYS/TYPE
 *    and the type's read command — DEBUG DIGEST is not used, see tests/engine/replication.test.ts);
 * 3. nothing acknowledged is lost, stated precisely: for a node that is a master at the end and
 *    has been one without interruption (no kill, no SLAVEOF host port) since some moment T, its
 *    final dataset is exactly its dataset at T with every write it acknowledged after T applied
 *    in order. Together with 2, every such write is present in its whole tree.
 *    (A kill -9 loses unsaved writes, and a node that becomes a replica adopts another history,
 *    so writes acknowledged before either event are legitimately gone; they are not claimed.)
 *
 * Runs are seeded and bounded (≤ 40 steps of ≤ 15 s, then a settle of ≤ 120 s of simulated
 * time), so the suite is deterministic and fast; fast-check prints a shrunk counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCommand } from '../../src/engine/commands';
import { Playground, type RedisVersion, type Reply } from '../../src/playground';

const DATA_COMMANDS = [
  'set',
  'del',
  'incr',
  'rpush',
  'sadd',
  'hset',
  'keys',
  'type',
  'get',
  'lrange',
  'smembers',
  'hgetall',
];
const HAS_DATA = DATA_COMMANDS.every((c) => findCommand(c, '7.0') && findCommand(c, '4.0'));

const DBS = 3;
const KEYS = ['a', 'b', 'c', 'd'];
const PORT0 = 6379;

// ------------------------------------------------------------------ programs

type WriteCmd = 'set' | 'del' | 'incr' | 'rpush' | 'sadd' | 'hset';
type Op =
  | { t: 'write'; node: number; redirect: boolean; db: number; cmd: WriteCmd; key: string; val: string }
  | { t: 'slaveof'; node: number; target: number }
  | { t: 'noone'; node: number }
  | { t: 'kill'; node: number }
  | { t: 'start'; node: number }
  | { t: 'cut'; a: number; b: number }
  | { t: 'heal'; a: number; b: number }
  | { t: 'clientkill'; node: number; type: 'master' | 'slave' }
  | { t: 'sleep'; node: number; s: number }
  | { t: 'advance'; ms: number };

const node = fc.integer({ min: 0, max: 3 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      t: fc.constant('write' as const),
      node,
      redirect: fc.boolean(),
      db: fc.integer({ min: 0, max: DBS - 1 }),
      cmd: fc.constantFrom<WriteCmd>('set', 'set', 'del', 'incr', 'rpush', 'sadd', 'hset'),
      key: fc.constantFrom(...KEYS),
      val: fc.constantFrom('1', '2', 'x', 'yy', '10'),
    }),
  },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('slaveof' as const), node, target: node }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('noone' as const), node }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('kill' as const), node }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('start' as const), node }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cut' as const), a: node, b: node }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('heal' as const), a: node, b: node }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('clientkill' as const), node, type: fc.constantFrom('master', 'slave') }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('sleep' as const), node, s: fc.integer({ min: 1, max: 9 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 15_000 }) }) },
);
interface Program {
  nodes: number;
  seed: number;
  /** Initial topology: node i (i ≥ 1) replicates from initial[i-1] if it is < i (a forest by construction). */
  initial: number[];
  /** Every node's config file has a 2 s PING period and a 5 s repl-timeout. */
  fastTimeouts: boolean;
  ops: Op[];
}
const programArb: fc.Arbitrary<Program> = fc.record({
  nodes: fc.integer({ min: 3, max: 4 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  initial: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
  fastTimeouts: fc.boolean(),
  ops: fc.array(opArb, { minLength: 1, maxLength: 40, size: 'max' }),
});

// ------------------------------------------------------------------ datasets

/** db/key → canonical typed value. */
type Dataset = Map<string, string>;

const str = (r: Reply | null): string => {
  if (r?.t !== 'bulk' || r.s === null) throw new Error(`expected a bulk string, got ${JSON.stringify(r)}`);
  return r.s;
};
const arr = (r: Reply | null): string[] => {
  if (r?.t !== 'array' || r.items === null) throw new Error(`expected an array, got ${JSON.stringify(r)}`);
  return r.items.map(str);
};
const isError = (r: Reply | null) => r === null || r.t === 'error';

/** Read a node's whole dataset through its console (SELECT, KEYS, TYPE, then the type's reader). */
function dump(pg: Playground, name: string): Dataset {
  const out: Dataset = new Map();
  for (let db = 0; db < DBS; db++) {
    expect(pg.exec(name, ['SELECT', String(db)])).toEqual({ t: 'status', s: 'OK' });
    for (const key of arr(pg.exec(name, ['KEYS', '*'])).sort()) {
      const type = pg.exec(name, ['TYPE', key]);
      if (type?.t !== 'status') throw new Error(`TYPE ${key}: ${JSON.stringify(type)}`);
      let v: unknown;
      if (type.s === 'string') v = str(pg.exec(name, ['GET', key]));
      else if (type.s === 'list') v = arr(pg.exec(name, ['LRANGE', key, '0', '-1']));
      else if (type.s === 'set') v = arr(pg.exec(name, ['SMEMBERS', key])).sort();
      else if (type.s === 'hash') {
        const flat = arr(pg.exec(name, ['HGETALL', key]));
        const pairs: string[] = [];
        for (let i = 0; i < flat.length; i += 2) pairs.push(`${flat[i]}=${flat[i + 1]}`);
        v = pairs.sort();
      } else throw new Error(`unexpected type ${type.s}`);
      out.set(`${db}/${key}`, `${type.s}:${JSON.stringify(v)}`);
    }
  }
  return out;
}

/** Apply an acknowledged write to a model dataset, using the reply where it carries the result. */
function applyWrite(d: Dataset, op: Extract<Op, { t: 'write' }>, reply: Reply): void {
  const k = `${op.db}/${op.key}`;
  const cur = d.get(k);
  const parse = <T>(type: string): T | undefined =>
    cur?.startsWith(`${type}:`) ? (JSON.parse(cur.slice(type.length + 1)) as T) : undefined;
  switch (op.cmd) {
    case 'set':
      d.set(k, `string:${JSON.stringify(op.val)}`);
      return;
    case 'del':
      d.delete(k);
      return;
    case 'incr':
      if (reply.t !== 'int') throw new Error(`INCR replied ${JSON.stringify(reply)}`);
      d.set(k, `string:${JSON.stringify(String(reply.n))}`);
      return;
    case 'rpush':
      d.set(k, `list:${JSON.stringify([...(parse<string[]>('list') ?? []), op.val])}`);
      return;
    case 'sadd':
      d.set(k, `set:${JSON.stringify([...new Set([...(parse<string[]>('set') ?? []), op.val])].sort())}`);
      return;
    case 'hset': {
      const pairs = (parse<string[]>('hash') ?? []).filter((p) => !p.startsWith('f='));
      d.set(k, `hash:${JSON.stringify([...pairs, `f=${op.val}`].sort())}`);
      return;
    }
  }
}

function writeArgv(op: Extract<Op, { t: 'write' }>): string[] {
  switch (op.cmd) {
    case 'set':
      return ['SET', op.key, op.val];
    case 'del':
      return ['DEL', op.key];
    case 'incr':
      return ['INCR', op.key];
    case 'rpush':
      return ['RPUSH', op.key, op.val];
    case 'sadd':
      return ['SADD', op.key, op.val];
    case 'hset':
      return ['HSET', op.key, 'f', op.val];
  }
}

// ------------------------------------------------------------------ one run

function run(version: RedisVersion, program: Program): void {
  const pg = new Playground({ version, seed: program.seed });
  const n = program.nodes;
  const config: Record<string, string> = program.fastTimeouts
    ? { [version === '7.0' ? 'repl-ping-replica-period' : 'repl-ping-slave-period']: '2', 'repl-timeout': '5' }
    : {};
  const names = Array.from({ length: n }, (_, i) => pg.addNode('127.0.0.1', PORT0 + i, config));
  for (const name of names) pg.start(name);
  /** The configured master of each node (index), as SLAVEOF set it; null = master. */
  const masterOf: (number | null)[] = names.map(() => null);
  /** For each node that has been a master without interruption: its expected dataset. */
  const model: (Dataset | null)[] = names.map(() => new Map());
  const up = (i: number) => pg.isRunning(names[i]);
  for (let i = 1; i < n; i++) {
    const m = program.initial[i - 1];
    if (m < i) {
      expect(pg.exec(names[i], ['SLAVEOF', '127.0.0.1', String(PORT0 + m)])).toEqual({ t: 'status', s: 'OK' });
      masterOf[i] = m;
      model[i] = null;
    }
  }
  const topOf = (i: number): number => {
    let j = i;
    while (masterOf[j] !== null) j = masterOf[j]!;
    return j;
  };

  for (const op of program.ops) {
    switch (op.t) {
      case 'write': {
        // Mostly aimed at the top of the node's tree (where writes are accepted); a write sent
        // to a replica is refused with READONLY and changes nothing.
        const i = op.redirect ? topOf(op.node % n) : op.node % n;
        if (!up(i)) break;
        expect(pg.exec(names[i], ['SELECT', String(op.db)])).toEqual({ t: 'status', s: 'OK' });
        const r = pg.exec(names[i], writeArgv(op));
        if (isError(r)) {
          // Only replicas refuse writes here (READONLY), or a type clash (WRONGTYPE, not an integer).
          if (masterOf[i] === null && r?.t === 'error' && !/^(WRONGTYPE|ERR value is not an integer)/.test(r.s)) {
            throw new Error(`master ${names[i]} refused ${writeArgv(op).join(' ')}: ${JSON.stringify(r)}`);
          }
          break;
        }
        const m = model[i];
        if (m) applyWrite(m, op, r!);
        break;
      }
      case 'slaveof': {
        const i = op.node % n;
        const t = op.target % n;
        if (!up(i) || i === t) break;
        // Keep a forest: the target's chain of masters must not lead back to i.
        let j: number | null = t;
        let cycle = false;
        while (j !== null) {
          if (j === i) {
            cycle = true;
            break;
          }
          j = masterOf[j];
        }
        if (cycle) break;
        const r = pg.exec(names[i], ['SLAVEOF', '127.0.0.1', String(PORT0 + t)]);
        expect(r?.t).toBe('status');
        masterOf[i] = t;
        model[i] = null;
        break;
      }
      case 'noone': {
        const i = op.node % n;
        if (!up(i)) break;
        expect(pg.exec(names[i], ['SLAVEOF', 'NO', 'ONE'])).toEqual({ t: 'status', s: 'OK' });
        if (masterOf[i] !== null) {
          masterOf[i] = null;
          model[i] = dump(pg, names[i]);
        }
        break;
      }
      case 'kill': {
        const i = op.node % n;
        pg.kill(names[i]);
        // A restarted node has no SLAVEOF in its config: it comes back as a master.
        masterOf[i] = null;
        model[i] = null;
        break;
      }
      case 'start': {
        const i = op.node % n;
        if (up(i)) break;
        pg.start(names[i]);
        model[i] = dump(pg, names[i]);
        break;
      }
      case 'cut':
      case 'heal': {
        const a = op.a % n;
        const b = op.b % n;
        if (a !== b) pg.link(names[a], names[b], op.t === 'heal');
        break;
      }
      case 'clientkill': {
        // Cut a replication link from one end; the replica reconnects by itself.
        const i = op.node % n;
        if (!up(i)) break;
        expect(pg.exec(names[i], ['CLIENT', 'KILL', 'TYPE', op.type])?.t).toBe('int');
        break;
      }
      case 'sleep': {
        // The node blocks; the others go on (and may time it out, or be timed out by it).
        const i = op.node % n;
        if (!up(i)) break;
        expect(pg.exec(names[i], ['DEBUG', 'SLEEP', String(op.s)])).toEqual({ t: 'status', s: 'OK' });
        break;
      }
      case 'advance':
        pg.advance(op.ms);
        break;
    }
  }

  // Heal everything, start everything, settle.
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) pg.link(names[a], names[b], true);
  for (let i = 0; i < n; i++) {
    if (!up(i)) {
      pg.start(names[i]);
      model[i] = dump(pg, names[i]);
    }
  }
  expect(pg.settle(120_000), 'settle() reaches quiet').toBe(true);

  const data = names.map((name) => dump(pg, name));
  for (let i = 0; i < n; i++) {
    const s = pg.snapshot(names[i])!;
    const t = topOf(i);
    if (t === i) {
      expect(s.role, `${names[i]} is a master`).toBe('master');
      if (model[i])
        expect(Object.fromEntries(data[i]), `${names[i]} kept every write it acknowledged`).toEqual(
          Object.fromEntries(model[i]!),
        );
      continue;
    }
    const ts = pg.snapshot(names[t])!;
    expect(s.role, `${names[i]} is a replica`).toBe('slave');
    expect(`${s.masterHost}:${s.masterPort}`).toBe(names[masterOf[i]!]);
    expect(s.linkState, `${names[i]} link`).toBe('connected');
    expect(s.replid, `${names[i]} replid = ${names[t]}'s`).toBe(ts.replid);
    expect(s.masterReplOffset, `${names[i]} master_repl_offset = ${names[t]}'s`).toBe(ts.masterReplOffset);
    expect(s.slaveReplOffset, `${names[i]} slave_repl_offset = ${names[t]}'s`).toBe(ts.masterReplOffset);
    expect(Object.fromEntries(data[i]), `${names[i]} dataset = ${names[t]}'s`).toEqual(Object.fromEntries(data[t]));
  }
}

// ------------------------------------------------------------------ the properties

describe.each(['7.0', '4.0'] as const)('Redis %s: replication converges', (version) => {
  it.skipIf(!HAS_DATA)(
    'after healing, every replica equals its top master and nothing a surviving master acknowledged is lost',
    () => {
      fc.assert(
        fc.property(programArb, (p) => run(version, p)),
        { seed: version === '7.0' ? 20240902 : 20170714, numRuns: 50, endOnFailure: false },
      );
    },
    60_000,
  );

  it('replays a known tricky program: failover, middle-node promotion, restart of the old master', () => {
    if (!HAS_DATA) return;
    run(version, {
      nodes: 4,
      seed: 1,
      initial: [3, 3, 3],
      fastTimeouts: false,
      ops: [
        { t: 'slaveof', node: 1, target: 0 },
        { t: 'slaveof', node: 2, target: 1 },
        { t: 'slaveof', node: 3, target: 0 },
        { t: 'advance', ms: 6000 },
        { t: 'write', node: 0, redirect: false, db: 1, cmd: 'set', key: 'a', val: '1' },
        { t: 'write', node: 0, redirect: false, db: 0, cmd: 'rpush', key: 'b', val: 'x' },
        { t: 'advance', ms: 2000 },
        { t: 'kill', node: 0 },
        { t: 'noone', node: 1 },
        { t: 'slaveof', node: 3, target: 1 },
        { t: 'write', node: 1, redirect: false, db: 2, cmd: 'incr', key: 'c', val: '1' },
        { t: 'cut', a: 1, b: 2 },
        { t: 'write', node: 1, redirect: false, db: 0, cmd: 'sadd', key: 'd', val: 'yy' },
        { t: 'start', node: 0 },
        { t: 'slaveof', node: 0, target: 3 },
        { t: 'advance', ms: 12000 },
      ],
    });
  });
  it('replays timeouts on both sides: a sleeping master and a sleeping replica, links killed from both ends', () => {
    if (!HAS_DATA) return;
    run(version, {
      nodes: 3,
      seed: 2,
      initial: [0, 1],
      fastTimeouts: true,
      ops: [
        { t: 'advance', ms: 6000 },
        { t: 'write', node: 0, redirect: false, db: 0, cmd: 'set', key: 'a', val: '1' },
        { t: 'sleep', node: 0, s: 9 },
        { t: 'write', node: 0, redirect: false, db: 1, cmd: 'rpush', key: 'b', val: 'x' },
        { t: 'sleep', node: 1, s: 8 },
        { t: 'write', node: 2, redirect: true, db: 0, cmd: 'incr', key: 'c', val: '1' },
        { t: 'clientkill', node: 2, type: 'master' },
        { t: 'clientkill', node: 0, type: 'slave' },
        { t: 'write', node: 0, redirect: false, db: 2, cmd: 'hset', key: 'd', val: 'yy' },
        { t: 'advance', ms: 3000 },
      ],
    });
  });
});
