/**
 * The byte-level fast paths of the hot path produce exactly what the plain versions do: OutBuf's
 * reply and command encoders against encodeReply / encodeCommand, binOf and copyBytes against the
 * obvious byte loops, the decoder's short-length fast path against well-formed and odd headers
 * split anywhere, the byte backlog against the stream it was fed, and loadRdbInto's direct load
 * against the copying one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RedisVersion } from '../../src/engine';
import { allCommands, findCommand } from '../../src/engine/commands';
import { cmdInfo, type ResolveMemo, resolveCommand, resolveFor } from '../../src/engine/dispatch';
import { Db } from '../../src/engine/keyspace';
import { loadRdbInto } from '../../src/engine/persistence';
import { writeRdb } from '../../src/engine/rdb';
import { BlockBacklog, CircularBacklog } from '../../src/engine/replication/backlog';
import { createBacklog } from '../../src/engine/replication/master';
import { encodeCommand, encodeReply, type Reply, RespDecoder } from '../../src/engine/resp';
import { binOf, copyBytes, copyBytesWith } from '../../src/engine/resp/bin';
import { OutBuf } from '../../src/engine/resp/outbuf';
import { Server } from '../../src/engine/server';
import { binFromBytes, bytesFromBin, SimClock, seededRng } from '../../src/lib';

/** A server on 6379 with no files and no save points; what it sends goes to `sent` (or nowhere). */
function bareServer(version: RedisVersion, sent: (data: Uint8Array) => void = () => {}): Server {
  return new Server({
    version,
    host: '127.0.0.1',
    port: 6379,
    clock: new SimClock(1_700_000_000_000),
    rng: seededRng(1),
    net: { connect: () => 1, send: (_c, d) => void sent(d), close: () => {} },
    files: { read: () => undefined, write: () => {} },
    pid: 100,
    nextPid: () => 101,
    log: () => {},
    config: { save: '' },
  });
}

const byteString = (max = 80) =>
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: max }).map((a) => String.fromCharCode(...a));

const reply: fc.Arbitrary<Reply> = fc.letrec<{ r: Reply }>((tie) => ({
  r: fc.oneof(
    { depthSize: 'small' },
    byteString().map((s) => ({ t: 'status', s }) as Reply),
    byteString().map((s) => ({ t: 'error', s }) as Reply),
    fc.integer().map((n) => ({ t: 'int', n }) as Reply),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => ({ t: 'int', n }) as Reply),
    fc.option(byteString(300)).map((s) => ({ t: 'bulk', s }) as Reply),
    fc.option(fc.array(tie('r'), { maxLength: 5 })).map((items) => ({ t: 'array', items }) as Reply),
  ),
})).r;

describe('OutBuf', () => {
  it('encodes replies as encodeReply does', () => {
    fc.assert(
      fc.property(fc.array(reply, { maxLength: 6 }), (rs) => {
        const o = new OutBuf(8);
        for (const r of rs) o.reply(r);
        expect(binFromBytes(o.take())).toBe(rs.map((r) => encodeReply(r)).join(''));
      }),
    );
  });

  it('encodes commands as encodeCommand does, and copies bytes and byte strings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(byteString(300), { minLength: 1, maxLength: 12 }), { maxLength: 5 }),
        byteString(600),
        (cmds, raw) => {
          const o = new OutBuf(16);
          let want = '';
          for (const argv of cmds) {
            o.command(argv);
            o.bin(raw);
            const b = bytesFromBin(raw);
            o.bytes(b, Math.min(1, b.length), b.length);
            want += encodeCommand(argv) + raw + raw.slice(1);
          }
          expect(binFromBytes(o.take())).toBe(want);
        },
      ),
    );
  });
});

describe('OutBuf.take', () => {
  it('hands out the bytes written, which stay as they were while later chunks are taken', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 6000 }), { maxLength: 40 }), (chunks) => {
        const o = new OutBuf(16);
        const taken: Uint8Array[] = [];
        for (const c of chunks) {
          o.bytes(c, 0, c.length);
          taken.push(o.take());
          o.n = 0;
          o.bytes(new Uint8Array(64).fill(0xee), 0, 64); // scribble over the buffer before reuse
          o.n = 0;
        }
        expect(taken.map((t) => [...t])).toEqual(chunks.map((c) => [...c]));
      }),
      { numRuns: 60 },
    );
  });
});

describe('binOf and copyBytes', () => {
  it('binOf gives one char per byte for every length (its 32 spelled-out cases, apply, and UTF-16)', () => {
    const plain = (b: Uint8Array, s: number, e: number) => {
      let out = '';
      for (let i = s; i < e; i++) out += String.fromCharCode(b[i]);
      return out;
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat(), fc.nat(), (b, x, y) => {
        const s = b.length ? x % b.length : 0;
        const e = s + (b.length ? y % (b.length - s + 1) : 0);
        expect(binOf(b, s, e)).toBe(plain(b, s, e));
        expect(binFromBytes(b, s, e)).toBe(plain(b, s, e));
      }),
    );
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= 40; n++) expect(binOf(all, 10, 10 + n)).toBe(plain(all, 10, 10 + n));
  });

  it('copyBytes copies every range exactly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.nat(), fc.nat(), fc.nat(), (src, x, y, z) => {
        const s = x % src.length;
        const e = s + (y % (src.length - s + 1));
        const dst = new Uint8Array(1000).fill(7);
        const at = z % (1000 - (e - s) + 1);
        copyBytes(src, s, e, dst, new DataView(dst.buffer), at);
        const want = new Uint8Array(1000).fill(7);
        want.set(src.subarray(s, e), at);
        expect(dst).toEqual(want);
        const dst2 = new Uint8Array(1000).fill(7);
        copyBytesWith(src, new DataView(src.buffer), s, e, dst2, new DataView(dst2.buffer), at);
        expect(dst2).toEqual(want);
      }),
    );
  });
});

describe('RespDecoder', () => {
  it('decodes commands split anywhere, with their exact sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(byteString(140), { minLength: 1, maxLength: 14 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }),
        (cmds, cuts) => {
          const wire = bytesFromBin(cmds.map(encodeCommand).join(''));
          const d = new RespDecoder();
          const got: { argv: string[]; size: number }[] = [];
          let p = 0;
          let k = 0;
          while (p < wire.length) {
            const n = cuts[k++ % cuts.length];
            d.push(wire.subarray(p, p + n));
            p += n;
            for (let r = d.next(); r !== null; r = d.next()) {
              if ('error' in r) throw new Error(r.error);
              got.push({ argv: r.argv, size: r.size });
            }
          }
          expect(got).toEqual(cmds.map((argv) => ({ argv, size: encodeCommand(argv).length })));
        },
      ),
    );
  });

  it('gives the same command names when it reuses the strings of earlier ones', () => {
    const name = fc.oneof(
      fc.constantFrom('SET', 'set', 'SE', 'SETX', 'GET', 'S\u00e9T', '', 'x'.repeat(32), 'x'.repeat(33), 'INCR'),
      byteString(40),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, fc.array(byteString(20), { maxLength: 3 })), { minLength: 1, maxLength: 40 }),
        (cmds) => {
          const d = new RespDecoder();
          d.push(bytesFromBin(cmds.map(([n, rest]) => encodeCommand([n, ...rest])).join('')));
          for (const [n, rest] of cmds) expect(d.next()).toMatchObject({ argv: [n, ...rest] });
          expect(d.next()).toBeNull();
        },
      ),
    );
  });

  it('skips the byte after each CR whatever it is, and refuses the headers string2ll refuses', () => {
    const d = new RespDecoder();
    d.push(bytesFromBin('*3\rX$3\r\nSET\rY$1\r\nk\r\n$3\r\nabcZZ*1\r\n$0\r\n\r\n'));
    expect(d.next()).toEqual({ argv: ['SET', 'k', 'abc'], size: 29, inline: false });
    expect(d.next()).toEqual({ argv: [''], size: 10, inline: false });
    for (const [wire, error, reason] of [
      ['*1\r\n$1x\r\n', 'Protocol error: invalid bulk length', 'invalid bulk length'],
      ['*1\r\n$\r\n', 'Protocol error: invalid bulk length', 'invalid bulk length'],
      ['*1\r\n$01\r\nx\r\n', 'Protocol error: invalid bulk length', 'invalid bulk length'],
      ['*x\r\n', 'Protocol error: invalid multibulk length', 'invalid mbulk count'],
      ['*03\r\n', 'Protocol error: invalid multibulk length', 'invalid mbulk count'],
      ['*1\r\n$-1\r\n', 'Protocol error: invalid bulk length', 'invalid bulk length'],
    ]) {
      const e = new RespDecoder();
      e.push(bytesFromBin(wire));
      expect(e.next()).toEqual({ error, reason });
    }
    const partial = new RespDecoder();
    partial.push(bytesFromBin('*1\r\n$1'));
    expect(partial.next()).toBeNull();
    partial.push(bytesFromBin('2\r'));
    expect(partial.next()).toBeNull();
    partial.push(bytesFromBin('\nabcdefghijkl\r\n'));
    expect(partial.next()).toEqual({ argv: ['abcdefghijkl'], inline: false, size: 23 });
  });
});

describe('RespDecoder.canonical', () => {
  /**
   * A command's multibulk, each line ended by CRLF or by a CR and another byte (which Redis skips
   * as it skips the LF): the same command either way, canonical only in the first.
   */
  const wireOf = (argv: string[], odd: number[]) => {
    let k = 0;
    const eol = () => {
      const o = odd[k++ % odd.length];
      return o === 1 ? '\rx' : o === 2 ? '\r\r' : o === 3 ? '\r*' : '\r\n';
    };
    return `*${argv.length}${eol()}${argv.map((a) => `$${a.length}${eol()}${a}${eol()}`).join('')}`;
  };

  it('is set exactly when the bytes of the command are encodeCommand(argv)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.array(byteString(120), { minLength: 1, maxLength: 12 }),
            fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 6 }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 1, max: 50 }),
        (cmds, cut) => {
          const wire = bytesFromBin(cmds.map(([argv, odd]) => wireOf(argv, odd)).join(''));
          const d = new RespDecoder();
          let seen = 0;
          for (let p = 0; p < wire.length; p += cut) {
            d.push(wire.subarray(p, p + cut));
            for (let r = d.next(); r !== null; r = d.next()) {
              if ('error' in r) throw new Error(r.error);
              const bytes = binFromBytes(d.buffer, d.consumedEnd - r.size, d.consumedEnd);
              expect(d.canonical).toBe(bytes === encodeCommand(r.argv));
              seen++;
            }
            expect(d.canonical).toBe(false);
          }
          expect(seen).toBe(cmds.length);
        },
      ),
    );
  });

  it('is never set for inline commands', () => {
    const d = new RespDecoder();
    d.push(bytesFromBin('SET k v\r\n'));
    expect(d.next()).toMatchObject({ argv: ['SET', 'k', 'v'], inline: true });
    expect(d.canonical).toBe(false);
  });
});

describe('propagating the bytes a command arrived as', () => {
  const server = (version: RedisVersion, sent: Uint8Array[]) => {
    const srv = bareServer(version, (d) => sent.push(d));
    createBacklog(srv);
    srv.onAccept(1, '127.0.0.1:50000');
    return srv;
  };
  // A line ended by a CR and any byte is read as one ended by CRLF.
  const eol = (odd: boolean) => (odd ? '\r?' : '\r\n');
  const multibulk = (argv: string[], odd: boolean[]) =>
    `*${argv.length}${eol(odd[0])}${argv.map((a, i) => `$${a.length}${eol(odd[(i + 1) % odd.length])}${a}\r\n`).join('')}`;
  const word = fc.stringMatching(/^[a-z0-9]{1,6}$/);
  const command = fc.oneof(
    fc.tuple(word, word).map(([k, v]) => ['SET', k, v]),
    fc.tuple(word, word).map(([k, v]) => ['SET', k, v, 'EX', '100']),
    fc.tuple(word, word).map(([k, v]) => ['set', k, v, 'get']),
    word.map((k) => ['INCR', k]),
    word.map((k) => ['DEL', k]),
    word.map((k) => ['GET', k]),
    fc.integer({ min: 0, max: 3 }).map((db) => ['SELECT', String(db)]),
    fc.constant(['MULTI'] as string[]),
    fc.constant(['EXEC'] as string[]),
  );

  it('gives the stream and replies that encoding argv gives (inline commands are always encoded)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(command, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 })), { maxLength: 30 }),
        fc.constantFrom('7.0', '4.0') as fc.Arbitrary<'7.0' | '4.0'>,
        (cmds, version) => {
          const sentA: Uint8Array[] = [];
          const sentB: Uint8Array[] = [];
          const a = server(version, sentA);
          const b = server(version, sentB);
          a.onData(1, bytesFromBin(cmds.map(([argv, odd]) => multibulk(argv, odd)).join('')));
          b.onData(1, bytesFromBin(cmds.map(([argv]) => `${argv.join(' ')}\r\n`).join('')));
          expect(a.repl.offset).toBe(b.repl.offset);
          const ba = a.repl.backlog!;
          expect(ba.from(ba.firstByteOffset)).toBe(b.repl.backlog!.from(b.repl.backlog!.firstByteOffset));
          expect(sentA.map((x) => binFromBytes(x))).toEqual(sentB.map((x) => binFromBytes(x)));
        },
      ),
    );
  });
});

describe('byte backlogs', () => {
  for (const [name, make] of [
    ['BlockBacklog', (size: number) => new BlockBacklog(size, 100)],
    ['CircularBacklog', (size: number) => new CircularBacklog(size, 100)],
  ] as const) {
    it(`${name}: appendBytes and append keep the same window of the stream`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 40000 }),
          fc.array(fc.tuple(byteString(3000), fc.boolean()), { maxLength: 60 }),
          (size, parts) => {
            const a = make(size);
            const b = make(size);
            let all = '';
            for (const [s, asBytes] of parts) {
              all += s;
              a.append(s);
              if (asBytes) {
                const u = bytesFromBin(`xx${s}`);
                b.appendBytes(u, 2, u.length);
              } else {
                b.append(s);
              }
            }
            expect(b.histlen).toBe(a.histlen);
            expect(b.firstByteOffset).toBe(a.firstByteOffset);
            const tail = all.slice(all.length - a.histlen);
            expect(b.from(b.firstByteOffset)).toBe(tail);
            if (a.histlen > 0) expect(b.from(b.firstByteOffset + 1)).toBe(tail.slice(1));
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe('loadRdbInto', () => {
  const server = () => bareServer('7.0');
  const dump = (keys: [string, string][]) => {
    const dbs = Array.from({ length: 16 }, (_, i) => new Db(i));
    for (const [k, v] of keys) dbs[0].dict.set(k, v);
    dbs[3].dict.set('other', 'db');
    dbs[3].expires.set('other', 1_800_000_000_000);
    return writeRdb(dbs, { redisVer: '7.0.15', ctime: 0, usedMem: 0 }, '7.0');
  };

  it('fills an empty keyspace directly, and copies into a non-empty one', () => {
    const a = server();
    loadRdbInto(a, dump([['k1', 'v1']]), { replication: true });
    expect([...a.dbs[0].dict]).toEqual([['k1', 'v1']]);
    expect([...a.dbs[3].expires]).toEqual([['other', 1_800_000_000_000]]);
    const b = server();
    b.dbs[0].dict.set('mine', 'x');
    loadRdbInto(b, dump([['k1', 'v1']]), { replication: true });
    expect([...b.dbs[0].dict]).toEqual([
      ['mine', 'x'],
      ['k1', 'v1'],
    ]);
  });

  it('leaves an empty keyspace empty when the file is corrupt', () => {
    const a = server();
    const bad = dump([
      ['k1', 'v1'],
      ['k2', 'v2'],
    ]);
    bad[bad.length - 1] ^= 1; // checksum mismatch, found after every key was read
    expect(() => loadRdbInto(a, bad, { replication: true })).toThrow(/checksum/);
    expect(a.keyCount()).toBe(0);
    expect(a.dbs[3].expires.size).toBe(0);
  });
});

describe('resolveCommand', () => {
  it('is findCommand of the lowercase name with its cmdInfo, whatever was resolved before (also per connection)', () => {
    const names = [...allCommands('7.0'), ...allCommands('4.0')].map((c) => c.name);
    const spelling = fc.oneof(fc.constantFrom(...names, 'nosuch', 'host:', 'post', ''), fc.string({ maxLength: 8 }));
    const mixCase = (s: string, mask: number) =>
      [...s].map((ch, i) => ((mask >> i) & 1 ? ch.toUpperCase() : ch)).join('');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(spelling, fc.nat(), fc.constantFrom('7.0', '4.0') as fc.Arbitrary<'7.0' | '4.0'>), {
          maxLength: 40,
        }),
        (seq) => {
          const memos: Record<'7.0' | '4.0', ResolveMemo> = {
            '7.0': { lastTyped: null, lastResolved: null },
            '4.0': { lastTyped: null, lastResolved: null },
          };
          for (const [name, mask, version] of seq) {
            const typed = mixCase(name, mask);
            const cmd = findCommand(typed.toLowerCase(), version);
            const r = resolveCommand(typed, version);
            // A connection's memo answers as resolveCommand does, the same name twice in a row included.
            expect(resolveFor(memos[version], typed, version)).toBe(r);
            expect(resolveFor(memos[version], typed, version)).toBe(r);
            if (cmd === undefined) {
              expect(r).toBeNull();
            } else {
              expect(r).not.toBeNull();
              expect(r!.cmd).toBe(cmd);
              expect(r!.name).toBe(typed.toLowerCase());
              expect(r!.info).toBe(cmdInfo(cmd, version === '7.0'));
              const plain = !r!.info.hasSubcommands && cmd.name === typed.toLowerCase();
              expect(r!.lastCmd).toBe(plain ? cmd.name : null);
            }
          }
        },
      ),
    );
  });
});
