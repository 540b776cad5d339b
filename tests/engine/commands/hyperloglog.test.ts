/**
 * HyperLogLog: PFADD, PFCOUNT, PFMERGE — the stored bytes as redis-server 7.0.15 stores them
 * (sparse opcodes, the cached count and its stale bit, promotion to dense), what each command
 * propagates, the errors for strings that are not HyperLogLogs, and 4.0's own estimator.
 * tests/diff/scenarios/78 checks the same against real Redis, dense values included.
 */
import { describe, expect, it } from 'vitest';
import { HLL_DENSE_SIZE, murmurHash64A, patLen } from '../../../src/engine/commands/util/hll';
import { bulk, error, int, OK, status } from '../../../src/engine/resp';
import { FakeServer } from './fake-ctx';

/** A redis-cli style escaped byte string ("\x80") as the raw byte string. */
const bytes = (s: string) => s.replace(/\\x([0-9a-f]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16)));
const NOT_HLL = error('WRONGTYPE Key is not a valid HyperLogLog string value.');

describe('MurmurHash64A and the register an element picks', () => {
  it('is deterministic 64-bit, and the run length stays within 1..51', () => {
    expect(murmurHash64A('', 0)).toBe(0n);
    expect(murmurHash64A('a', 0xadc83b19)).not.toBe(murmurHash64A('b', 0xadc83b19));
    for (const e of ['a', 'hello world', '12345678', '123456789']) {
      const [index, count] = patLen(e);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(16384);
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(51);
    }
  });
});

describe('PFADD / PFCOUNT', () => {
  it('stores the sparse bytes real Redis stores, and PFCOUNT writes its cache back', () => {
    const s = new FakeServer();
    expect(s.run('PFADD', 'h', 'a', 'b', 'c')).toMatchObject({ reply: int(1), dirty: 4 }); // the creation counts too
    // Captured from redis-server 7.0.15 (GET h after PFADD h a b c, then after PFCOUNT h).
    expect(s.r('GET', 'h')).toEqual(
      bulk(
        bytes('HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80`\\xf3\\x80P\\xb1\\x84K\\xfb\\x80BZ'),
      ),
    );
    expect(s.run('PFCOUNT', 'h')).toMatchObject({ reply: int(3), dirty: 1, propagated: [['PFCOUNT', 'h']] });
    expect(s.r('GET', 'h')).toEqual(
      bulk(
        bytes('HYLL\\x01\\x00\\x00\\x00\\x03\\x00\\x00\\x00\\x00\\x00\\x00\\x00`\\xf3\\x80P\\xb1\\x84K\\xfb\\x80BZ'),
      ),
    );
    // The cache is valid now: a second count changes nothing.
    expect(s.run('PFCOUNT', 'h')).toMatchObject({ reply: int(3), dirty: 0, propagated: [] });
    expect(s.run('PFADD', 'h', 'a')).toMatchObject({ reply: int(0), propagated: [] });
    expect(s.r('PFCOUNT', 'nokey')).toEqual(int(0));
  });

  it('PFADD of a new key with no elements creates the empty sparse value, cache marked stale', () => {
    const s = new FakeServer();
    expect(s.run('PFADD', 'e')).toMatchObject({ reply: int(1), dirty: 1 });
    expect(s.r('GET', 'e')).toEqual(
      bulk(bytes('HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\\x7f\\xff')),
    );
  });

  it('turns dense past 3000 bytes, keeps the TTL, and estimates near the truth', () => {
    const s = new FakeServer();
    s.run('PFADD', 'big');
    s.run('EXPIRE', 'big', '100');
    const els = Array.from({ length: 5000 }, (_, i) => `e${i}`);
    s.run('PFADD', 'big', ...els);
    expect(s.r('STRLEN', 'big')).toEqual(int(HLL_DENSE_SIZE));
    expect(s.r('TTL', 'big')).toEqual(int(100));
    const n = (s.r('PFCOUNT', 'big') as { n: number }).n;
    expect(Math.abs(n - 5000)).toBeLessThan(200);
  });

  it('refuses strings that are not HyperLogLogs, and other types', () => {
    const s = new FakeServer();
    s.run('SET', 'str', 'notanhll');
    s.run('LPUSH', 'l', 'a');
    expect(s.r('PFADD', 'str', 'a')).toEqual(NOT_HLL);
    expect(s.r('PFCOUNT', 'str')).toEqual(NOT_HLL);
    expect(s.r('PFADD', 'l', 'a')).toEqual(error('WRONGTYPE Operation against a key holding the wrong kind of value'));
    // A sparse value whose runs do not cover every register.
    s.run('SET', 'bad', bytes('HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\\x7f\\x00'));
    expect(s.r('PFCOUNT', 'bad')).toEqual(error('INVALIDOBJ Corrupted HLL object detected'));
  });
});

describe('PFMERGE', () => {
  it('merges into the destination (created when missing), always a change; PFCOUNT of several keys', () => {
    const s = new FakeServer();
    s.run('PFADD', 'a', 'x', 'y');
    s.run('PFADD', 'b', 'y', 'z');
    expect(s.run('PFMERGE', 'm', 'a', 'b')).toMatchObject({
      reply: OK,
      dirty: 1,
      propagated: [['PFMERGE', 'm', 'a', 'b']],
    });
    expect(s.r('PFCOUNT', 'm')).toEqual(int(3));
    expect(s.r('PFCOUNT', 'a', 'b', 'nokey')).toEqual(int(3));
    expect(s.run('PFMERGE', 'm', 'a')).toMatchObject({ reply: OK, dirty: 1 });
  });
});

describe('PFDEBUG / PFSELFTEST', () => {
  it('GETREG turns a sparse value dense (a change that propagates) and lists every register', () => {
    const s = new FakeServer();
    s.run('PFADD', 'h', 'a', 'b', 'c');
    expect(s.r('PFDEBUG', 'DECODE', 'h')).toEqual(bulk('Z:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603')); // as redis-server 7.0.15 decodes it
    const r = s.run('PFDEBUG', 'GETREG', 'h');
    expect(r).toMatchObject({ dirty: 1, propagated: [['PFDEBUG', 'GETREG', 'h']] });
    const regs = r.reply.t === 'array' ? (r.reply.items ?? []) : [];
    expect(regs).toHaveLength(16384);
    expect(regs.filter((x) => x.t === 'int' && x.n !== 0)).toHaveLength(3);
    expect(s.r('PFDEBUG', 'ENCODING', 'h')).toEqual(status('dense'));
    expect(s.run('PFDEBUG', 'TODENSE', 'h')).toMatchObject({ reply: int(0), propagated: [] });
    expect(s.r('PFDEBUG', 'DECODE', 'h')).toEqual(error('ERR HLL encoding is not sparse'));
    expect(s.r('PFCOUNT', 'h')).toEqual(int(3));
  });

  it('errors: the key first, then the subcommand', () => {
    const s = new FakeServer();
    expect(s.r('PFDEBUG', 'nosuch', 'nokey')).toEqual(error('ERR The specified key does not exist'));
    s.run('PFADD', 'h', 'a');
    expect(s.r('PFDEBUG', 'Nosuch', 'h')).toEqual(error("ERR Unknown PFDEBUG subcommand 'Nosuch'"));
    expect(new FakeServer({ version: '4.0' }).run('PFADD', 'h', 'a').reply).toEqual(int(1));
    expect(s.r('PFSELFTEST')).toEqual(OK);
  });

  it('4.0 checks the argument count per subcommand', () => {
    const s = new FakeServer({ version: '4.0' });
    s.run('PFADD', 'h', 'a');
    expect(s.r('PFDEBUG', 'ENCODING', 'h', 'x')).toEqual(
      error("ERR Wrong number of arguments for the 'ENCODING' subcommand"),
    );
  });
});

describe('4.0', () => {
  it('counts with its LogLog-Beta estimator and counts a PFADD as one change', () => {
    const s = new FakeServer({ version: '4.0' });
    expect(s.run('PFADD', 'h', 'a', 'b', 'c')).toMatchObject({ reply: int(1), dirty: 1 });
    expect(s.r('PFCOUNT', 'h')).toEqual(int(3));
    const els = Array.from({ length: 5000 }, (_, i) => `e${i}`);
    s.run('PFADD', 'big', ...els);
    const n = (s.r('PFCOUNT', 'big') as { n: number }).n;
    expect(Math.abs(n - 5000)).toBeLessThan(200);
    expect((s.r('PFCOUNT', 'big', 'h') as { n: number }).n).toBeGreaterThan(n - 10);
  });
});
