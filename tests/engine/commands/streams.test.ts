/**
 * Stream commands: XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM, XREAD — IDs from the clock and
 * their monotonic rule, what is propagated (the ID made explicit, approximate trims as `=`), and
 * approximate trimming by whole listpack nodes (stream-node-max-entries / -max-bytes).
 * The replies and propagation are also checked against real redis-server 7.0.15 in
 * tests/diff/scenarios/66-stream-commands.scn and 67-stream-trim-nodes.scn.
 * When redis-server is installed, streams the commands made are saved and loaded by a real server
 * (ports 50500-50599).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCommand } from '../../../src/engine/commands';
import { datasetDigest } from '../../../src/engine/commands/util/digest';
import { writeRdb } from '../../../src/engine/rdb';
import { array, bulk, bulkArray, EMPTY_ARRAY, error, int, NIL, NIL_ARRAY } from '../../../src/engine/resp';
import { type RStream, streamId } from '../../../src/engine/stream';
import { FakeServer } from './fake-ctx';

const entry = (id: string, ...fv: string[]) => array([bulk(id), bulkArray(fv)]);

/** A stream `k` with entries 1-0 … n-0 (field f, value i). */
function filled(s: FakeServer, key: string, n: number): void {
  for (let i = 1; i <= n; i++) s.run('XADD', key, `${i}-0`, 'f', String(i));
}

describe('XADD IDs', () => {
  it('`*` takes the clock; a clock that did not move (or went back) bumps the sequence', () => {
    const s = new FakeServer({ now: 1000 });
    expect(s.r('XADD', 'k', '*', 'a', '1')).toEqual(bulk('1000-0'));
    expect(s.r('XADD', 'k', '*', 'a', '1')).toEqual(bulk('1000-1'));
    s.now = 900;
    expect(s.r('XADD', 'k', '*', 'a', '1')).toEqual(bulk('1000-2'));
    s.now = 1001;
    expect(s.r('XADD', 'k', '*', 'a', '1')).toEqual(bulk('1001-0'));
  });

  it('`ms-*` continues the sequence of the same ms, or starts at 0', () => {
    const s = new FakeServer();
    expect(s.r('XADD', 'k', '5-3', 'a', '1')).toEqual(bulk('5-3'));
    expect(s.r('XADD', 'k', '5-*', 'a', '1')).toEqual(bulk('5-4'));
    expect(s.r('XADD', 'k', '7-*', 'a', '1')).toEqual(bulk('7-0'));
    expect(s.r('XADD', 'k', '6-*', 'a', '1')).toEqual(
      error('ERR The ID specified in XADD is equal or smaller than the target stream top item'),
    );
    expect(s.r('XADD', 'k', '8', 'a', '1')).toEqual(bulk('8-0'));
  });

  it('propagates `*` and `ms-*` with the ID made explicit, an explicit ID as typed', () => {
    const s = new FakeServer({ now: 1234 });
    expect(s.run('XADD', 'k', '*', 'a', '1').propagated).toEqual([['XADD', 'k', '1234-0', 'a', '1']]);
    expect(s.run('XADD', 'k', 'NOMKSTREAM', '1234-*', 'a', '1').propagated).toEqual([
      ['XADD', 'k', 'NOMKSTREAM', '1234-1', 'a', '1'],
    ]);
    expect(s.run('XADD', 'k', '2000-5', 'a', '1')).toMatchObject({ dirty: 1, rewritten: null });
  });

  it('errors: 0-0, bad IDs, arity, the exhausted stream, NOMKSTREAM, wrong type', () => {
    const s = new FakeServer();
    expect(s.r('XADD', 'k', '0-0', 'a', '1')).toEqual(error('ERR The ID specified in XADD must be greater than 0-0'));
    expect(s.db.dict.has('k')).toBe(false);
    expect(s.r('XADD', 'k', '1-x', 'a', '1')).toEqual(
      error('ERR Invalid stream ID specified as stream command argument'),
    );
    expect(s.r('XADD', 'k', '1-1', 'a')).toEqual(error("ERR wrong number of arguments for 'xadd' command"));
    expect(s.r('XADD', 'k', 'NOMKSTREAM', '*', 'a', '1')).toEqual(NIL);
    expect(s.db.dict.has('k')).toBe(false);
    expect(s.r('XADD', 'k', '18446744073709551615-18446744073709551615', 'a', '1')).toEqual(
      bulk('18446744073709551615-18446744073709551615'),
    );
    expect(s.r('XADD', 'k', '*', 'a', '1')).toEqual(
      error('ERR The stream has exhausted the last possible ID, unable to add more items'),
    );
    s.run('SET', 'str', 'x');
    expect(s.r('XADD', 'str', '*', 'a', '1')).toEqual(
      error('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });

  it('trim option errors', () => {
    const s = new FakeServer();
    expect(s.r('XADD', 'k', 'MAXLEN', '-1', '*', 'a', '1')).toEqual(error('ERR The MAXLEN argument must be >= 0.'));
    expect(s.r('XADD', 'k', 'MAXLEN', '1', 'MINID', '1', '*', 'a', '1')).toEqual(
      error('ERR syntax error, MAXLEN and MINID options at the same time are not compatible'),
    );
    expect(s.r('XADD', 'k', 'LIMIT', '5', '*', 'a', '1')).toEqual(
      error('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy'),
    );
    expect(s.r('XADD', 'k', 'MAXLEN', '5', 'LIMIT', '5', '*', 'a', '1')).toEqual(
      error('ERR syntax error, LIMIT cannot be used without the special ~ option'),
    );
    expect(s.r('XTRIM', 'k', 'foo', 'bar')).toEqual(error('ERR syntax error'));
    expect(s.r('XTRIM', 'k', 'LIMIT', '1', 'x')).toEqual(error('ERR syntax error'));
    expect(s.r('XTRIM', 'k', 'MINID', '+')).toEqual(
      error('ERR Invalid stream ID specified as stream command argument'),
    );
  });
});

describe('approximate trimming drops whole nodes', () => {
  it('MAXLEN ~ with the default 100 entries per node, propagated as MAXLEN = <length>', () => {
    const s = new FakeServer();
    filled(s, 'k', 250);
    // Nodes of 100, 100, 50: dropping the first leaves 150 >= 120, the second would leave 50.
    const r = s.run('XTRIM', 'k', 'MAXLEN', '~', '120');
    expect(r.reply).toEqual(int(100));
    expect(r.propagated).toEqual([['XTRIM', 'k', 'MAXLEN', '=', '150']]);
    expect(s.r('XRANGE', 'k', '-', '+', 'COUNT', '1')).toEqual(array([entry('101-0', 'f', '101')]));
    // Nothing to drop: no change, nothing propagated.
    expect(s.run('XTRIM', 'k', 'MAXLEN', '~', '120')).toMatchObject({ reply: int(0), propagated: [] });
    // Exact: flags entries inside the first node.
    expect(s.run('XTRIM', 'k', 'MAXLEN', '120').propagated).toEqual([['XTRIM', 'k', 'MAXLEN', '120']]);
    expect(s.r('XLEN', 'k')).toEqual(int(120));
  });

  it('LIMIT caps the entries an approximate trim removes, node by node', () => {
    const s = new FakeServer();
    s.config.set('stream-node-max-entries', '10');
    filled(s, 'k', 50);
    expect(s.run('XTRIM', 'k', 'MAXLEN', '~', '0', 'LIMIT', '25')).toMatchObject({
      reply: int(20),
      // LIMIT stays in what is propagated: a replica ignores it for its master's commands.
      propagated: [['XTRIM', 'k', 'MAXLEN', '=', '30', 'LIMIT', '25']],
    });
    // Without LIMIT, ~ is capped at 100 * stream-node-max-entries = 1000 entries.
    expect(s.r('XTRIM', 'k', 'MAXLEN', '~', '0')).toEqual(int(30));
  });

  it('deleted entries keep counting in their node until it empties; an emptied node goes', () => {
    const s = new FakeServer();
    s.config.set('stream-node-max-entries', '3');
    filled(s, 'k', 6); // nodes [1 2 3] [4 5 6]
    expect(s.r('XDEL', 'k', '2-0', '3-0')).toEqual(int(2));
    s.run('XADD', 'k', '7-0', 'f', '7'); // node [7]: [4 5 6] is full
    expect(s.r('XDEL', 'k', '1-0')).toEqual(int(1)); // [1 2 3] goes
    // Nodes [4 5 6] [7]: MAXLEN ~ 1 drops [4 5 6] only.
    expect(s.run('XTRIM', 'k', 'MAXLEN', '~', '1').propagated).toEqual([['XTRIM', 'k', 'MAXLEN', '=', '1']]);
    expect(s.r('XRANGE', 'k', '-', '+')).toEqual(array([entry('7-0', 'f', '7')]));
  });

  it('MINID ~ propagates the first node master ID, the largest ID once no node is left', () => {
    const s = new FakeServer();
    s.config.set('stream-node-max-entries', '5');
    filled(s, 'k', 12); // [1..5] [6..10] [11 12]
    s.run('XDEL', 'k', '6-0');
    expect(s.run('XTRIM', 'k', 'MINID', '~', '8').propagated).toEqual([['XTRIM', 'k', 'MINID', '=', '6-0']]);
    expect(s.run('XADD', 'k', 'MINID', '~', '100', '13-0', 'f', '13').propagated).toEqual([
      ['XADD', 'k', 'MINID', '=', '18446744073709551615-18446744073709551615', '13-0', 'f', '13'],
    ]);
    expect(s.r('XLEN', 'k')).toEqual(int(0));
  });

  it('stream-node-max-bytes cuts nodes by listpack size', () => {
    const s = new FakeServer();
    s.config.set('stream-node-max-entries', '0');
    s.config.set('stream-node-max-bytes', '100');
    for (let i = 1; i <= 10; i++) s.run('XADD', 'k', `${i}-0`, 'f', 'x'.repeat(30));
    // Each entry takes 3 + 32 + 1 bytes of a node that starts at 13: two entries fit below 100.
    expect(s.r('XTRIM', 'k', 'MAXLEN', '~', '5')).toEqual(int(4));
  });

  it('a command from the master is never limited', () => {
    const s = new FakeServer();
    s.config.set('stream-node-max-entries', '10');
    filled(s, 'k', 50);
    s.fromMaster = true;
    expect(s.r('XTRIM', 'k', 'MAXLEN', '~', '0', 'LIMIT', '5')).toEqual(int(50));
  });
});

describe('XRANGE, XREVRANGE, XLEN, XDEL', () => {
  it('bounds, exclusive bounds, COUNT', () => {
    const s = new FakeServer();
    filled(s, 'k', 3);
    expect(s.r('XRANGE', 'k', '(1-0', '+')).toEqual(array([entry('2-0', 'f', '2'), entry('3-0', 'f', '3')]));
    expect(s.r('XRANGE', 'k', '2', '2')).toEqual(array([entry('2-0', 'f', '2')]));
    expect(s.r('XREVRANGE', 'k', '+', '-', 'COUNT', '1')).toEqual(array([entry('3-0', 'f', '3')]));
    expect(s.r('XRANGE', 'k', '-', '+', 'COUNT', '0')).toEqual(NIL_ARRAY);
    expect(s.r('XRANGE', 'nokey', '-', '+', 'COUNT', '0')).toEqual(EMPTY_ARRAY);
    expect(s.r('XRANGE', 'k', '(-', '+')).toEqual(error('ERR Invalid stream ID specified as stream command argument'));
    expect(s.r('XRANGE', 'k', '(18446744073709551615-18446744073709551615', '+')).toEqual(
      error('ERR invalid start ID for the interval'),
    );
    expect(s.r('XRANGE', 'k', '-', '(0-0')).toEqual(error('ERR invalid end ID for the interval'));
    expect(s.r('XRANGE', 'k', '-', '+', 'COUNT')).toEqual(error('ERR syntax error'));
  });

  it('XDEL counts what existed, moves dirty by that, keeps the key when empty', () => {
    const s = new FakeServer();
    filled(s, 'k', 2);
    expect(s.run('XDEL', 'k', '1-0', '9-0')).toMatchObject({ reply: int(1), dirty: 1 });
    expect(s.run('XDEL', 'k', '9-0')).toMatchObject({ reply: int(0), dirty: 0, propagated: [] });
    expect(s.r('XDEL', 'k', '2-0')).toEqual(int(1));
    expect(s.r('XLEN', 'k')).toEqual(int(0));
    expect(s.r('TYPE', 'k')).toEqual({ t: 'status', s: 'stream' });
    // An ID at or below one that was deleted is still refused: the last ID stays.
    expect(s.r('XADD', 'k', '2-0', 'f', 'v')).toEqual(
      error('ERR The ID specified in XADD is equal or smaller than the target stream top item'),
    );
  });
});

describe('XREAD', () => {
  it('entries after each ID, streams with nothing left out, never propagated', () => {
    const s = new FakeServer();
    filled(s, 'a', 2);
    const r = s.run('XREAD', 'COUNT', '1', 'STREAMS', 'a', 'b', '0', '0');
    expect(r.reply).toEqual(array([array([bulk('a'), array([entry('1-0', 'f', '1')])])]));
    expect(r.propagated).toEqual([]);
    expect(s.r('XREAD', 'STREAMS', 'a', '$')).toEqual(NIL_ARRAY);
    expect(s.r('XREAD', 'STREAMS', 'a', 'b', '0')).toEqual(
      error("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified."),
    );
    expect(s.r('XREAD', 'STREAMS', 'a', '>')).toEqual(
      error('ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.'),
    );
    expect(s.r('XREAD', 'GROUP', 'g', 'c', 'STREAMS', 'a', '0')).toEqual(
      error('ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.'),
    );
    expect(s.r('XREAD', 'COUNT', '2', 'BLOCK')).toEqual(error('ERR syntax error'));
  });
});

describe('dialects', () => {
  it('4.0.14 has no streams', () => {
    for (const name of ['xadd', 'xlen', 'xrange', 'xrevrange', 'xdel', 'xtrim', 'xread', 'xsetid', 'xgroup', 'xack']) {
      expect(findCommand(name, '4.0')).toBeUndefined();
      expect(findCommand(name, '7.0')).toBeDefined();
    }
  });
});

describe('XSETID', () => {
  it('moves the last ID (never below the last live entry), entries-added and max-deleted-id', () => {
    const s = new FakeServer();
    expect(s.r('XSETID', 'k', '1-0')).toEqual(error('ERR no such key'));
    s.run('XADD', 'k', '5-0', 'a', '1');
    expect(s.r('XSETID', 'k', '4-0')).toEqual(
      error('ERR The ID specified in XSETID is smaller than the target stream top item'),
    );
    expect(s.r('XSETID', 'k', '5-0', 'ENTRIESADDED', '0')).toEqual(
      error('ERR The entries_added specified in XSETID is smaller than the target stream length'),
    );
    expect(s.r('XSETID', 'k', '5-0', 'MAXDELETEDID', '6-0')).toEqual(
      error('ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id'),
    );
    expect(s.run('XSETID', 'k', '9-5', 'ENTRIESADDED', '10')).toMatchObject({
      dirty: 1,
      propagated: [['XSETID', 'k', '9-5', 'ENTRIESADDED', '10']],
    });
    s.now = 5;
    expect(s.r('XADD', 'k', '*', 'a', '2')).toEqual(bulk('9-6'));
    // With no live entry left, the last ID may go back.
    s.run('XDEL', 'k', '5-0', '9-6');
    expect(s.r('XSETID', 'k', '1-1')).toEqual({ t: 'status', s: 'OK' });
    expect(s.r('XADD', 'k', '1-2', 'a', '3')).toEqual(bulk('1-2'));
  });
});

const hasServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** One command on a fresh connection; the raw reply. */
function ask(port: number, cmd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port }, () => sock.write(cmd));
    let got = '';
    sock.on('data', (d) => {
      got += d.toString('latin1');
      if (got.endsWith('\r\n')) {
        sock.destroy();
        resolve(got);
      }
    });
    sock.on('error', reject);
  });
}

describe.skipIf(!hasServer)('redis-server 7.0.15 loads the streams the commands made', () => {
  it('trimmed, deleted-from and XSETID streams: redis-check-rdb accepts the file, same DEBUG DIGEST', async () => {
    const s = new FakeServer();
    s.config.set('stream-node-max-entries', '10');
    filled(s, 'a', 95);
    s.run('XTRIM', 'a', 'MAXLEN', '~', '50');
    s.run('XDEL', 'a', '60-0', '61-0', '95-0');
    s.run('XADD', 'b', '1-1', 'x', '1', 'y', '2');
    s.run('XDEL', 'b', '1-1');
    s.run('XSETID', 'b', '7-7', 'ENTRIESADDED', '9', 'MAXDELETEDID', '5-0');
    const rdb = writeRdb(s.dbs, { redisVer: '7.0.15', ctime: 1700000000, usedMem: 1000000 }, '7.0');
    const dir = mkdtempSync(join(tmpdir(), 'stream-cmds-'));
    try {
      writeFileSync(join(dir, 'dump.rdb'), rdb);
      const check = spawnSync('redis-check-rdb', [join(dir, 'dump.rdb')], { encoding: 'utf8' });
      expect(check.stdout).toContain('RDB looks OK');
      const port = 50500 + Math.floor(Math.random() * 90);
      const proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--enable-debug-command', 'yes'],
        { stdio: 'ignore' },
      );
      try {
        let digest = '';
        for (let i = 0; i < 100 && digest === ''; i++) {
          await new Promise((res) => setTimeout(res, 50));
          digest = await ask(port, 'DEBUG DIGEST\r\n').catch(() => '');
        }
        expect(digest).toBe(`+${datasetDigest(s.dbs)}\r\n`);
        expect(await ask(port, 'XLEN a\r\n')).toBe(':52\r\n');
      } finally {
        proc.kill('SIGKILL');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});

describe('XGROUP', () => {
  it('CREATE (MKSTREAM, $, ENTRIESREAD), BUSYGROUP, SETID, DESTROY, propagated as typed', () => {
    const s = new FakeServer();
    expect(s.r('XGROUP', 'CREATE', 'k', 'g', '0')).toEqual(
      error(
        'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.',
      ),
    );
    expect(s.run('XGROUP', 'CREATE', 'k', 'g', '$', 'MKSTREAM')).toMatchObject({
      dirty: 1,
      propagated: [['XGROUP', 'CREATE', 'k', 'g', '$', 'MKSTREAM']],
    });
    expect(s.r('XGROUP', 'CREATE', 'k', 'g', '0')).toEqual(error('BUSYGROUP Consumer Group name already exists'));
    expect(s.r('XGROUP', 'CREATE', 'k', 'h', '0', 'ENTRIESREAD', '-2')).toEqual(
      error('ERR value for ENTRIESREAD must be positive or -1'),
    );
    expect(s.r('XGROUP', 'CREATE', 'k', 'h', '0', 'BAD')).toEqual(
      error("ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP."),
    );
    s.run('XADD', 'k', '3-0', 'f', 'v');
    expect(s.r('XGROUP', 'SETID', 'k', 'nog', '0')).toEqual(
      error("NOGROUP No such consumer group 'nog' for key name 'k'"),
    );
    expect(s.r('XGROUP', 'SETID', 'k', 'g', '$', 'ENTRIESREAD', '1')).toEqual({ t: 'status', s: 'OK' });
    const g = (s.db.dict.get('k') as RStream).groups.get('g');
    expect(g?.lastId).toBe(streamId(3, 0));
    expect(g?.entriesRead).toBe(1n);
    expect(s.r('XGROUP', 'DESTROY', 'k', 'g')).toEqual(int(1));
    expect(s.run('XGROUP', 'DESTROY', 'k', 'g')).toMatchObject({ reply: int(0), propagated: [] });
  });

  it('CREATECONSUMER and DELCONSUMER (which drops the consumer’s pending entries from the group)', () => {
    const s = new FakeServer();
    s.run('XADD', 'k', '1-0', 'f', 'v');
    s.run('XGROUP', 'CREATE', 'k', 'g', '0');
    expect(s.run('XGROUP', 'CREATECONSUMER', 'k', 'g', 'alice')).toMatchObject({ reply: int(1), dirty: 1 });
    expect(s.run('XGROUP', 'CREATECONSUMER', 'k', 'g', 'alice')).toMatchObject({ reply: int(0), dirty: 0 });
    const g = (s.db.dict.get('k') as RStream).groups.get('g');
    g?.pel.set(streamId(1, 0), { deliveryTime: 0, deliveryCount: 1, consumer: 'alice' });
    g?.consumers.get('alice')?.pel.add(streamId(1, 0));
    expect(s.run('XGROUP', 'DELCONSUMER', 'k', 'g', 'alice')).toMatchObject({ reply: int(1), dirty: 1 });
    expect(g?.pel.size).toBe(0);
    expect(s.run('XGROUP', 'DELCONSUMER', 'k', 'g', 'alice')).toMatchObject({ reply: int(0), dirty: 0 });
  });
});

describe('XACK', () => {
  it('takes pending entries out of the group and their consumer; nothing for a missing key or group', () => {
    const s = new FakeServer();
    expect(s.r('XACK', 'k', 'g', 'bad-id')).toEqual(int(0));
    s.run('XADD', 'k', '1-0', 'f', 'v');
    s.run('XADD', 'k', '2-0', 'f', 'v');
    s.run('XGROUP', 'CREATE', 'k', 'g', '0');
    s.run('XGROUP', 'CREATECONSUMER', 'k', 'g', 'alice');
    const g = (s.db.dict.get('k') as RStream).groups.get('g');
    for (const id of [streamId(1, 0), streamId(2, 0)]) {
      g?.pel.set(id, { deliveryTime: 0, deliveryCount: 1, consumer: 'alice' });
      g?.consumers.get('alice')?.pel.add(id);
    }
    expect(s.r('XACK', 'k', 'g', '1-0', 'x')).toEqual(
      error('ERR Invalid stream ID specified as stream command argument'),
    );
    expect(s.run('XACK', 'k', 'g', '1-0', '1-0', '9-0')).toMatchObject({
      reply: int(1),
      dirty: 1,
      propagated: [['XACK', 'k', 'g', '1-0', '1-0', '9-0']],
    });
    expect(g?.pel.has(streamId(1, 0))).toBe(false);
    expect(g?.consumers.get('alice')?.pel.size).toBe(1);
    expect(s.run('XACK', 'k', 'g', '1-0')).toMatchObject({ reply: int(0), propagated: [] });
    s.run('SET', 'str', 'x');
    expect(s.r('XACK', 'str', 'g', '1-0')).toEqual(
      error('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
