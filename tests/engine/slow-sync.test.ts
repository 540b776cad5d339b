/**
 * A full sync over a slow link, with socket buffers and backpressure (engine/net.ts,
 * replication/rdb-transfer.ts): the master writes its RDB only as fast as the replica's socket
 * takes it, so it logs the end of its part when the last bytes enter the socket — a socket's
 * worth (SOCKET_CAPACITY) before the replica has them — and the replica logs the start of the
 * transfer at its start, the load at its end, with INFO's master_sync_* fields, its link state
 * and the topology's progress moving in between. Time is the simulator's: no sleeps.
 */
import { describe, expect, it } from 'vitest';
import { SOCKET_CAPACITY } from '../../src/engine';
import { Playground } from '../../src/playground';
import { linkOf } from '../../src/ui/topology/model';

const M = '127.0.0.1:6379';
const R = '127.0.0.1:6380';
const RATE = 1_000_000;

interface Line {
  t: number;
  node: string;
  msg: string;
}

function setup(version: '7.0' | '4.0', diskless: boolean, keys = 200_000) {
  const pg = new Playground({ version, seed: 3 });
  const t0 = pg.clock.now();
  const lines: Line[] = [];
  pg.events.on((ev) => {
    if (ev.type === 'log')
      lines.push({ t: pg.clock.now() - t0, node: ev.node, msg: ev.line.replace(/^.*?\d\d:\d\d\.\d{3} . /, '') });
  });
  const ping = version === '7.0' ? 'repl-ping-replica-period' : 'repl-ping-slave-period';
  for (const port of [6379, 6380]) {
    pg.addNode('127.0.0.1', port, {
      [ping]: '3600',
      'repl-diskless-sync-delay': '0',
      'repl-diskless-sync': diskless ? 'yes' : 'no',
    });
    pg.start(`127.0.0.1:${port}`);
  }
  pg.exec(M, ['DEBUG', 'POPULATE', String(keys)]);
  const at = (node: string, re: RegExp): number => {
    const l = lines.find((x) => x.node === node && re.test(x.msg));
    if (!l) throw new Error(`no line ${re} on ${node}:\n${lines.map((x) => `${x.t} ${x.node} ${x.msg}`).join('\n')}`);
    return l.t;
  };
  const info = (field: string): string | undefined => {
    const r = pg.exec(R, ['INFO', 'replication']);
    if (r === null || r.t !== 'bulk' || r.s === null) throw new Error('no INFO');
    return new RegExp(`^${field}:(.*)\\r$`, 'm').exec(r.s)?.[1];
  };
  const now = () => pg.clock.now() - t0;
  return { pg, lines, at, info, now };
}

describe.each([
  ['7.0', true],
  ['7.0', false],
  ['4.0', true],
  ['4.0', false],
] as const)('Redis %s, diskless %s: a full sync at 1 MB/s', (version, diskless) => {
  const w =
    version === '7.0'
      ? { replica: 'replica', link: 'MASTER <-> REPLICA' }
      : { replica: 'slave', link: 'MASTER <-> SLAVE' };

  it('logs on both sides when real Redis does, and INFO and the link state follow the transfer', () => {
    const { pg, at, info, now } = setup(version, diskless);
    pg.setNetwork({ latencyMs: 1, bytesPerSec: RATE });
    pg.exec(R, ['SLAVEOF', '127.0.0.1', '6379']);
    const reads: number[] = [];
    const states: string[] = [];
    while (pg.snapshot(R)!.linkState !== 'connected' && now() < 20_000) {
      pg.advance(250);
      states.push(pg.snapshot(R)!.linkState);
      if (pg.snapshot(R)!.linkState === 'sync') {
        expect(info('master_link_status')).toBe('down');
        expect(info('master_sync_in_progress')).toBe('1');
        reads.push(Number(info(version === '7.0' ? 'master_sync_read_bytes' : 'master_sync_left_bytes')));
      }
    }
    expect(pg.snapshot(R)!.linkState).toBe('connected');
    expect(pg.exec(R, ['DBSIZE'])).toEqual({ t: 'int', n: 200_000 });

    // The replica: the transfer starts within the first segments, and is loaded at the end.
    const fullResync = at(R, /^Full resync from master/);
    const receiving = at(R, new RegExp(`^${w.link} sync: receiving`));
    const finished = at(R, new RegExp(`^${w.link} sync: Finished with success`));
    const start = at(M, /^Starting BGSAVE for SYNC/);
    expect(fullResync - start).toBeLessThan(50);
    expect(receiving - start).toBeLessThan(diskless ? 200 : 300);
    // The whole RDB crossed the link at RATE: several seconds.
    expect(finished - receiving).toBeGreaterThan(3000);

    // The master: its part ends when the last bytes enter the socket, a socket's worth before the end.
    const masterDone = diskless
      ? at(M, new RegExp(`^Streamed RDB transfer with ${w.replica}`))
      : at(M, /^Synchronization with/);
    expect(masterDone).toBeLessThan(finished);
    const ahead = ((finished - masterDone) / 1000) * RATE;
    // Within a wake-up's and a cron tick's worth of the capacity.
    expect(ahead).toBeGreaterThan(SOCKET_CAPACITY * 0.6);
    expect(ahead).toBeLessThan(SOCKET_CAPACITY * 1.1);
    if (diskless && version === '7.0') {
      expect(at(M, /^Diskless rdb transfer, done reading from pipe, 1 replicas still up\.$/)).toBeLessThanOrEqual(
        masterDone,
      );
    }

    // The replica showed the transfer all along, its byte counts moving at every step.
    expect(states.filter((s) => s === 'sync').length).toBeGreaterThan(10);
    for (let i = 1; i < reads.length; i++) {
      if (version === '7.0') expect(reads[i]).toBeGreaterThan(reads[i - 1]);
      else expect(reads[i]).toBeLessThan(reads[i - 1]);
    }
  });

  it('moves the topology progress bar from near 0 to near 1', () => {
    const { pg, now } = setup(version, diskless);
    pg.setNetwork({ latencyMs: 1, bytesPerSec: RATE });
    pg.exec(R, ['SLAVEOF', '127.0.0.1', '6379']);
    const progress: number[] = [];
    while (pg.snapshot(R)!.linkState !== 'connected' && now() < 20_000) {
      pg.advance(250);
      const view = (name: string) => ({
        name,
        port: Number(name.split(':')[1]),
        running: true,
        snapshot: pg.snapshot(name),
      });
      const l = linkOf(view(R) as never, view(M) as never, false, pg.inFlight(), pg.clock.now());
      if (l.state === 'sync') progress.push(l.progress ?? Number.NaN);
    }
    expect(progress.length).toBeGreaterThan(10);
    expect(progress[0]).toBeLessThan(0.15);
    expect(progress[progress.length - 1]).toBeGreaterThan(0.85);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1] - 1e-9);
  });
});

describe('socket buffers', () => {
  it('an unshaped link still carries an RDB bigger than a socket in one instant', () => {
    const { pg, at, info } = setup('7.0', true);
    pg.exec(R, ['SLAVEOF', '127.0.0.1', '6379']);
    expect(pg.settle()).toBe(true);
    expect(pg.exec(R, ['DBSIZE'])).toEqual({ t: 'int', n: 200_000 });
    expect(at(R, /sync: Finished with success/)).toBe(at(M, /^Starting BGSAVE for SYNC/));
    expect(info('master_link_status')).toBe('up');
  });

  it('INFO master_sync_* as real Redis prints them: -1 before the `$` line, 0 and negative left bytes for an EOF stream', () => {
    const { pg, info } = setup('7.0', true);
    pg.setNetwork({ latencyMs: 1, bytesPerSec: RATE });
    pg.exec(R, ['SLAVEOF', '127.0.0.1', '6379']);
    pg.advance(500);
    expect(info('master_sync_total_bytes')).toBe('0');
    const read = Number(info('master_sync_read_bytes'));
    expect(read).toBeGreaterThan(0);
    expect(info('master_sync_left_bytes')).toBe(String(-read));
    expect(info('master_sync_perc')).toBe('0.00');
  });

  it('a diskless sync whose only replica goes away kills the child, as real Redis does', () => {
    const { pg, lines } = setup('7.0', true);
    pg.setNetwork({ latencyMs: 1, bytesPerSec: RATE });
    pg.exec(R, ['SLAVEOF', '127.0.0.1', '6379']);
    pg.advance(1000);
    pg.kill(R);
    pg.advance(500);
    const master = lines.filter((l) => l.node === M).map((l) => l.msg);
    const lost = master.indexOf('Connection with replica 127.0.0.1:6380 lost.');
    expect(lost).toBeGreaterThan(0);
    expect(master.slice(lost + 1)).toEqual([
      'Diskless rdb transfer, last replica dropped, killing fork child.',
      'Background transfer terminated by signal 10',
    ]);
    expect(pg.snapshot(M)!.childRunning).toBe(false);
  });

  it('a replica asleep (DEBUG SLEEP) reads nothing: its socket fills and the master waits', async () => {
    const { pg, lines, now } = setup('7.0', true, 300_000);
    pg.setNetwork({ latencyMs: 1, bytesPerSec: RATE });
    pg.exec(R, ['SLAVEOF', '127.0.0.1', '6379']);
    pg.advance(300);
    const sent = () => pg.snapshot(M)!.replicas[0].rdb?.sent ?? -1;
    const sleeping = pg.send(R, ['DEBUG', 'SLEEP', '8']);
    pg.advance(5000);
    // Everything the master could write is in the socket; nothing more goes in while it sleeps.
    const stuck = sent();
    expect(stuck).toBeGreaterThan(0);
    pg.advance(2500);
    expect(sent()).toBe(stuck);
    expect(lines.some((l) => l.node === M && /done reading from pipe/.test(l.msg))).toBe(false);
    // Awake, it reads what waited, and the master goes on.
    pg.advance(1000);
    expect(await sleeping.reply).toEqual({ t: 'status', s: 'OK' });
    pg.advance(500);
    expect(sent() === -1 || sent() > stuck).toBe(true);
    while (pg.snapshot(R)!.linkState !== 'connected' && now() < 30_000) pg.advance(250);
    expect(pg.exec(R, ['DBSIZE'])).toEqual({ t: 'int', n: 300_000 });
  });

  it('two replicas of a diskless sync go at the pace of the slower socket', () => {
    const pg = new Playground({ version: '7.0', seed: 3 });
    for (const port of [6379, 6380, 6381]) {
      pg.addNode('127.0.0.1', port, { 'repl-ping-replica-period': '3600', 'repl-diskless-sync-delay': '1' });
      pg.start(`127.0.0.1:${port}`);
    }
    pg.exec(M, ['DEBUG', 'POPULATE', '200000']);
    pg.setNetwork({ latencyMs: 1, bytesPerSec: RATE });
    pg.exec(R, ['SLAVEOF', '127.0.0.1', '6379']);
    pg.exec('127.0.0.1:6381', ['SLAVEOF', '127.0.0.1', '6379']);
    let samples = 0;
    for (let t = 0; t < 10_000 && pg.snapshot(R)!.linkState !== 'connected'; t += 100) {
      pg.advance(100);
      const rdb = pg.snapshot(M)!.replicas.map((r) => r.rdb);
      if (rdb.length !== 2 || !rdb[0] || !rdb[1]) continue;
      // One pipe for both: neither more than one relay read (16 KB) ahead of the other.
      expect(Math.abs(rdb[0].sent - rdb[1].sent)).toBeLessThanOrEqual(16 * 1024);
      expect(rdb[0].size).toBe(rdb[1].size);
      samples++;
    }
    expect(samples).toBeGreaterThan(3);
    expect(pg.settle()).toBe(true);
    expect(pg.exec('127.0.0.1:6381', ['DBSIZE'])).toEqual({ t: 'int', n: 200_000 });
  });
});
