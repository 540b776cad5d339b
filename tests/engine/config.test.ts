/**
 * CONFIG against real Redis: every parameter redis-server 7.0.15 lists for CONFIG GET * with the
 * default it reports (tests/engine/fixtures/config-get-7.0.15.tsv, captured from a real server
 * started with no config file; dir and port as a node of the playground has them), the names
 * 4.0.14 lists (config-names-4.0.14.txt, from its configGetCommand), replicaof/slaveof, and the
 * errors of CONFIG SET for immutable, protected and out-of-range values.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Wire } from './wire';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** CONFIG GET * of an engine, as name → value. */
function configAll(w: Wire): Map<string, string> {
  return new Map(w.srv.config.match('*'));
}

function client(w: Wire, conn = 1): (...argv: string[]) => string {
  w.srv.onAccept(conn, `127.0.0.1:${50000 + conn}`);
  return (...argv) => {
    w.send(conn, ...argv);
    return w.take(conn);
  };
}

describe('CONFIG GET *', () => {
  it('7.0: every name real 7.0.15 lists, with its default (enable-debug-command is the one deviation)', () => {
    const real = new Map(
      fixture('config-get-7.0.15.tsv')
        .trim()
        .split('\n')
        .map((l) => l.split('\t') as [string, string]),
    );
    const ours = configAll(new Wire('7.0', 6379));
    expect([...ours.keys()].sort()).toEqual([...real.keys()].sort());
    for (const [k, v] of real) {
      if (k === 'enable-debug-command') expect(ours.get(k)).toBe('local');
      else expect([k, ours.get(k)]).toEqual([k, v]);
    }
  });

  it('4.0: the names 4.0.14 lists', () => {
    const names = fixture('config-names-4.0.14.txt').trim().split('\n');
    const ours = configAll(new Wire('4.0', 6379));
    expect([...ours.keys()].sort()).toEqual(names.sort());
    expect(ours.get('save')).toBe('900 1 300 10 60 10000');
    expect(ours.get('active-defrag-cycle-max')).toBe('75');
    expect(ours.get('lua-time-limit')).toBe('5000');
  });
});

describe('CONFIG GET replicaof / slaveof', () => {
  for (const v of ['7.0', '4.0'] as const) {
    it(`${v}: the master the node follows, or empty`, () => {
      const w = new Wire(v, 6380);
      const cli = client(w);
      const names = v === '7.0' ? ['replicaof', 'slaveof'] : ['slaveof'];
      for (const n of names) expect(cli('CONFIG', 'GET', n)).toBe(`*2\r\n$${n.length}\r\n${n}\r\n$0\r\n\r\n`);
      cli('SLAVEOF', '127.0.0.1', '6379');
      for (const n of names) {
        expect(cli('CONFIG', 'GET', n)).toBe(`*2\r\n$${n.length}\r\n${n}\r\n$14\r\n127.0.0.1 6379\r\n`);
      }
      if (v === '7.0') {
        expect(cli('CONFIG', 'SET', 'replicaof', '127.0.0.1 6381')).toBe(
          "-ERR CONFIG SET failed (possibly related to argument 'replicaof') - can't set immutable config\r\n",
        );
      } else {
        expect(cli('CONFIG', 'SET', 'slaveof', '127.0.0.1 6381')).toBe(
          '-ERR Unsupported CONFIG parameter: slaveof\r\n',
        );
      }
    });
  }
});

describe('CONFIG SET', () => {
  it('7.0: immutable and protected parameters, as real 7.0.15 words it', () => {
    const cli = client(new Wire('7.0', 6379));
    expect(cli('CONFIG', 'SET', 'daemonize', 'yes')).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config\r\n",
    );
    expect(cli('CONFIG', 'SET', 'dir', '/tmp')).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config\r\n",
    );
    expect(cli('CONFIG', 'SET', 'dbfilename', 'x.rdb')).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'dbfilename') - can't set protected config\r\n",
    );
    expect(cli('CONFIG', 'SET', 'proto-max-bulk-len', '1000')).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'proto-max-bulk-len') - argument must be between 1048576 and 9223372036854775807 inclusive\r\n",
    );
    expect(cli('CONFIG', 'SET', 'maxclients', '0')).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument must be between 1 and 4294967295 inclusive\r\n",
    );
    expect(cli('CONFIG', 'SET', 'maxmemory-clients', '10%')).toBe('+OK\r\n');
    expect(cli('CONFIG', 'GET', 'maxmemory-clients')).toBe('*2\r\n$17\r\nmaxmemory-clients\r\n$3\r\n10%\r\n');
    // A percentage over 100, and what is neither a memory value nor a percentage (as 7.0.15 words them).
    expect(cli('CONFIG', 'SET', 'maxmemory-clients', '200%')).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'maxmemory-clients') - percentage argument must be less or equal to 100\r\n",
    );
    expect(cli('CONFIG', 'SET', 'maxmemory-clients', '-5%')).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'maxmemory-clients') - argument must be a memory or percent value\r\n",
    );
    expect(cli('CONFIG', 'SET', 'maxmemory', '5%')).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value\r\n",
    );
    expect(cli('CONFIG', 'SET', 'repl-diskless-sync-max-replicas', '2', 'replica-announced', 'no')).toBe('+OK\r\n');
  });

  it('7.0: protected parameters are settable when enable-protected-configs allows the client', () => {
    const w = new Wire('7.0', 6379, { 'enable-protected-configs': 'local' });
    expect(client(w)('CONFIG', 'SET', 'dbfilename', 'x.rdb')).toBe('+OK\r\n');
  });

  it('4.0: what 4.0.14 cannot set is an unsupported parameter', () => {
    const cli = client(new Wire('4.0', 6379));
    expect(cli('CONFIG', 'SET', 'daemonize', 'yes')).toBe('-ERR Unsupported CONFIG parameter: daemonize\r\n');
    expect(cli('CONFIG', 'SET', 'rdbchecksum', 'no')).toBe('-ERR Unsupported CONFIG parameter: rdbchecksum\r\n');
    expect(cli('CONFIG', 'SET', 'dir', '/tmp')).toBe('+OK\r\n');
    expect(cli('CONFIG', 'SET', 'watchdog-period', '0')).toBe('+OK\r\n');
  });

  it('proto-max-bulk-len is what the request decoder refuses beyond', () => {
    const w = new Wire('7.0', 6379);
    const cli = client(w);
    expect(cli('CONFIG', 'SET', 'proto-max-bulk-len', '2mb')).toBe('+OK\r\n');
    w.srv.onAccept(2, '127.0.0.1:50002');
    w.raw(2, `*2\r\n$4\r\nECHO\r\n$${2 * 1024 * 1024 + 1}\r\n`);
    expect(w.take(2)).toBe('-ERR Protocol error: invalid bulk length\r\n');
    w.srv.onAccept(3, '127.0.0.1:50003');
    w.raw(3, `*2\r\n$4\r\nECHO\r\n$${2 * 1024 * 1024}\r\n`);
    expect(w.take(3)).toBe('');
  });
});
