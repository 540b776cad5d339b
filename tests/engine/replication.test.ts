/**
 * Replication rules one at a time, in both dialects, driven through the Playground on its virtual
 * clock (no sleeps), plus two byte-level harnesses that talk RESP to a bare engine directly: one
 * plays a replica against a master, the other a master against a replica.
 *
 * Every expectation is an exact string or number taken from the PSYNC2 fact sheet (Redis 4.0.14
 * and 7.0.15 sources, checked against real servers): offsets are byte counts of the stream
 * (PING 14, SELECT 23, SET k1 v1 29), log lines are Redis's own wording with the role and level
 * characters, and timings follow the simulator's documented model (serverCron every 100 ms from
 * process start, replicationCron every tenth tick, so on whole seconds since the node started).
 *
 * Tests that need a data command (SET) are skipped until the command table has it.
 */
import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../../src/engine';
import { findCommand } from '../../src/engine/commands';
import { Db } from '../../src/engine/keyspace';
import { formatLogLine, logTimestamp } from '../../src/engine/log';
import { writeRdb } from '../../src/engine/rdb';
import { binFromBytes } from '../../src/lib';
import { DEFAULT_EPOCH, type NodeSnapshot, Playground, type RedisVersion, type Reply } from '../../src/playground';
import { Wire } from './wire';

const HAS_SET = findCommand('set', '7.0') !== undefined && findCommand('set', '4.0') !== undefined;
const VERSIONS: RedisVersion[] = ['7.0', '4.0'];
const ZERO = '0'.repeat(40);
const HEX40 = /^[0-9a-f]{40}$/;

/** Bytes of fixed frames (fact sheet §2.2). */
const PING = '*1\r\n$4\r\nPING\r\n';
const select = (db: number) => encodeCommand(['SELECT', String(db)]);
const OK: Reply = { t: 'status', s: 'OK' };

// ------------------------------------------------------------------ log parsing

interface LogLine {
  port: number;
  pid: number;
  role: string;
  /** ms since the playground's epoch */
  t: number;
  level: string;
  msg: string;
  raw: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LINE_RE: Record<RedisVersion, RegExp> = {
  '7.0': /^(\d+):([MSCX]) (\d\d) ([A-Z][a-z]{2}) (\d{4}) (\d\d):(\d\d):(\d\d)\.(\d{3}) ([.\-*#]) (.*)$/,
  '4.0': /^(\d+):([MSCX]) (\d\d) ([A-Z][a-z]{2})() (\d\d):(\d\d):(\d\d)\.(\d{3}) ([.\-*#]) (.*)$/,
};

function parseLine(v: RedisVersion, port: number, raw: string): LogLine {
  const m = LINE_RE[v].exec(raw);
  if (!m) throw new Error(`not a ${v} log line: ${raw}`);
  const year = m[5] ? Number(m[5]) : new Date(DEFAULT_EPOCH).getUTCFullYear();
  const ms = Date.UTC(year, MONTHS.indexOf(m[4]), Number(m[3]), Number(m[6]), Number(m[7]), Number(m[8]), Number(m[9]));
  return { port, pid: Number(m[1]), role: m[2], t: ms - DEFAULT_EPOCH, level: m[10], msg: m[11], raw };
}

// ------------------------------------------------------------------ a small cluster

/** Per-dialect wording used in expectations. */
function words(v: RedisVersion) {
  const is7 = v === '7.0';
  return {
    Replica: is7 ? 'Replica' : 'Slave',
    replica: is7 ? 'replica' : 'slave',
    replicas: is7 ? 'replicas' : 'slaves',
    link: is7 ? 'MASTER <-> REPLICA' : 'MASTER <-> SLAVE',
    enabled: is7 ? 'REPLICAOF' : 'SLAVE OF',
    pingPeriod: is7 ? 'repl-ping-replica-period' : 'repl-ping-slave-period',
    before: is7
      ? 'Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.'
      : 'Before turning into a slave, using my master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
  };
}

/** Nodes 127.0.0.1:6379, 6380, … started at simulated time 0. */
class Cluster {
  readonly pg: Playground;
  readonly logs: LogLine[] = [];

  constructor(
    readonly v: RedisVersion,
    n = 3,
    config: Record<string, string> = {},
  ) {
    this.pg = new Playground({ version: v, seed: 7 });
    this.pg.events.on((ev) => {
      if (ev.type === 'log') this.logs.push(parseLine(v, Number(ev.node.split(':')[1]), ev.line));
    });
    for (let i = 0; i < n; i++) this.pg.addNode('127.0.0.1', 6379 + i, config);
    for (let i = 0; i < n; i++) this.pg.start(this.name(6379 + i));
  }

  name(port: number): string {
    return `127.0.0.1:${port}`;
  }
  exec(port: number, ...argv: string[]): Reply | null {
    return this.pg.exec(this.name(port), argv);
  }
  snap(port: number): NodeSnapshot {
    const s = this.pg.snapshot(this.name(port));
    if (!s) throw new Error(`${port} is not running`);
    return s;
  }
  offset(port: number): number {
    return this.snap(port).masterReplOffset;
  }
  /** ms since the epoch (all nodes were started at 0). */
  now(): number {
    return this.pg.clock.now() - DEFAULT_EPOCH;
  }
  advanceTo(ms: number): void {
    if (ms < this.now()) throw new Error(`cannot go back to ${ms} from ${this.now()}`);
    this.pg.advance(ms - this.now());
  }
  mark(): number {
    return this.logs.length;
  }
  /** Lines since `mark` on one node, as `R L message`. */
  since(mark: number, port: number): string[] {
    return this.logs
      .slice(mark)
      .filter((l) => l.port === port)
      .map((l) => `${l.role} ${l.level} ${l.msg}`);
  }
  /** Lines since `mark` on one node with their time, as `t R L message`. */
  timed(mark: number, port: number): string[] {
    return this.logs
      .slice(mark)
      .filter((l) => l.port === port)
      .map((l) => `${l.t} ${l.role} ${l.level} ${l.msg}`);
  }
  /** The one line on `port` since `mark` whose message matches, or a failure. */
  find(mark: number, port: number, re: RegExp): RegExpExecArray {
    const hits = this.logs.slice(mark).filter((l) => l.port === port && re.test(l.msg));
    expect(
      hits.map((h) => h.msg),
      `exactly one ${re} on ${port}`,
    ).toHaveLength(1);
    return re.exec(hits[0].msg)!;
  }
  slaveof(port: number, master: number | 'NO ONE'): Reply | null {
    return master === 'NO ONE'
      ? this.exec(port, 'SLAVEOF', 'NO', 'ONE')
      : this.exec(port, 'SLAVEOF', '127.0.0.1', String(master));
  }
  /** `ports` replicate from 6379 and everything is synced. */
  replicate(...ports: number[]): void {
    for (const p of ports) expect(this.slaveof(p, 6379)).toEqual(OK);
    expect(this.pg.settle()).toBe(true);
  }
}

/**
 * When the initial full syncs of `replicate` are done: 7.0 waits repl-diskless-sync-delay (5 s);
 * the replica's first ACK then reaps the finished RDB child at once (checkChildrenDone in
 * REPLCONF ACK), so the sync is over at that same instant; 4.0 reaps it at the next cron.
 */
const synced = (v: RedisVersion) => (v === '7.0' ? 5000 : 1100);

// ------------------------------------------------------------------ raw RESP harnesses

/** An empty RDB as a master of dialect `v` would send it (with replication aux fields). */
function emptyRdb(v: RedisVersion, replid: string): Uint8Array {
  const dbs = Array.from({ length: 16 }, (_, i) => new Db(i));
  return writeRdb(
    dbs,
    {
      redisVer: v === '7.0' ? '7.0.15' : '4.0.14',
      ctime: DEFAULT_EPOCH / 1000,
      usedMem: 900000,
      repl: { streamDb: 0, replid, offset: 0 },
    },
    v,
    {
      compression: true,
    },
  );
}

// =================================================================== tests

describe.each(VERSIONS)('Redis %s replication', (v) => {
  const w = words(v);
  const is7 = v === '7.0';

  // ---------------------------------------------------------------- offsets and the stream

  describe('master_repl_offset', () => {
    it('does not move on a master that never had a replica (no backlog)', () => {
      const c = new Cluster(v, 1);
      c.exec(6379, 'CONFIG', 'SET', w.pingPeriod, '1');
      c.advanceTo(30_000);
      expect(c.exec(6379, 'PING')).toEqual({ t: 'status', s: 'PONG' });
      const s = c.snap(6379);
      expect(s.masterReplOffset).toBe(0);
      expect(s.backlog).toBeNull();
    });

    it('starts at 0 after the first full sync, with a fresh replid shared by the replica', () => {
      const c = new Cluster(v, 2);
      const before = c.snap(6379).replid;
      c.replicate(6380);
      expect(c.now()).toBe(synced(v));
      const m = c.snap(6379);
      const r = c.snap(6380);
      expect(m.masterReplOffset).toBe(0);
      expect(m.replid).toMatch(HEX40);
      expect(m.replid).not.toBe(before);
      expect(m.replid2).toBe(ZERO);
      expect(m.secondReplOffset).toBe(-1);
      expect(m.backlog).toEqual({ firstByteOffset: 1, histlen: 0, size: 1048576 });
      expect(r.replid).toBe(m.replid);
      expect(r.masterReplOffset).toBe(0);
      expect(r.slaveReplOffset).toBe(0);
      expect(r.backlog).toEqual({ firstByteOffset: 1, histlen: 0, size: 1048576 });
    });

    it('grows by 14 (PING) on whole multiples of repl-ping-replica-period seconds since process start', () => {
      const c = new Cluster(v, 2);
      c.replicate(6380);
      c.advanceTo(9_999);
      expect(c.offset(6379)).toBe(0);
      c.advanceTo(10_000);
      expect(c.offset(6379)).toBe(14);
      c.advanceTo(19_999);
      expect(c.offset(6379)).toBe(14);
      c.advanceTo(20_000);
      expect(c.offset(6379)).toBe(28);
      // A new period counts from process start too: loops 21, 24, 27, 30.
      c.advanceTo(20_500);
      expect(c.exec(6379, 'CONFIG', 'SET', w.pingPeriod, '3')).toEqual(OK);
      c.advanceTo(30_000);
      expect(c.offset(6379)).toBe(28 + 4 * 14);
      expect(c.pg.settle()).toBe(true);
      expect(c.snap(6380).masterReplOffset).toBe(84);
      expect(c.snap(6380).slaveReplOffset).toBe(84);
      expect(c.snap(6379).replicas).toEqual([{ addr: '127.0.0.1:6380', port: 6380, state: 'online', ackOffset: 84 }]);
    });

    it('is not moved by commands that change no data (PING, ECHO, SELECT, CONFIG SET, INFO)', () => {
      const c = new Cluster(v, 2);
      c.replicate(6380);
      const before = c.offset(6379);
      c.exec(6379, 'PING');
      c.exec(6379, 'ECHO', 'x');
      c.exec(6379, 'SELECT', '3');
      c.exec(6379, 'CONFIG', 'SET', 'repl-timeout', '61');
      c.exec(6379, 'INFO', 'replication');
      c.exec(6379, 'NOSUCHCOMMAND');
      expect(c.offset(6379)).toBe(before);
    });

    it('grows by 37 (REPLCONF GETACK *) when WAIT has to block', () => {
      const c = new Cluster(v, 2);
      c.replicate(6380);
      expect(c.exec(6379, 'WAIT', '2', '100')).toEqual({ t: 'int', n: 1 });
      expect(c.offset(6379)).toBe(37);
      expect(c.pg.settle()).toBe(true);
      expect(c.snap(6380).slaveReplOffset).toBe(37);
    });

    it.skipIf(!HAS_SET)(
      'counts SELECT (23) before the first write, SET k1 v1 (29), and SELECT again on a db change',
      () => {
        const c = new Cluster(v, 2);
        c.replicate(6380);
        expect(c.exec(6379, 'SET', 'k1', 'v1')).toEqual(OK);
        expect(c.offset(6379)).toBe(23 + 29);
        expect(c.exec(6379, 'SET', 'k1', 'v1')).toEqual(OK);
        expect(c.offset(6379)).toBe(52 + 29);
        c.exec(6379, 'SELECT', '12');
        expect(c.exec(6379, 'SET', 'k', 'v')).toEqual(OK);
        expect(c.offset(6379)).toBe(81 + 24 + 27);
        c.exec(6379, 'SELECT', '0');
        expect(c.exec(6379, 'SET', 'k', 'v')).toEqual(OK);
        expect(c.offset(6379)).toBe(132 + 23 + 27);
        // PING carries no db: no SELECT before it even though the stream's db is known.
        c.advanceTo(10_000);
        expect(c.offset(6379)).toBe(182 + 14);
        expect(c.pg.settle()).toBe(true);
        expect(c.snap(6380).slaveReplOffset).toBe(196);
        expect(c.snap(6380).keys).toBe(3);
      },
    );

    it.skipIf(!HAS_SET)('emits SELECT again after a full resync of any replica (slaveseldb reset)', () => {
      const c = new Cluster(v, 3);
      c.replicate(6380);
      c.exec(6379, 'SET', 'a', '1');
      expect(c.offset(6379)).toBe(23 + 27);
      c.exec(6379, 'SET', 'b', '2');
      expect(c.offset(6379)).toBe(50 + 27);
      c.replicate(6381);
      const at = c.offset(6379);
      c.exec(6379, 'SET', 'c', '3');
      expect(c.offset(6379)).toBe(at + 23 + 27);
      expect(c.pg.settle()).toBe(true);
      expect(c.snap(6380).slaveReplOffset).toBe(c.offset(6379));
      expect(c.snap(6381).slaveReplOffset).toBe(c.offset(6379));
      expect(c.snap(6381).keys).toBe(3);
    });

    it.skipIf(!HAS_SET)('reproduces the walkthrough offsets: 7.0 66 then 94 at the kill, 4.0 52 then 66', () => {
      const c = new Cluster(v, 3);
      c.replicate(6380, 6381);
      c.exec(6379, 'SET', 'k1', 'v1');
      if (is7) {
        c.advanceTo(10_000);
        expect(c.offset(6379)).toBe(66);
        c.advanceTo(30_050);
        expect(c.offset(6379)).toBe(94);
      } else {
        expect(c.offset(6379)).toBe(52);
        c.advanceTo(10_050);
        expect(c.offset(6379)).toBe(66);
      }
      const end = c.offset(6379);
      expect(c.pg.settle()).toBe(true);
      c.pg.kill(c.name(6379));
      const oldId = c.snap(6380).replid;
      const m = c.mark();
      c.slaveof(6380, 'NO ONE');
      c.slaveof(6381, 6380);
      expect(c.pg.settle()).toBe(true);
      const newId = c.snap(6380).replid;
      expect(c.since(m, 6380)).toContain(
        `M * Partial resynchronization request from 127.0.0.1:6381 accepted. Sending 0 bytes of backlog starting from offset ${end + 1}.`,
      );
      expect(c.since(m, 6381)).toContain(`S * Trying a partial resynchronization (request ${oldId}:${end + 1}).`);
      const r = c.snap(6381);
      expect([r.replid, r.replid2, r.secondReplOffset, r.masterReplOffset]).toEqual([newId, oldId, end + 1, end]);
      expect(r.keys).toBe(1);
    });
  });

  // ---------------------------------------------------------------- exact bytes

  describe('the replication stream, byte for byte', () => {
    /** A master engine with one fake replica (conn 1) fully synced over a disk RDB. */
    function masterWithFakeReplica() {
      const m = new Wire(v, 6379, { 'repl-diskless-sync': 'no' });
      const srv = m.srv;
      srv.onAccept(1, '127.0.0.1:40001');
      m.send(1, 'REPLCONF', 'listening-port', '7000');
      m.send(1, 'REPLCONF', 'capa', 'eof', 'capa', 'psync2');
      expect(m.take(1)).toBe('+OK\r\n+OK\r\n');
      m.send(1, 'PSYNC', '?', '-1');
      const replid = srv.repl.replid;
      expect(m.take(1)).toBe(`+FULLRESYNC ${replid} 0\r\n`);
      m.runTo(100); // the BGSAVE child is reaped: the RDB goes out
      const rdb = m.take(1);
      const len = Number(/^\$(\d+)\r\n/.exec(rdb)![1]);
      expect(rdb.length).toBe(`$${len}\r\n`.length + len);
      expect(rdb.slice(`$${len}\r\n`.length, `$${len}\r\n`.length + 9)).toBe(is7 ? 'REDIS0010' : 'REDIS0008');
      if (!is7) expect(len).toBe(176);
      return { m, srv };
    }

    it('sends PING frames of exactly 14 bytes, and master_repl_offset grows by what is sent', () => {
      const { m, srv } = masterWithFakeReplica();
      m.runTo(9_900);
      expect(m.take(1)).toBe('');
      m.runTo(10_000);
      expect(m.take(1)).toBe(PING);
      expect(srv.repl.offset).toBe(14);
      m.runTo(20_000);
      expect(m.take(1)).toBe(PING);
      expect(srv.repl.offset).toBe(28);
      expect(srv.repl.backlog!.from(1)).toBe(PING + PING);
    });

    it('answers PSYNC with an offset beyond its own with "lack of backlog" and the greater-offset warning', () => {
      const { m, srv } = masterWithFakeReplica();
      srv.onAccept(2, '127.0.0.1:40002');
      m.send(2, 'REPLCONF', 'listening-port', '7001');
      m.take(2);
      m.logs.length = 0;
      m.send(2, 'PSYNC', srv.repl.replid, '999');
      expect(m.logs.slice(0, 3)).toEqual([
        `* ${w.Replica} 127.0.0.1:7001 asks for synchronization`,
        `* Unable to partial resync with ${w.replica} 127.0.0.1:7001 for lack of backlog (${w.Replica} request was: 999).`,
        `# Warning: ${w.replica} 127.0.0.1:7001 tried to PSYNC with an offset that is greater than the master replication offset.`,
      ]);
    });

    it('accepts PSYNC at exactly master_repl_offset+1 with "+CONTINUE <replid>" and 0 bytes', () => {
      const { m, srv } = masterWithFakeReplica();
      m.runTo(10_000);
      m.take(1);
      srv.onAccept(2, '127.0.0.1:40002');
      m.send(2, 'REPLCONF', 'listening-port', '7001');
      m.send(2, 'REPLCONF', 'capa', 'eof', 'capa', 'psync2');
      m.take(2);
      m.logs.length = 0;
      m.send(2, 'PSYNC', srv.repl.replid, '15');
      expect(m.take(2)).toBe(`+CONTINUE ${srv.repl.replid}\r\n`);
      expect(m.logs).toContain(
        '* Partial resynchronization request from 127.0.0.1:7001 accepted. Sending 0 bytes of backlog starting from offset 15.',
      );
      // …and from offset 1 it replays the backlog verbatim.
      srv.onAccept(3, '127.0.0.1:40003');
      m.send(3, 'REPLCONF', 'capa', 'psync2');
      m.take(3);
      m.send(3, 'PSYNC', srv.repl.replid.toUpperCase(), '1');
      expect(m.take(3)).toBe(`+CONTINUE ${srv.repl.replid}\r\n${PING}`);
    });

    it.skipIf(!HAS_SET)('sends SELECT + SET with the typed case of the command name', () => {
      const { m, srv } = masterWithFakeReplica();
      srv.onAccept(9, '127.0.0.1:40009');
      m.send(9, 'set', 'k1', 'v1');
      expect(m.take(9)).toBe('+OK\r\n');
      const expected = `${select(0)}*3\r\n$3\r\nset\r\n$2\r\nk1\r\n$2\r\nv1\r\n`;
      expect(expected.length).toBe(52);
      expect(m.take(1)).toBe(expected);
      m.send(9, 'SELECT', '10');
      m.send(9, 'SET', 'k', 'v');
      const second = `${select(10)}*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n`;
      expect(select(10).length).toBe(24);
      expect(m.take(1)).toBe(second);
      expect(srv.repl.offset).toBe(52 + 24 + 27);
      expect(srv.repl.backlog!.from(1)).toBe(expected + second);
    });

    /** A replica engine (6380) whose master (conn 1000) is played by the test. */
    function replicaOfFakeMaster() {
      const r = new Wire(v, 6380);
      const ownId = r.srv.repl.replid;
      r.srv.onAccept(1, '127.0.0.1:40001');
      r.send(1, 'SLAVEOF', '127.0.0.1', '6379');
      expect(r.take(1)).toBe('+OK\r\n');
      if (!is7) r.runTo(1_000);
      expect(r.connects).toEqual([{ conn: 1000, host: '127.0.0.1', port: 6379 }]);
      r.srv.onConnected(1000, '127.0.0.1:50000');
      return { r, ownId };
    }

    it('performs the handshake with the exact commands of its dialect', () => {
      const { r, ownId } = replicaOfFakeMaster();
      if (is7) {
        expect(r.take(1000)).toBe('*1\r\n$4\r\nPING\r\n');
        r.raw(1000, '+PONG\r\n');
        expect(r.take(1000)).toBe(
          encodeCommand(['REPLCONF', 'listening-port', '6380']) +
            encodeCommand(['REPLCONF', 'capa', 'eof', 'capa', 'psync2']),
        );
        r.raw(1000, '+OK\r\n+OK\r\n');
        expect(r.take(1000)).toBe(encodeCommand(['PSYNC', ownId, '1']));
      } else {
        expect(r.take(1000)).toBe('PING\r\n');
        r.raw(1000, '+PONG\r\n');
        expect(r.take(1000)).toBe('REPLCONF listening-port 6380\r\n');
        r.raw(1000, '+OK\r\n');
        expect(r.take(1000)).toBe('REPLCONF capa eof capa psync2\r\n');
        r.raw(1000, '+OK\r\n');
        expect(r.take(1000)).toBe(`PSYNC ${ownId} 1\r\n`);
      }
    });

    it('applies the stream: offset moves per whole command, after EXEC for MULTI, and the backlog keeps the bytes', () => {
      const { r } = replicaOfFakeMaster();
      r.answerHandshake(1000);
      const id = 'a'.repeat(40);
      const rdb = binFromBytes(emptyRdb(v, id));
      r.raw(1000, `+FULLRESYNC ${id} 0\r\n\n\n$${rdb.length}\r\n${rdb}`);
      const s = r.srv;
      expect(s.rs.state).toBe('connected');
      expect([s.repl.replid, s.repl.offset, s.rs.master!.reploff]).toEqual([id, 0, 0]);
      // Half a command moves nothing; the rest of it moves the offset by the whole frame.
      const sel = select(5);
      r.raw(1000, sel.slice(0, 10));
      expect(s.rs.master!.reploff).toBe(0);
      r.raw(1000, sel.slice(10) + PING);
      expect(s.rs.master!.reploff).toBe(23 + 14);
      expect(s.repl.offset).toBe(37);
      // MULTI … EXEC is applied, and counted, as one unit.
      const multi = encodeCommand(['MULTI']);
      const exec = encodeCommand(['EXEC']);
      expect([multi.length, exec.length]).toEqual([15, 14]);
      r.raw(1000, multi + PING);
      expect(s.rs.master!.reploff).toBe(37);
      r.raw(1000, exec);
      expect(s.rs.master!.reploff).toBe(37 + 15 + 14 + 14);
      expect(s.repl.backlog!.from(1)).toBe(sel + PING + multi + PING + exec);
      // GETACK is answered with the offset before the GETACK frame itself (37 bytes).
      r.take(1000);
      const getack = encodeCommand(['REPLCONF', 'GETACK', '*']);
      expect(getack.length).toBe(37);
      r.raw(1000, getack);
      expect(r.take(1000)).toBe(encodeCommand(['REPLCONF', 'ACK', '80']));
      expect(s.repl.offset).toBe(80 + 37);
      // The cron acknowledges the full offset once a second.
      r.run(1000);
      expect(r.take(1000)).toBe(encodeCommand(['REPLCONF', 'ACK', '117']));
    });
  });

  // ---------------------------------------------------------------- PSYNC2 identity

  describe('replication IDs', () => {
    it('SLAVEOF NO ONE applies the +1 rule: replid2 = old replid, second_repl_offset = offset + 1', () => {
      const c = new Cluster(v, 2);
      c.replicate(6380);
      c.advanceTo(10_500);
      const old = c.snap(6380);
      expect(old.masterReplOffset).toBe(14);
      const m = c.mark();
      expect(c.slaveof(6380, 'NO ONE')).toEqual(OK);
      const s = c.snap(6380);
      expect(s.role).toBe('master');
      expect(s.replid).toMatch(HEX40);
      expect(s.replid).not.toBe(old.replid);
      expect([s.replid2, s.secondReplOffset, s.masterReplOffset]).toEqual([old.replid, 15, 14]);
      expect(s.backlog).toEqual({ firstByteOffset: 1, histlen: 14, size: 1048576 });
      const lines = c.since(m, 6380).map((l) => l.replace(/\(user request from '.*'\)$/, "(user request from '…')"));
      const setting = `M # Setting secondary replication ID to ${old.replid}, valid up to offset: 15. New replication ID is ${s.replid}`;
      expect(lines).toEqual(
        is7
          ? [
              'M # Connection with master lost.',
              'M * Caching the disconnected master state.',
              'M * Discarding previously cached master state.',
              setting,
              "M * MASTER MODE enabled (user request from '…')",
            ]
          : [
              setting,
              'M # Connection with master lost.',
              'M * Caching the disconnected master state.',
              'M * Discarding previously cached master state.',
              "M * MASTER MODE enabled (user request from '…')",
            ],
      );
    });

    it('SLAVEOF NO ONE on a master replies OK and changes nothing', () => {
      const c = new Cluster(v, 1);
      const before = c.snap(6379);
      const m = c.mark();
      expect(c.slaveof(6379, 'NO ONE')).toEqual(OK);
      expect(c.snap(6379)).toEqual(before);
      expect(c.since(m, 6379)).toEqual([]);
    });

    it('SLAVEOF the current master again is a no-op with its own reply and log line', () => {
      const c = new Cluster(v, 2);
      c.replicate(6380);
      const m = c.mark();
      expect(c.exec(6380, 'SLAVEOF', '127.0.0.1', '6379')).toEqual({
        t: 'status',
        s: 'OK Already connected to specified master',
      });
      expect(c.since(m, 6380)).toEqual([
        `S * ${is7 ? 'REPLICAOF' : 'SLAVE OF'} would result into synchronization with the master we are already connected with. No operation performed.`,
      ]);
      expect(c.since(m, 6379)).toEqual([]);
    });

    it("a fresh replica asks PSYNC <own replid>:1 and gets a full resync with the master's new replid", () => {
      const c = new Cluster(v, 3);
      const ids = [6379, 6380, 6381].map((p) => c.snap(p).replid);
      const m = c.mark();
      c.replicate(6380, 6381);
      const newId = c.snap(6379).replid;
      expect(c.since(m, 6380)).toContain(`S * Trying a partial resynchronization (request ${ids[1]}:1).`);
      expect(c.since(m, 6380)).toContain(`S * Full resync from master: ${newId}:0`);
      const master = c.since(m, 6379);
      expect(master).toContain(
        `M * Partial resynchronization not accepted: Replication ID mismatch (${w.Replica} asked for '${ids[1]}', my replication IDs are '${ids[0]}' and '${ZERO}')`,
      );
      expect(master).toContain(
        `M * Partial resynchronization not accepted: Replication ID mismatch (${w.Replica} asked for '${ids[2]}', my replication IDs are '${newId}' and '${ZERO}')`,
      );
      const created = `M * Replication backlog created, my new replication IDs are '${newId}' and '${ZERO}'`;
      if (is7) expect(master).toContain(created);
      else expect(master).not.toContain(created);
      for (const p of [6380, 6381]) expect(c.snap(p).replid).toBe(newId);
    });

    it('after a failover the other replica continues through replid2 (Sending 0 bytes…, Master replication ID changed)', () => {
      const c = new Cluster(v, 3);
      c.replicate(6380, 6381);
      c.advanceTo(20_500);
      const oldId = c.snap(6379).replid;
      expect(c.offset(6379)).toBe(28);
      c.pg.kill(c.name(6379));
      c.advanceTo(22_500);
      const m = c.mark();
      c.slaveof(6380, 'NO ONE');
      c.slaveof(6381, 6380);
      expect(c.pg.settle()).toBe(true);
      const newId = c.snap(6380).replid;
      expect(c.since(m, 6380)).toEqual(
        expect.arrayContaining([
          `M * ${w.Replica} 127.0.0.1:6381 asks for synchronization`,
          'M * Partial resynchronization request from 127.0.0.1:6381 accepted. Sending 0 bytes of backlog starting from offset 29.',
        ]),
      );
      const replica = c.since(m, 6381);
      const start = replica.indexOf(`S * Trying a partial resynchronization (request ${oldId}:29).`);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(replica.slice(start, start + 4)).toEqual([
        `S * Trying a partial resynchronization (request ${oldId}:29).`,
        'S * Successful partial resynchronization with master.',
        `S # Master replication ID changed to ${newId}`,
        `S * ${w.link} sync: Master accepted a Partial Resynchronization.`,
      ]);
      const r = c.snap(6381);
      expect([r.replid, r.replid2, r.secondReplOffset]).toEqual([newId, oldId, 29]);
      expect(r.masterReplOffset).toBe(c.offset(6380));
      expect(r.linkState).toBe('connected');
    });

    it('refuses a PSYNC through replid2 past second_repl_offset ("Requested offset for second ID was …")', () => {
      const c = new Cluster(v, 3);
      c.replicate(6380, 6381);
      const oldId = c.snap(6379).replid;
      // 6380 leaves at offset 0 (valid up to 1); 6379 keeps streaming PINGs to 6381.
      c.slaveof(6380, 'NO ONE');
      expect(c.snap(6380).secondReplOffset).toBe(1);
      c.advanceTo(10_500);
      expect(c.snap(6381).slaveReplOffset).toBe(14);
      const m = c.mark();
      c.slaveof(6381, 6380);
      expect(c.pg.settle()).toBe(true);
      expect(c.since(m, 6381)).toContain(`S * Trying a partial resynchronization (request ${oldId}:15).`);
      const master = c.since(m, 6380);
      expect(master).toContain(
        'M * Partial resynchronization not accepted: Requested offset for second ID was 15, but I can reply up to 1',
      );
      const newId = c.snap(6380).replid;
      const full = c.find(m, 6381, /^Full resync from master: ([0-9a-f]{40}):(\d+)$/);
      expect(full[1]).toBe(newId);
      expect(c.snap(6381).replid).toBe(newId);
      expect(c.snap(6381).replid2).toBe(ZERO);
      expect(c.snap(6381).masterReplOffset).toBe(c.offset(6380));
    });
  });

  // ---------------------------------------------------------------- the backlog

  describe('the backlog', () => {
    it(
      is7
        ? 'keeps histlen above repl-backlog-size (block list)'
        : 'caps histlen at repl-backlog-size (circular buffer)',
      () => {
        const c = new Cluster(v, 2);
        c.replicate(6380);
        c.exec(6379, 'CONFIG', 'SET', 'repl-backlog-size', '16384');
        c.exec(6379, 'CONFIG', 'SET', w.pingPeriod, '1');
        // 1180 more PINGs: 16520 bytes, just over the configured size.
        c.advanceTo(Math.floor(synced(v) / 1000) * 1000 + 1180_000);
        const off = c.offset(6379);
        expect(off).toBe(1180 * 14);
        const b = c.snap(6379).backlog!;
        if (is7) {
          expect(b).toEqual({ firstByteOffset: 1, histlen: off, size: 16384 });
        } else {
          expect(b).toEqual({ firstByteOffset: off - 16384 + 1, histlen: 16384, size: 16384 });
        }
        // With a PING every second, each PING crosses the replica's once-a-second ACK in the
        // same instant (both processes started together), so the master never sees the replica
        // caught up: back to the default period before letting replication go quiet.
        c.exec(6379, 'CONFIG', 'SET', w.pingPeriod, '10');
        expect(c.pg.settle()).toBe(true);
        // A replica's backlog follows the same rule for the bytes it proxied.
        expect(c.snap(6380).masterReplOffset).toBe(c.offset(6379));
      },
    );

    it(
      is7
        ? 'keeps its data on CONFIG SET repl-backlog-size'
        : 'is emptied by CONFIG SET repl-backlog-size to a new size, not to the same one',
      () => {
        const c = new Cluster(v, 2);
        c.replicate(6380);
        c.advanceTo(20_500);
        expect(c.snap(6379).backlog).toEqual({ firstByteOffset: 1, histlen: 28, size: 1048576 });
        expect(c.exec(6379, 'CONFIG', 'SET', 'repl-backlog-size', '1mb')).toEqual(OK);
        expect(c.snap(6379).backlog).toEqual({ firstByteOffset: 1, histlen: 28, size: 1048576 });
        expect(c.exec(6379, 'CONFIG', 'SET', 'repl-backlog-size', '2mb')).toEqual(OK);
        expect(c.snap(6379).backlog).toEqual(
          is7 ? { firstByteOffset: 1, histlen: 28, size: 2097152 } : { firstByteOffset: 29, histlen: 0, size: 2097152 },
        );
        c.advanceTo(30_000);
        expect(c.snap(6379).backlog).toEqual(
          is7
            ? { firstByteOffset: 1, histlen: 42, size: 2097152 }
            : { firstByteOffset: 29, histlen: 14, size: 2097152 },
        );
      },
    );

    it('never shrinks below 16 KiB, whatever CONFIG SET repl-backlog-size says', () => {
      const c = new Cluster(v, 2);
      c.replicate(6380);
      c.advanceTo(20_500);
      expect(c.exec(6379, 'CONFIG', 'SET', 'repl-backlog-size', '1')).toEqual(OK);
      c.advanceTo(30_000);
      const b = c.snap(6379).backlog!;
      expect([b.firstByteOffset, b.histlen]).toEqual(is7 ? [1, 42] : [29, 14]);
    });

    it('a replica that comes back in time gets exactly the bytes it missed', () => {
      const c = new Cluster(v, 3);
      c.replicate(6380, 6381);
      c.advanceTo(10_500);
      const m = c.mark();
      c.pg.link(c.name(6379), c.name(6381), false);
      expect(c.since(m, 6381).slice(0, 2)).toEqual([
        'S # Connection with master lost.',
        'S * Caching the disconnected master state.',
      ]);
      expect(c.since(m, 6379)).toEqual([`M # Connection with ${w.replica} 127.0.0.1:6381 lost.`]);
      c.advanceTo(30_500);
      const m2 = c.mark();
      c.pg.link(c.name(6379), c.name(6381), true);
      expect(c.pg.settle()).toBe(true);
      expect(c.since(m2, 6381)).toContain(
        `S * Trying a partial resynchronization (request ${c.snap(6379).replid}:15).`,
      );
      expect(c.since(m2, 6379)).toContain(
        'M * Partial resynchronization request from 127.0.0.1:6381 accepted. Sending 28 bytes of backlog starting from offset 15.',
      );
      expect(c.snap(6381).slaveReplOffset).toBe(42);
    });

    it.skipIf(!HAS_SET)('a partial resync carries the writes made while the replica was away', () => {
      const c = new Cluster(v, 3);
      c.replicate(6380, 6381);
      c.pg.link(c.name(6379), c.name(6381), false);
      c.exec(6379, 'SET', 'k1', 'v1');
      c.pg.link(c.name(6379), c.name(6381), true);
      const m = c.mark();
      expect(c.pg.settle()).toBe(true);
      expect(c.since(m, 6379)).toContain(
        'M * Partial resynchronization request from 127.0.0.1:6381 accepted. Sending 52 bytes of backlog starting from offset 1.',
      );
      expect(c.exec(6381, 'GET', 'k1')).toEqual({ t: 'bulk', s: 'v1' });
    });

    it('a replica away while more than the backlog was written needs a full resync ("for lack of backlog")', () => {
      const c = new Cluster(v, 3);
      c.replicate(6380, 6381);
      c.exec(6379, 'CONFIG', 'SET', 'repl-backlog-size', '16384');
      c.exec(6379, 'CONFIG', 'SET', w.pingPeriod, '1');
      const away = c.snap(6381).slaveReplOffset;
      c.pg.link(c.name(6379), c.name(6381), false);
      // 4.0 keeps exactly 16384 bytes; 7.0 frees its first 20440-byte block only once the rest
      // still holds the configured size: 2800 PINGs (39200 bytes) are past both.
      c.advanceTo(c.now() + 2800_000);
      expect(c.snap(6379).backlog!.firstByteOffset).toBeGreaterThan(away + 1);
      // Back to the default period: with a PING every second, each one crosses the replicas'
      // once-a-second ACK in the same instant and replication never looks quiet.
      c.exec(6379, 'CONFIG', 'SET', w.pingPeriod, '10');
      const m = c.mark();
      c.pg.link(c.name(6379), c.name(6381), true);
      expect(c.pg.settle()).toBe(true);
      const master = c.since(m, 6379);
      expect(master).toContain(
        `M * Unable to partial resync with ${w.replica} 127.0.0.1:6381 for lack of backlog (${w.Replica} request was: ${away + 1}).`,
      );
      expect(c.find(m, 6381, /^Full resync from master: ([0-9a-f]{40}):(\d+)$/)[1]).toBe(c.snap(6379).replid);
      expect(c.snap(6381).slaveReplOffset).toBe(c.offset(6379));
    }, 30_000);

    it('is freed after repl-backlog-ttl seconds without replicas, with a new replid (offset kept)', () => {
      const c = new Cluster(v, 2);
      c.replicate(6380);
      c.advanceTo(10_500);
      const before = c.snap(6379);
      expect(c.exec(6379, 'CONFIG', 'SET', 'repl-backlog-ttl', '1')).toEqual(OK);
      // Replicas present: never freed.
      c.advanceTo(15_500);
      expect(c.snap(6379).backlog).not.toBeNull();
      // The last replica leaves at 15.5 s; the check runs on whole seconds: 17 - 15 > 1.
      c.slaveof(6380, 'NO ONE');
      const m = c.mark();
      c.advanceTo(16_999);
      expect(c.snap(6379).backlog).not.toBeNull();
      c.advanceTo(17_000);
      expect(c.timed(m, 6379)).toEqual([
        `17000 M * Replication backlog freed after 1 seconds without connected ${w.replicas}.`,
      ]);
      const s = c.snap(6379);
      expect(s.backlog).toBeNull();
      expect(s.replid).toMatch(HEX40);
      expect(s.replid).not.toBe(before.replid);
      expect([s.replid2, s.secondReplOffset, s.masterReplOffset]).toEqual([ZERO, -1, 14]);
    });

    it('is never freed by the TTL on a replica', () => {
      const c = new Cluster(v, 2);
      c.replicate(6380);
      c.exec(6380, 'CONFIG', 'SET', 'repl-backlog-ttl', '1');
      c.advanceTo(30_000);
      expect(c.snap(6380).backlog).not.toBeNull();
      expect(c.logs.some((l) => l.msg.startsWith('Replication backlog freed'))).toBe(false);
    });
  });

  // ---------------------------------------------------------------- connecting

  describe('connecting to the master', () => {
    it(
      is7
        ? 'connects at once on REPLICAOF, before logging "REPLICAOF … enabled"'
        : 'connects on the next cron second after "SLAVE OF … enabled"',
      () => {
        const c = new Cluster(v, 2);
        c.advanceTo(2_500);
        const ownId = c.snap(6380).replid;
        const m = c.mark();
        c.slaveof(6380, 6379);
        c.advanceTo(3_000);
        const lines = c.timed(m, 6380).map((l) => l.replace(/\(user request from '.*'\)$/, "(user request from '…')"));
        const enabled = `S * ${w.enabled} 127.0.0.1:6379 enabled (user request from '…')`;
        const handshake = (t: number) => [
          `${t} S * Connecting to MASTER 127.0.0.1:6379`,
          `${t} S * ${w.link} sync started`,
        ];
        const rest = (t: number) => [
          `${t} S * Non blocking connect for SYNC fired the event.`,
          `${t} S * Master replied to PING, replication can continue...`,
          `${t} S * Trying a partial resynchronization (request ${ownId}:1).`,
        ];
        if (is7) {
          expect(lines.slice(0, 7)).toEqual([
            `2500 S * ${w.before}`,
            ...handshake(2500),
            `2500 ${enabled}`,
            ...rest(2500),
          ]);
        } else {
          expect(lines.slice(0, 7)).toEqual([
            `2500 S * ${w.before}`,
            `2500 ${enabled}`,
            ...handshake(3000),
            ...rest(3000),
          ]);
        }
      },
    );

    it(
      is7
        ? 'reconnects at once when the master dies ("Reconnecting to MASTER"), then retries every second'
        : 'retries on each cron second when the master dies',
      () => {
        const c = new Cluster(v, 2);
        c.replicate(6380);
        c.advanceTo(6_500);
        const m = c.mark();
        c.pg.kill(c.name(6379));
        c.advanceTo(8_000);
        const refused = (t: number) => [
          `${t} S * Connecting to MASTER 127.0.0.1:6379`,
          `${t} S * ${w.link} sync started`,
          `${t} S # Error condition on socket for SYNC: Connection refused`,
        ];
        const lost = ['6500 S # Connection with master lost.', '6500 S * Caching the disconnected master state.'];
        expect(c.timed(m, 6380)).toEqual(
          is7
            ? [
                ...lost,
                '6500 S * Reconnecting to MASTER 127.0.0.1:6379',
                `6500 S * ${w.link} sync started`,
                '6500 S # Error condition on socket for SYNC: Connection refused',
                ...refused(7000),
                ...refused(8000),
              ]
            : [...lost, ...refused(7000), ...refused(8000)],
        );
        expect(c.exec(6380, 'ROLE')).toEqual({
          t: 'array',
          items: [
            { t: 'bulk', s: 'slave' },
            { t: 'bulk', s: '127.0.0.1' },
            { t: 'int', n: 6379 },
            { t: 'bulk', s: 'connect' },
            { t: 'int', n: -1 },
          ],
        });
        // The master comes back empty and with a new history: a full resync.
        c.pg.start(c.name(6379));
        expect(c.pg.settle()).toBe(true);
        expect(c.snap(6380).replid).toBe(c.snap(6379).replid);
        expect(c.snap(6380).linkState).toBe('connected');
      },
    );

    it('a partition looks like a lost link on both sides', () => {
      const c = new Cluster(v, 2);
      c.replicate(6380);
      c.advanceTo(6_500);
      const m = c.mark();
      c.pg.link(c.name(6379), c.name(6380), false);
      expect(c.since(m, 6379)).toEqual([`M # Connection with ${w.replica} 127.0.0.1:6380 lost.`]);
      expect(c.since(m, 6380).slice(0, 2)).toEqual([
        'S # Connection with master lost.',
        'S * Caching the disconnected master state.',
      ]);
      expect(c.snap(6379).replicas).toEqual([]);
      expect(c.snap(6380).linkState).toBe('connect');
      c.pg.link(c.name(6379), c.name(6380), true);
      expect(c.pg.settle()).toBe(true);
      expect(c.snap(6380).linkState).toBe('connected');
    });
  });

  // ---------------------------------------------------------------- chains

  describe('chained replicas', () => {
    /** 6379 ← 6380 ← 6381, synced. */
    function chain(): Cluster {
      const c = new Cluster(v, 3);
      c.replicate(6380);
      expect(c.slaveof(6381, 6380)).toEqual(OK);
      expect(c.pg.settle()).toBe(true);
      return c;
    }

    it("share the top master's replid and offset; PINGs reach the sub-replica unchanged", () => {
      const c = chain();
      c.advanceTo(30_500);
      expect(c.pg.settle()).toBe(true);
      const top = c.snap(6379);
      expect(top.masterReplOffset).toBe(42);
      for (const p of [6380, 6381]) {
        const s = c.snap(p);
        expect([s.replid, s.masterReplOffset, s.slaveReplOffset]).toEqual([
          top.replid,
          top.masterReplOffset,
          top.masterReplOffset,
        ]);
      }
      expect(c.snap(6380).replicas).toEqual([
        { addr: '127.0.0.1:6381', port: 6381, state: 'online', ackOffset: top.masterReplOffset },
      ]);
    });

    it.skipIf(!HAS_SET)(
      "a sub-replica full-synced from a middle node continues in the stream's db (RDB repl-stream-db)",
      () => {
        const c = new Cluster(v, 3);
        c.replicate(6380);
        c.exec(6379, 'SELECT', '1');
        expect(c.exec(6379, 'SET', 'a', '1')).toEqual(OK);
        expect(c.slaveof(6381, 6380)).toEqual(OK);
        expect(c.pg.settle()).toBe(true);
        // 6379's stream is still in db 1: this SET goes out without a SELECT, and 6380 proxies it.
        const before = c.offset(6379);
        expect(c.exec(6379, 'SET', 'b', '2')).toEqual(OK);
        expect(c.offset(6379)).toBe(before + 27);
        expect(c.pg.settle()).toBe(true);
        c.exec(6381, 'SELECT', '1');
        expect(c.exec(6381, 'GET', 'b')).toEqual({ t: 'bulk', s: '2' });
        c.exec(6381, 'SELECT', '0');
        expect(c.exec(6381, 'DBSIZE')).toEqual({ t: 'int', n: 0 });
      },
    );

    it("a sub-replica gets -NOMASTERLINK while its master's own link is down (no log on the middle node)", () => {
      const c = chain();
      c.pg.kill(c.name(6379));
      c.pg.link(c.name(6380), c.name(6381), false);
      c.pg.link(c.name(6380), c.name(6381), true);
      const m = c.mark();
      c.advanceTo(c.now() + 1000 - (c.now() % 1000));
      expect(c.since(m, 6381)).toContain(
        "S * Master is currently unable to PSYNC but should be in the future: -NOMASTERLINK Can't SYNC while not connected with my master",
      );
      expect(c.since(m, 6380).filter((l) => l.includes('asks for synchronization'))).toEqual([]);
      expect(c.snap(6381).linkState).toBe('connect');
    });

    it(
      is7
        ? 'a master turned replica keeps its replicas until its own full sync has loaded'
        : 'a master turned replica drops its replicas at once',
      () => {
        const c = new Cluster(v, 3);
        c.replicate(6380);
        const m = c.mark();
        c.slaveof(6379, 6381);
        const first = c
          .since(m, 6379)
          .slice(0, 3)
          .map((l) => l.replace(/\(user request from '.*'\)$/, "(user request from '…')"));
        if (is7) {
          expect(first).toEqual([
            `S * ${w.before}`,
            'S * Connecting to MASTER 127.0.0.1:6381',
            `S * ${w.link} sync started`,
          ]);
          expect(c.snap(6379).replicas.map((r) => r.port)).toEqual([6380]);
        } else {
          expect(first).toEqual([
            'S # Connection with slave 127.0.0.1:6380 lost.',
            `S * ${w.before}`,
            "S * SLAVE OF 127.0.0.1:6381 enabled (user request from '…')",
          ]);
          expect(c.snap(6379).replicas).toEqual([]);
        }
        expect(c.pg.settle()).toBe(true);
        const lines = c.since(m, 6379);
        if (is7) {
          const discard = lines.indexOf('S * Discarding previously cached master state.');
          expect(lines.slice(discard, discard + 3)).toEqual([
            'S * Discarding previously cached master state.',
            'S # Connection with replica 127.0.0.1:6380 lost.',
            `S * ${w.link} sync: Flushing old data`,
          ]);
        }
        const top = c.snap(6381);
        for (const p of [6379, 6380]) expect(c.snap(p).replid).toBe(top.replid);
        expect(c.snap(6380).masterReplOffset).toBe(top.masterReplOffset);
      },
    );
  });

  // ---------------------------------------------------------------- timeouts

  describe('timeouts', () => {
    it('a replica hearing nothing for more than repl-timeout drops the link and continues with PSYNC', () => {
      const c = new Cluster(v, 2);
      c.replicate(6380);
      c.advanceTo(10_500); // the last byte from the master: the PING at 10 s
      expect(c.exec(6380, 'CONFIG', 'SET', 'repl-timeout', '2')).toEqual(OK);
      const m = c.mark();
      c.advanceTo(13_000);
      const lines = c.timed(m, 6380);
      expect(lines.slice(0, 3)).toEqual([
        '13000 S # MASTER timeout: no data nor PING received...',
        '13000 S # Connection with master lost.',
        '13000 S * Caching the disconnected master state.',
      ]);
      expect(c.since(m, 6379)).toEqual(
        expect.arrayContaining([
          'M * Partial resynchronization request from 127.0.0.1:6380 accepted. Sending 0 bytes of backlog starting from offset 15.',
        ]),
      );
      expect(c.snap(6380).linkState).toBe('connected');
    });

    // A process blocked in DEBUG SLEEP keeps its connections open but reads and writes nothing:
    // the peer's timeouts fire. Both runs were compared with real redis-server 7.0.15 logs.
    it('master side: a replica silent for more than repl-timeout is dropped, and continues with PSYNC when it wakes', () => {
      const c = new Cluster(v, 2);
      c.replicate(6380);
      expect(c.exec(6379, 'CONFIG', 'SET', 'repl-timeout', '5')).toEqual(OK);
      const start = c.now();
      const m = c.mark();
      expect(c.exec(6380, 'DEBUG', 'SLEEP', '10')).toEqual(OK);
      // The reply leaves when the replica wakes, at its first cron tick after the 10 s.
      const woke = c.now();
      expect(woke - start).toBeGreaterThanOrEqual(10_000);
      expect(woke - start).toBeLessThan(10_100);
      const master = c.timed(m, 6379);
      const drop = master.findIndex((l) =>
        l.endsWith(
          is7
            ? '# Disconnecting timedout replica (streaming sync): 127.0.0.1:6380'
            : '# Disconnecting timedout slave: 127.0.0.1:6380',
        ),
      );
      expect(drop).toBe(0);
      expect(master[1]).toMatch(new RegExp(`M # Connection with ${w.replica} 127\\.0\\.0\\.1:6380 lost\\.$`));
      // More than repl-timeout whole seconds after the last ACK (one a second), before the wake.
      const dropAt = Number(master[0].split(' ')[0]);
      expect(dropAt - start).toBeGreaterThan(5_000);
      expect(dropAt - start).toBeLessThanOrEqual(7_000);
      // Asleep, the replica said nothing; it reads the closed link as soon as it wakes.
      const replica = c.timed(m, 6380);
      expect(replica.slice(0, 2)).toEqual([
        `${woke} S # Connection with master lost.`,
        `${woke} S * Caching the disconnected master state.`,
      ]);
      expect(c.pg.settle()).toBe(true);
      expect(c.since(m, 6379)).toContainEqual(
        expect.stringMatching(/^M \* Partial resynchronization request from 127\.0\.0\.1:6380 accepted\./),
      );
      expect(c.snap(6380).linkState).toBe('connected');
      expect(c.offset(6380)).toBe(c.offset(6379));
    });

    it('"Timeout connecting to the MASTER...": the master accepts (its kernel does) but, asleep, never answers PING', () => {
      const c = new Cluster(v, 2);
      c.replicate(6380);
      expect(c.exec(6380, 'CONFIG', 'SET', 'repl-timeout', '2')).toEqual(OK);
      const m = c.mark();
      const start = c.now();
      expect(c.exec(6379, 'DEBUG', 'SLEEP', '8')).toEqual(OK);
      const woke = c.now();
      const lines = c.since(m, 6380);
      const reconnect = is7
        ? ['S * Reconnecting to MASTER 127.0.0.1:6379', `S * ${w.link} sync started`]
        : ['S * Connecting to MASTER 127.0.0.1:6379', `S * ${w.link} sync started`];
      expect(lines.slice(0, 6)).toEqual([
        'S # MASTER timeout: no data nor PING received...',
        'S # Connection with master lost.',
        'S * Caching the disconnected master state.',
        ...reconnect,
        'S * Non blocking connect for SYNC fired the event.',
      ]);
      // The handshake gets no PONG: after repl-timeout the replica gives up and tries again
      // (7.0 at once, saying so; 4.0 in the same replicationCron, through its usual connect).
      const t = lines.indexOf('S # Timeout connecting to the MASTER...');
      expect(t).toBe(6);
      expect(lines.slice(t + 1, t + 4)).toEqual([
        is7 ? 'S * Reconnecting to MASTER 127.0.0.1:6379 after failure' : 'S * Connecting to MASTER 127.0.0.1:6379',
        `S * ${w.link} sync started`,
        'S * Non blocking connect for SYNC fired the event.',
      ]);
      // Nothing from the master until it wakes; then the pending handshake goes on with PSYNC.
      for (const l of c.timed(m, 6379)) expect(Number(l.split(' ')[0])).toBe(woke);
      expect(woke - start).toBeGreaterThanOrEqual(8_000);
      expect(lines.slice(-4)).toEqual([
        'S * Master replied to PING, replication can continue...',
        expect.stringMatching(/^S \* Trying a partial resynchronization \(request [0-9a-f]{40}:\d+\)\.$/),
        'S * Successful partial resynchronization with master.',
        `S * ${w.link} sync: Master accepted a Partial Resynchronization.`,
      ]);
      expect(c.pg.settle()).toBe(true);
      expect(c.offset(6380)).toBe(c.offset(6379));
    });
  });

  // ---------------------------------------------------------------- log lines

  describe('log lines', () => {
    it("are `pid:R timestamp L message` with the dialect's timestamp", () => {
      const at = Date.UTC(2026, 10, 24, 12, 52, 28, 870);
      expect(formatLogLine(9564, 'S', at, 'notice', 'MASTER <-> REPLICA sync started', '7.0')).toBe(
        '9564:S 24 Nov 2026 12:52:28.870 * MASTER <-> REPLICA sync started',
      );
      expect(
        formatLogLine(
          6923,
          'S',
          Date.UTC(2024, 8, 2, 15, 44, 0, 427),
          'notice',
          'MASTER <-> SLAVE sync started',
          '4.0',
        ),
      ).toBe('6923:S 02 Sep 15:44:00.427 * MASTER <-> SLAVE sync started');
      expect(formatLogLine(1, 'C', Date.UTC(2024, 0, 5, 3, 4, 5, 6), 'warning', 'x', '7.0')).toBe(
        '1:C 05 Jan 2024 03:04:05.006 # x',
      );
      expect(formatLogLine(1, 'M', Date.UTC(2024, 0, 5, 3, 4, 5, 6), 'verbose', 'x', '4.0')).toBe(
        '1:M 05 Jan 03:04:05.006 - x',
      );
      expect(formatLogLine(1, 'M', Date.UTC(2024, 0, 5, 3, 4, 5, 6), 'debug', 'x', '4.0')).toBe(
        '1:M 05 Jan 03:04:05.006 . x',
      );
      expect(logTimestamp(Date.UTC(2024, 11, 31, 23, 59, 59, 999), v)).toBe(
        is7 ? '31 Dec 2024 23:59:59.999' : '31 Dec 23:59:59.999',
      );
    });

    it('start with three C lines, then M; S right after SLAVEOF; the BGSAVE child prints C with its own pid', () => {
      const c = new Cluster(v, 2);
      const start = c.logs.filter((l) => l.port === 6380);
      expect(start.slice(0, 3).map((l) => `${l.role} ${l.level} ${l.msg}`)).toEqual([
        'C # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
        `C # Redis version=${is7 ? '7.0.15' : '4.0.14'}, bits=64, commit=00000000, modified=0, pid=${start[0].pid}, just started`,
        'C # Configuration loaded',
      ]);
      expect(start.slice(3).every((l) => l.role === 'M' && l.pid === start[0].pid && l.t === 0)).toBe(true);
      const m = c.mark();
      c.replicate(6380);
      const after = c.logs.slice(m);
      expect(after.filter((l) => l.port === 6380).every((l) => l.role === 'S')).toBe(true);
      const child = after.filter((l) => l.port === 6379 && l.role === 'C');
      const parent = c.logs.find((l) => l.port === 6379)!.pid;
      expect(child.length).toBeGreaterThan(0);
      for (const l of child) expect(l.pid).not.toBe(parent);
      expect(
        after.filter((l) => l.port === 6379 && l.role !== 'C').every((l) => l.role === 'M' && l.pid === parent),
      ).toBe(true);
      for (const l of c.logs) expect(l.raw).toMatch(LINE_RE[v]);
    });

    it(
      is7
        ? 'REPLICAOF <other> on a connected replica logs the lost link as M, then S'
        : 'SLAVEOF <other> on a connected replica logs everything as S',
      () => {
        const c = new Cluster(v, 3);
        c.replicate(6380);
        const m = c.mark();
        c.slaveof(6380, 6381);
        const lines = c.since(m, 6380);
        const r = is7 ? 'M' : 'S';
        expect(lines.slice(0, 2)).toEqual([
          `${r} # Connection with master lost.`,
          `${r} * Caching the disconnected master state.`,
        ]);
        expect(lines.slice(2).every((l) => l.startsWith('S '))).toBe(true);
        expect(lines).not.toContain(`S * ${w.before}`);
      },
    );
  });
});

describe('DEBUG DIGEST', () => {
  // Redis's own SHA-1 dataset digest (debug.c): keys and values only, so two datasets of the same
  // size differ, and a master and its caught-up replica agree.
  (HAS_SET ? it : it.skip)('tells two different datasets of the same size apart', () => {
    const c = new Cluster('7.0', 2);
    c.exec(6379, 'SET', 'k', 'v');
    c.exec(6380, 'SET', 'q', 'w');
    expect(c.exec(6379, 'DEBUG', 'DIGEST')).not.toEqual(c.exec(6380, 'DEBUG', 'DIGEST'));
  });
});
