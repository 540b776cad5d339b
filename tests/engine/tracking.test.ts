/**
 * CLIENT TRACKING / CACHING / REPLY and RESP3 pushes against recordings of redis-server 7.0.15:
 * each fixture (tests/engine/fixtures/tracking/*.json) lists steps `N:COMMAND args` typed by
 * connection N and, per step, exactly the bytes every connection received (HELLO's map replaced
 * by `<hello>`; client ids as `$IDn`, in the replies that name them). The same steps are replayed
 * on a bare engine and must give the same bytes. Recorded with a small node socket script that
 * waits 60 ms after each step (invalidations, broadcasts and pushes included).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../../src/engine';
import { Db } from '../../src/engine/keyspace';
import { writeRdb } from '../../src/engine/rdb';
import { binFromBytes } from '../../src/lib';
import { Wire } from './wire';

type Recording = [string, Record<string, string>][];

function replay(rec: Recording): Recording {
  const w = new Wire('7.0', 6379);
  const ids = new Map<string, string>();
  const open = (n: string) => {
    if (ids.has(n)) return;
    w.srv.onAccept(Number(n), `127.0.0.1:${40000 + Number(n)}`);
    w.send(Number(n), 'CLIENT', 'ID');
    ids.set(n, w.take(Number(n)).slice(1, -2));
  };
  const out: Recording = [];
  for (const [typed] of rec) {
    const i = typed.indexOf(':');
    const n = typed.slice(0, i);
    for (const m of typed.matchAll(/\$ID(\d+)/g)) open(m[1]);
    open(n);
    const cmd = typed.slice(i + 1).replace(/\$ID(\d+)/g, (_, k: string) => ids.get(k)!);
    w.send(Number(n), ...cmd.split(' '));
    const got: Record<string, string> = {};
    for (const k of ids.keys()) {
      let g = w.take(Number(k));
      if (g === '') continue;
      if (/GETREDIR|TRACKINGINFO|CLIENT ID/.test(typed) || g.includes('tracking-redir-broken')) {
        for (const [c, id] of ids) g = g.split(`:${id}\r\n`).join(`:$ID${c}\r\n`);
      }
      got[k] = cmd.startsWith('HELLO') && k === n ? '<hello>' : g;
    }
    out.push([typed, got]);
  }
  return out;
}

const fixture = (name: string): Recording =>
  JSON.parse(readFileSync(new URL(`./fixtures/tracking/${name}.json`, import.meta.url), 'utf8'));

describe('client-side caching and reply modes, as redis-server 7.0.15', () => {
  for (const name of ['default', 'redirect', 'bcast', 'opt', 'reply', 'script']) {
    it(name, () => {
      const rec = fixture(name);
      const got = replay(rec);
      for (let i = 0; i < rec.length; i++) expect(got[i], rec[i][0]).toEqual(rec[i]);
    });
  }
});

const INVALIDATE_K = '>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n';

/** A RESP3 connection (2) tracking key `k` on `w`. */
function trackK(w: Wire): void {
  w.srv.onAccept(2, '127.0.0.1:40002');
  w.send(2, 'HELLO', '3');
  w.send(2, 'CLIENT', 'TRACKING', 'on');
  w.send(2, 'GET', 'k');
  w.take(2);
}

describe('invalidation from outside a client command', () => {
  it('an expired key, deleted by the active cycle or on access, invalidates its readers', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'SET', 'k', 'v', 'PX', '150');
    trackK(w);
    w.runTo(1_000);
    expect(w.take(2)).toBe(INVALIDATE_K);
    // Lazily: the access by another client deletes it and tells the reader.
    w.send(1, 'DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    w.send(1, 'SET', 'k', 'v', 'PX', '100');
    w.send(2, 'GET', 'k');
    expect(w.take(2)).toBe('$1\r\nv\r\n');
    w.runTo(2_000);
    expect(w.take(2)).toBe('');
    w.send(1, 'GET', 'k');
    expect(w.take(2)).toBe(INVALIDATE_K);
  });

  it("on a replica, the master's writes and the full sync's flush invalidate", () => {
    const r = new Wire('7.0', 6380);
    r.srv.onAccept(1, '127.0.0.1:40001');
    r.send(1, 'SLAVEOF', '127.0.0.1', '6379');
    r.srv.onConnected(1000, '127.0.0.1:50000');
    r.answerHandshake(1000);
    trackK(r);
    const id = 'a'.repeat(40);
    const dbs = Array.from({ length: 16 }, (_, i) => new Db(i));
    const rdb = binFromBytes(
      writeRdb(dbs, { redisVer: '7.0.15', ctime: 0, usedMem: 0, repl: { streamDb: 0, replid: id, offset: 0 } }, '7.0', {
        compression: true,
      }),
    );
    r.raw(1000, `+FULLRESYNC ${id} 0\r\n$${rdb.length}\r\n${rdb}`);
    expect(r.take(2)).toBe('>2\r\n$10\r\ninvalidate\r\n_\r\n');
    r.send(2, 'GET', 'k');
    r.take(2);
    r.raw(1000, encodeCommand(['SELECT', '0']) + encodeCommand(['SET', 'k', 'fromMaster']));
    expect(r.take(2)).toBe(INVALIDATE_K);
    expect(r.srv.dbs[0].dict.has('k')).toBe(true);
  });
});

describe('CLIENT LIST flags of tracking clients', () => {
  it('t, then B in BCAST mode, R once the redirect client is gone; redir= is the redirect id', () => {
    const w = new Wire('7.0', 6379);
    for (const n of [1, 2, 3]) w.srv.onAccept(n, `127.0.0.1:${40000 + n}`);
    const info = (n: number) => {
      w.send(n, 'CLIENT', 'INFO');
      return /flags=(\S+) .* redir=(-?\d+)/.exec(w.take(n))!.slice(1).join(' ');
    };
    expect(info(1)).toBe('N -1');
    w.send(1, 'CLIENT', 'TRACKING', 'on', 'BCAST');
    expect(info(1)).toBe('tB 0');
    w.send(3, 'CLIENT', 'ID');
    const id3 = w.take(3).slice(1, -2);
    w.send(2, 'HELLO', '3');
    w.send(2, 'CLIENT', 'TRACKING', 'on', 'REDIRECT', id3);
    w.send(2, 'GET', 'k');
    w.send(3, 'QUIT');
    w.send(1, 'SET', 'k', '1');
    w.take(2);
    expect(info(2)).toBe(`tR ${id3}`);
  });
});
