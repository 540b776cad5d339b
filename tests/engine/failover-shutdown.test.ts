/**
 * 7.0's coordinated FAILOVER and SHUTDOWN's wait for replicas, plus the write pause both use.
 * Two harnesses: a Playground of real engines (consoles, the simulated network, log lines), and a
 * bare engine on a fake network where the test plays the other side byte by byte (a replica that
 * never acknowledges, a failover target that refuses, several clients at once).
 *
 * Expected texts and sequences are the ones real redis-server 7.0.15 printed for the same steps
 * (replication.c failoverCommand / updateFailoverStatus / syncCommand, server.c
 * prepareForShutdown / finishShutdown).
 */
import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../../src/engine';
import { Playground, type RedisVersion, type Reply } from '../../src/playground';
import { Wire } from './wire';

const OK: Reply = { t: 'status', s: 'OK' };
const err = (s: string): Reply => ({ t: 'error', s });
const GETACK = encodeCommand(['REPLCONF', 'GETACK', '*']);

/** Two or three nodes on a playground: 6380 (and 6381) replicate from 6379, settled. */
function cluster(v: RedisVersion = '7.0', n = 2) {
  const pg = new Playground({ version: v, seed: 11 });
  const names: string[] = [];
  const logs: { port: number; line: string }[] = [];
  pg.events.on((ev) => {
    if (ev.type !== 'log') return;
    // `R L message` without pid and timestamp.
    const m = /^\d+:([MSC]) .*?\.\d{3} ([.\-*#]) (.*)$/.exec(ev.line)!;
    logs.push({ port: Number(ev.node.split(':')[1]), line: `${m[1]} ${m[2]} ${m[3]}` });
  });
  for (let i = 0; i < n; i++) {
    names.push(pg.addNode('127.0.0.1', 6379 + i));
    pg.start(names[i]);
  }
  const on = (port: number, ...argv: string[]): Reply | null => pg.exec(`127.0.0.1:${port}`, argv);
  const period = v === '7.0' ? 'repl-ping-replica-period' : 'repl-ping-slave-period';
  for (let i = 0; i < n; i++) on(6379 + i, 'CONFIG', 'SET', period, '3600', 'repl-diskless-sync-delay', '0');
  for (let i = 1; i < n; i++) on(6379 + i, 'SLAVEOF', '127.0.0.1', '6379');
  expect(pg.settle()).toBe(true);
  const info = (port: number, field: string): string => {
    const text = (on(port, 'INFO', 'replication') as { s: string }).s;
    return new RegExp(`^${field}:(.*)\\r$`, 'm').exec(text)![1];
  };
  const mark = () => logs.length;
  const since = (m: number, port: number) =>
    logs
      .slice(m)
      .filter((l) => l.port === port)
      .map((l) => l.line);
  return { pg, on, info, mark, since, names };
}

/** A bare 7.0 engine on 6379 with disk-based sync and no PINGs, peers played by the test. */
const wire = (config: Record<string, string> = {}) =>
  new Wire('7.0', 6379, { 'repl-diskless-sync': 'no', 'repl-ping-replica-period': '3600', ...config });

describe('FAILOVER (7.0)', () => {
  it('to a synced replica: the roles swap at once, the target promotes itself through PSYNC FAILOVER', () => {
    const c = cluster();
    c.on(6379, 'SET', 'k', 'v');
    c.pg.settle();
    const replid = c.info(6379, 'master_replid');
    const m = c.mark();
    expect(c.on(6379, 'FAILOVER')).toEqual(OK);
    expect(c.since(m, 6379)).toEqual([
      'M * FAILOVER requested to any replica.',
      'M * Failover target 127.0.0.1:6380 is synced, failing over.',
      'S * Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
      'S * Connecting to MASTER 127.0.0.1:6380',
      'S * MASTER <-> REPLICA sync started',
      'S * Non blocking connect for SYNC fired the event.',
      'S * Master replied to PING, replication can continue...',
      `S * Trying a partial resynchronization (request ${replid}:51).`,
      'S # Connection with replica 127.0.0.1:6380 lost.',
      'S * Successful partial resynchronization with master.',
      expect.stringMatching(/^S # Master replication ID changed to [0-9a-f]{40}$/),
      'S * MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.',
    ]);
    const target = c.since(m, 6380);
    expect(target.slice(0, 4)).toEqual([
      `S # Failover request received for replid ${replid}.`,
      'M # Connection with master lost.',
      'M * Caching the disconnected master state.',
      'M * Discarding previously cached master state.',
    ]);
    expect(target[4]).toMatch(
      new RegExp(`^M # Setting secondary replication ID to ${replid}, valid up to offset: 51\\. New replication ID is`),
    );
    expect(target[5]).toMatch(
      /^M \* MASTER MODE enabled \(failover request from 'id=\d+ addr=127\.0\.0\.1:\d+ laddr=127\.0\.0\.1:6380 .* qbuf=84 qbuf-free=20390 argv-mem=55 .* cmd=psync user=default redir=-1 resp=2'\)$/,
    );
    expect(target.slice(6)).toEqual([
      'M * Replica 127.0.0.1:6379 asks for synchronization',
      'M * Partial resynchronization request from 127.0.0.1:6379 accepted. Sending 0 bytes of backlog starting from offset 51.',
    ]);
    c.pg.settle();
    expect(c.info(6379, 'role')).toBe('slave');
    expect(c.info(6379, 'master_port')).toBe('6380');
    expect(c.info(6380, 'role')).toBe('master');
    expect(c.info(6380, 'slave0')).toBe('ip=127.0.0.1,port=6379,state=online,offset=50,lag=0');
    for (const p of [6379, 6380]) {
      expect(c.info(p, 'master_failover_state')).toBe('no-failover');
      expect(c.info(p, 'master_replid2')).toBe(replid);
      expect(c.info(p, 'second_repl_offset')).toBe('51');
      expect(c.info(p, 'master_repl_offset')).toBe('50');
    }
    expect(c.on(6379, 'SET', 'k2', 'v')).toEqual(err("READONLY You can't write against a read only replica."));
    expect(c.on(6380, 'SET', 'k2', 'v')).toEqual(OK);
  });

  it('waits (writes paused, postponed) until a replica acknowledges everything', () => {
    const c = cluster();
    c.on(6379, 'SET', 'k', 'v');
    expect(c.on(6379, 'FAILOVER')).toEqual(OK);
    expect(c.info(6379, 'master_failover_state')).toBe('waiting-for-sync');
    const offset = c.info(6379, 'master_repl_offset');
    // The console's write waits for the pause to end; by then the node is a replica.
    expect(c.on(6379, 'SET', 'k3', 'v')).toEqual(err("READONLY You can't write against a read only replica."));
    expect(c.info(6379, 'role')).toBe('slave');
    expect(c.info(6380, 'master_repl_offset')).toBe(offset);
    expect(c.on(6379, 'EXISTS', 'k3')).toEqual({ t: 'int', n: 0 });
  });

  it('TIMEOUT: gives up when the target never catches up, and the postponed write then runs', () => {
    const c = cluster('7.0', 3);
    c.pg.link(c.names[0], c.names[1], false); // 6380 drops out
    c.on(6379, 'SET', 'k', 'v');
    const m = c.mark();
    expect(c.on(6379, 'FAILOVER', 'TO', '127.0.0.1', '6381', 'TIMEOUT', '100')).toEqual(OK);
    c.pg.link(c.names[0], c.names[2], false); // and 6381 never acknowledges
    expect(c.on(6379, 'SET', 'k2', 'v')).toEqual(OK);
    expect(c.since(m, 6379)).toEqual([
      'M * FAILOVER requested to 127.0.0.1:6381.',
      'M # Connection with replica 127.0.0.1:6381 lost.',
      'M * FAILOVER to 127.0.0.1:6381 aborted: Replica never caught up before timeout',
    ]);
    expect(c.info(6379, 'role')).toBe('master');
    expect(c.info(6379, 'master_failover_state')).toBe('no-failover');
  });

  it('FORCE: after the timeout it fails over to the target anyway', () => {
    const c = cluster();
    c.on(6379, 'SET', 'k', 'v');
    const m = c.mark();
    expect(c.on(6379, 'FAILOVER', 'TO', '127.0.0.1', '6380', 'FORCE', 'TIMEOUT', '100')).toEqual(OK);
    c.pg.advance(100);
    expect(c.since(m, 6379).slice(0, 3)).toEqual([
      'M * FAILOVER requested to 127.0.0.1:6380.',
      'M * FAILOVER to 127.0.0.1:6380 time out exceeded, failing over.',
      'S * Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
    ]);
    c.pg.settle();
    expect(c.info(6380, 'role')).toBe('master');
    expect(c.info(6379, 'master_link_status')).toBe('up');
  });

  it('ABORT while waiting; REPLICAOF refused while failing over', () => {
    const c = cluster();
    c.on(6379, 'SET', 'k', 'v');
    const m = c.mark();
    expect(c.on(6379, 'FAILOVER')).toEqual(OK);
    expect(c.on(6379, 'REPLICAOF', 'NO', 'ONE')).toEqual(err('ERR REPLICAOF not allowed while failing over.'));
    expect(c.on(6379, 'FAILOVER')).toEqual(err('ERR FAILOVER already in progress.'));
    expect(c.on(6379, 'FAILOVER', 'ABORT')).toEqual(OK);
    expect(c.since(m, 6379)).toEqual([
      'M * FAILOVER requested to any replica.',
      'M * FAILOVER to any replica aborted: Failover manually aborted',
    ]);
    expect(c.on(6379, 'SET', 'k2', 'v')).toEqual(OK);
    expect(c.on(6379, 'FAILOVER', 'ABORT')).toEqual(err('ERR No failover in progress.'));
  });

  it('refuses bad requests with real 7.0 errors, in real 7.0 order', () => {
    const solo = cluster('7.0', 1);
    expect(solo.on(6379, 'FAILOVER')).toEqual(err('ERR FAILOVER requires connected replicas.'));
    expect(solo.on(6379, 'FAILOVER', 'TIMEOUT', '0')).toEqual(err('ERR FAILOVER timeout must be greater than 0'));
    expect(solo.on(6379, 'FAILOVER', 'TIMEOUT', 'abc')).toEqual(err('ERR value is not an integer or out of range'));
    expect(solo.on(6379, 'FAILOVER', 'TO', '127.0.0.1', 'abc')).toEqual(
      err('ERR value is not an integer or out of range'),
    );
    expect(solo.on(6379, 'FAILOVER', 'FOO')).toEqual(err('ERR syntax error'));
    expect(solo.on(6379, 'FAILOVER', 'TO', '127.0.0.1')).toEqual(err('ERR syntax error'));
    expect(solo.on(6379, 'FAILOVER', 'TIMEOUT', '10', 'TIMEOUT', '20')).toEqual(err('ERR syntax error'));
    const c = cluster();
    expect(c.on(6379, 'FAILOVER', 'FORCE', 'TIMEOUT', '10')).toEqual(
      err('ERR FAILOVER with force option requires both a timeout and target HOST and IP.'),
    );
    expect(c.on(6379, 'FAILOVER', 'TO', '127.0.0.1', '9999')).toEqual(
      err('ERR FAILOVER target HOST and PORT is not a replica.'),
    );
    expect(c.on(6379, 'FAILOVER', 'TO', 'LOCALHOST', '6380')).toEqual(
      err('ERR FAILOVER target HOST and PORT is not a replica.'),
    );
    expect(c.on(6380, 'FAILOVER')).toEqual(err('ERR FAILOVER is not valid when server is a replica.'));
    const four = cluster('4.0');
    expect(four.on(6379, 'FAILOVER')).toEqual(err('ERR unknown command `FAILOVER`, with args beginning with: '));
  });

  it('runs replicationCron every serverCron while a failover is under way, and sends no PING with TIMEOUT', () => {
    const w = wire({ 'repl-ping-replica-period': '1' });
    w.replica(1, 7000);
    w.send(1, 'SET', 'k', 'v'); // not acknowledged: the failover must wait
    w.take(1);
    const loops = w.srv.replCronLoops;
    w.run(1000);
    expect(w.srv.replCronLoops - loops).toBe(1);
    expect(w.take(1)).toBe(encodeCommand(['PING'])); // period 1: a PING every replicationCron
    const offset = w.srv.repl.offset;
    w.srv.onAccept(2, '127.0.0.1:50000');
    w.send(2, 'FAILOVER', 'TIMEOUT', '60000');
    expect(w.take(2)).toBe('+OK\r\n');
    w.run(1000);
    expect(w.srv.replCronLoops - loops).toBe(11);
    expect(w.srv.repl.offset).toBe(offset); // no PING while paused with a timeout
    expect(w.take(1)).toBe('');
  });

  it('aborts when the target refuses the PSYNC FAILOVER, and becomes a master again', () => {
    const w = wire();
    w.replica(1, 7000);
    w.srv.onAccept(2, '127.0.0.1:50000');
    w.send(2, 'FAILOVER', 'TO', '127.0.0.1', '7000');
    expect(w.take(2)).toBe('+OK\r\n');
    expect(w.connects).toEqual([{ conn: 1000, host: '127.0.0.1', port: 7000 }]);
    expect(w.srv.failover.state).toBe('failover-in-progress');
    w.srv.onConnected(1000, '127.0.0.1:50001');
    expect(w.take(1000)).toBe(encodeCommand(['PING']));
    w.raw(1000, '+PONG\r\n');
    w.take(1000);
    w.raw(1000, '+OK\r\n+OK\r\n');
    expect(w.take(1000)).toBe(encodeCommand(['PSYNC', w.srv.repl.replid, '1', 'FAILOVER']));
    w.logs.length = 0;
    w.raw(1000, '-ERR PSYNC FAILOVER replid must match my replid.\r\n');
    expect(w.logs.slice(0, 4)).toEqual([
      '* Master does not support PSYNC or is in error state (reply: -ERR PSYNC FAILOVER replid must match my replid.)',
      '* FAILOVER to 127.0.0.1:7000 aborted: Failover target rejected psync request',
      '* Discarding previously cached master state.',
      expect.stringMatching(/^# Setting secondary replication ID to /),
    ]);
    expect(w.srv.isReplica).toBe(false);
    expect(w.srv.failover.state).toBe('no-failover');
  });

  it('PSYNC … FAILOVER sent to a master, or with another replid, is refused', () => {
    const w = wire();
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'PSYNC', 'abc', '1', 'FAILOVER');
    expect(w.take(1)).toBe("-ERR PSYNC FAILOVER can't be sent to a master.\r\n");
    expect(w.logs.at(-1)).toBe('# Failover request received for replid abc.');
    const c = cluster();
    // 6380 is a replica: a PSYNC FAILOVER with a replid that is not its own is refused.
    const r = c.on(6380, 'PSYNC', '0'.repeat(40), '1', 'FAILOVER');
    expect(r).toEqual(err('ERR PSYNC FAILOVER replid must match my replid.'));
    expect(c.info(6380, 'role')).toBe('slave');
  });
});

describe('SHUTDOWN (7.0)', () => {
  it('with replicas in sync: logs the count, saves and exits at once', () => {
    const c = cluster();
    c.on(6379, 'SET', 'k', 'v');
    c.pg.settle();
    const m = c.mark();
    const t = c.pg.clock.now();
    expect(c.on(6379, 'SHUTDOWN')).toBeNull();
    expect(c.pg.clock.now()).toBe(t);
    expect(c.since(m, 6379)).toEqual([
      'M # User requested shutdown...',
      'M * 1 of 1 replicas are in sync when shutting down.',
      'M * Saving the final RDB snapshot before exiting.',
      'M * DB saved on disk',
      'M # Redis is now ready to exit, bye bye...',
    ]);
  });

  it('with a lagging replica: pauses writes, sends GETACK, waits for the ACK, then exits', () => {
    const c = cluster();
    c.on(6379, 'SET', 'k', 'v');
    const m = c.mark();
    expect(c.on(6379, 'SHUTDOWN')).toBeNull();
    expect(c.since(m, 6379)).toEqual([
      'M # User requested shutdown...',
      'M * Waiting for replicas before shutting down.',
      'M * 1 of 1 replicas are in sync when shutting down.',
      'M * Saving the final RDB snapshot before exiting.',
      'M * DB saved on disk',
      'M # Redis is now ready to exit, bye bye...',
    ]);
    // The GETACK frame (37 bytes) is part of the history the replica and the saved RDB share.
    expect(c.info(6380, 'master_repl_offset')).toBe(String(50 + GETACK.length));
    c.pg.start(c.names[0]);
    c.on(6379, 'CONFIG', 'SET', 'repl-diskless-sync-delay', '0');
    expect(c.info(6379, 'master_repl_offset')).toBe('87');
    c.pg.settle();
    expect(c.info(6379, 'slave0')).toBe('ip=127.0.0.1,port=6380,state=online,offset=87,lag=0');
  });

  it('NOW skips the wait and reports the lagging replica', () => {
    const c = cluster();
    c.on(6379, 'SET', 'k', 'v');
    const m = c.mark();
    expect(c.on(6379, 'SHUTDOWN', 'NOW', 'NOSAVE')).toBeNull();
    expect(c.since(m, 6379)).toEqual([
      'M # User requested shutdown...',
      'M # Lagging replica 127.0.0.1:6380 reported offset 50 behind master, lag=0, state=online.',
      'M * 0 of 1 replicas are in sync when shutting down.',
      'M # Redis is now ready to exit, bye bye...',
    ]);
  });

  it('gives up after shutdown-timeout on a replica that never acknowledges (INFO counts down)', () => {
    const w = wire({ 'shutdown-timeout': '2' });
    w.replica(1, 7000);
    w.send(1, 'SET', 'k', 'v');
    w.take(1);
    w.srv.onAccept(2, '127.0.0.1:50000');
    w.logs.length = 0;
    w.send(2, 'SHUTDOWN');
    expect(w.take(2)).toBe('');
    expect(w.take(1)).toBe(GETACK);
    w.srv.onAccept(3, '127.0.0.1:50001');
    w.send(3, 'INFO', 'server');
    expect(w.take(3)).toMatch(/\r\nshutdown_in_milliseconds:2000\r\n/);
    w.send(3, 'SET', 'x', 'y'); // postponed: writes are paused
    expect(w.take(3)).toBe('');
    w.ack(1, w.srv.repl.offset - GETACK.length); // the GETACK answer: its offset before the frame
    w.run(1900);
    expect(w.exited).toBe(false);
    w.run(100);
    expect(w.exited).toBe(true);
    expect(w.logs).toEqual([
      '# User requested shutdown...',
      '* Waiting for replicas before shutting down.',
      '# Lagging replica 127.0.0.1:7000 reported offset 37 behind master, lag=2, state=online.',
      '* 0 of 1 replicas are in sync when shutting down.',
      '* Saving the final RDB snapshot before exiting.',
      '* DB saved on disk',
      '# Redis is now ready to exit, bye bye...',
    ]);
  });

  it('shutdown-timeout 0 does not wait; SAVE/NOSAVE decide the final save', () => {
    const w = wire({ 'shutdown-timeout': '0', save: '' });
    w.replica(1, 7000);
    w.send(1, 'SET', 'k', 'v');
    w.srv.onAccept(2, '127.0.0.1:50000');
    w.logs.length = 0;
    w.send(2, 'SHUTDOWN', 'SAVE');
    expect(w.exited).toBe(true);
    expect(w.logs).toContain('* Saving the final RDB snapshot before exiting.');
    const x = wire({ save: '' });
    x.srv.onAccept(2, '127.0.0.1:50000');
    x.logs.length = 0;
    x.send(2, 'SHUTDOWN');
    expect(x.logs).toEqual(['# User requested shutdown...', '# Redis is now ready to exit, bye bye...']);
    const y = wire();
    y.srv.onAccept(2, '127.0.0.1:50000');
    y.logs.length = 0;
    y.send(2, 'SHUTDOWN', 'NOSAVE');
    expect(y.logs).toEqual(['# User requested shutdown...', '# Redis is now ready to exit, bye bye...']);
  });

  it('ABORT cancels a waiting shutdown: its client gets an error, postponed writes run', () => {
    const w = wire();
    w.replica(1, 7000);
    w.send(1, 'SET', 'k', 'v');
    w.srv.onAccept(2, '127.0.0.1:50000');
    w.srv.onAccept(3, '127.0.0.1:50001');
    w.srv.onAccept(4, '127.0.0.1:50002');
    w.send(2, 'SHUTDOWN');
    w.send(3, 'SET', 'x', 'y');
    expect(w.take(3)).toBe('');
    w.logs.length = 0;
    w.send(4, 'SHUTDOWN', 'ABORT');
    expect(w.take(4)).toBe('+OK\r\n');
    expect(w.take(2)).toBe('-ERR Errors trying to SHUTDOWN. Check logs.\r\n');
    expect(w.take(3)).toBe('+OK\r\n');
    expect(w.logs).toEqual(['* Shutdown manually aborted.']);
    w.send(4, 'SHUTDOWN', 'ABORT');
    expect(w.take(4)).toBe('-ERR No shutdown in progress.\r\n');
    w.run(20_000);
    expect(w.exited).toBe(false);
  });

  it('argument errors', () => {
    const c = cluster('7.0', 1);
    const syntax = err('ERR syntax error');
    expect(c.on(6379, 'SHUTDOWN', 'NOSAVE', 'SAVE')).toEqual(syntax);
    expect(c.on(6379, 'SHUTDOWN', 'ABORT', 'NOW')).toEqual(syntax);
    expect(c.on(6379, 'SHUTDOWN', 'FOO')).toEqual(syntax);
    c.on(6379, 'MULTI');
    expect(c.on(6379, 'SHUTDOWN')).toEqual(err('ERR Command not allowed inside a transaction'));
  });
});

describe('SHUTDOWN (4.0)', () => {
  it('saves and exits at once, replicas or not; knows only NOSAVE and SAVE', () => {
    const c = cluster('4.0');
    c.on(6379, 'SET', 'k', 'v');
    expect(c.on(6379, 'SHUTDOWN', 'NOW')).toEqual(err('ERR syntax error'));
    expect(c.on(6379, 'SHUTDOWN', 'SAVE', 'NOSAVE')).toEqual(err('ERR syntax error'));
    const m = c.mark();
    expect(c.on(6379, 'SHUTDOWN')).toBeNull();
    expect(c.since(m, 6379)).toEqual([
      'M # User requested shutdown...',
      'M * Saving the final RDB snapshot before exiting.',
      'M * DB saved on disk',
      'M # Redis is now ready to exit, bye bye...',
    ]);
  });
});
