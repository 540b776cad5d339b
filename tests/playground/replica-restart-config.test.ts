/**
 * A replica whose config file holds `replicaof` (CONFIG REWRITE) and whose RDB holds replication
 * info comes back as redis-server 7.0.15 and 4.0.14 do: masterhost is set while the config is
 * read, so every line after "Configuration loaded" is logged with role S, and loading the RDB
 * turns its replid/offset into a cached master (with the line replicationCacheMasterUsingMyself
 * logs), which the next PSYNC continues.
 */
import { describe, expect, it } from 'vitest';
import { Playground, type RedisVersion } from '../../src/playground';

const SYNTH = {
  '7.0':
    'Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
  '4.0':
    'Before turning into a slave, using my master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
} as const;

describe.each(['7.0', '4.0'] as RedisVersion[])(
  'Redis %s: a replica restarted with replicaof in its config',
  (version) => {
    it('logs as a replica from the start and continues with a partial resync', () => {
      const pg = new Playground({ version, seed: 3 });
      const m = pg.addNode('127.0.0.1', 6379, { 'repl-ping-replica-period': '3600', 'repl-diskless-sync-delay': '0' });
      const r = pg.addNode('127.0.0.1', 6380, { 'repl-ping-replica-period': '3600', 'repl-diskless-sync-delay': '0' });
      pg.start(m);
      pg.start(r);
      const logs: string[] = [];
      pg.events.on((ev) => {
        if (ev.type === 'log' && ev.node === r) logs.push(ev.line);
      });
      expect(pg.exec(r, ['SLAVEOF', '127.0.0.1', '6379'])).toEqual({ t: 'status', s: 'OK' });
      expect(pg.settle()).toBe(true);
      expect(pg.exec(m, ['SET', 'k1', 'v1'])).toEqual({ t: 'status', s: 'OK' });
      expect(pg.settle()).toBe(true);
      expect(pg.exec(r, ['CONFIG', 'REWRITE'])).toEqual({ t: 'status', s: 'OK' });
      pg.kill(r);
      expect(pg.exec(m, ['SET', 'k2', 'v2'])).toEqual({ t: 'status', s: 'OK' });
      logs.length = 0;
      pg.start(r);
      expect(pg.settle()).toBe(true);
      const after = logs.findIndex((l) => l.endsWith('Configuration loaded'));
      expect(after).toBeGreaterThanOrEqual(0);
      // pid:role — every line after the config was read says S.
      const roles = logs.slice(after + 1).map((l) => l.split(' ')[0].split(':')[1]);
      expect(roles.length).toBeGreaterThan(3);
      expect(new Set(roles)).toEqual(new Set(['S']));
      const synth = logs.findIndex((l) => l.endsWith(SYNTH[version]));
      expect(synth).toBeGreaterThan(logs.findIndex((l) => l.includes('DB loaded from disk')));
      expect(
        logs.some(
          (l) => l.includes('Partial resynchronization accepted') || l.includes('Successful partial resynchronization'),
        ),
      ).toBe(true);
      expect(pg.exec(r, ['GET', 'k2'])).toEqual({ t: 'bulk', s: 'v2' });
    });
  },
);
