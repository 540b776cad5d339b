/**
 * SLOWLOG, LATENCY, MEMORY, LOLWUT and BGREWRITEAOF on a bare engine: what real redis-server
 * 7.0.15 answers and logs for the same steps (its timings replaced by the engine's duration model:
 * 1 µs a command, DEBUG SLEEP its sleep), beyond what scenario 65 can compare.
 */
import { describe, expect, it } from 'vitest';
import { Wire } from './wire';

const bulkArr = (...xs: string[]) => `*${xs.length}\r\n${xs.map((x) => `$${x.length}\r\n${x}\r\n`).join('')}`;

function one(): Wire {
  const w = new Wire('7.0', 6379);
  w.srv.onAccept(1, '127.0.0.1:40001');
  return w;
}

/** Send and return the reply. */
function q(w: Wire, ...argv: string[]): string {
  w.send(1, ...argv);
  return w.take(1);
}

describe('SLOWLOG', () => {
  it('logs every command at threshold 0, newest first, with its client; redacts secrets and cuts long ones', () => {
    const w = one();
    q(w, 'CONFIG', 'SET', 'slowlog-log-slower-than', '0');
    q(w, 'SLOWLOG', 'RESET');
    q(w, 'CLIENT', 'SETNAME', 'me');
    q(w, 'AUTH', 'secret');
    q(w, 'HELLO', '2', 'AUTH', 'default', 'pw');
    q(w, 'CONFIG', 'SET', 'masterauth', 'x');
    q(w, 'SET', 'a', 'x'.repeat(200));
    q(w, 'DEL', ...Array.from({ length: 34 }, (_, i) => String(i + 1)));
    const t = String(w.srv.unixtime);
    const entry = (id: number, us: number, argv: string[]) =>
      `*6\r\n:${id}\r\n:${t}\r\n:${us}\r\n${bulkArr(...argv)}$15\r\n127.0.0.1:40001\r\n$2\r\nme\r\n`;
    const del = ['DEL', ...Array.from({ length: 30 }, (_, i) => String(i + 1)), '... (4 more arguments)'];
    expect(q(w, 'SLOWLOG', 'GET', '6')).toBe(
      `*6\r\n${entry(7, 1, del)}${entry(6, 1, ['SET', 'a', `${'x'.repeat(128)}... (72 more bytes)`])}${entry(5, 1, ['CONFIG', 'SET', 'masterauth', '(redacted)'])}${entry(4, 1, ['HELLO', '2', 'AUTH', '(redacted)', '(redacted)'])}${entry(3, 1, ['AUTH', '(redacted)'])}${entry(2, 1, ['CLIENT', 'SETNAME', 'me'])}`,
    );
    // SLOWLOG LEN counts before it is logged itself; max-len trims the oldest.
    expect(q(w, 'SLOWLOG', 'LEN')).toBe(':8\r\n');
    q(w, 'CONFIG', 'SET', 'slowlog-max-len', '2');
    expect(q(w, 'SLOWLOG', 'LEN')).toBe(':2\r\n');
  });

  it("a script's commands come before the script, from ?:0; EXEC's commands are logged, not EXEC", () => {
    const w = one();
    q(w, 'CONFIG', 'SET', 'slowlog-log-slower-than', '0');
    q(w, 'EVAL', "redis.call('set','x','y')", '0');
    q(w, 'MULTI');
    q(w, 'INCR', 'n');
    q(w, 'EXEC');
    const got = q(w, 'SLOWLOG', 'GET', '-1');
    const argvs = [...got.matchAll(/\*(\d+)\r\n((?:\$\d+\r\n[^\r]*\r\n)+)\$\d+\r\n([^\r]*)\r\n\$0\r\n/g)].map(
      (m) =>
        `${m[2]
          .split('\r\n')
          .filter((_, i) => i % 2 === 1)
          .join(' ')} @${m[3]}`,
    );
    expect(argvs).toEqual([
      'INCR n @127.0.0.1:40001',
      'MULTI @127.0.0.1:40001',
      "EVAL redis.call('set','x','y') 0 @127.0.0.1:40001",
      'set x y @?:0',
      'CONFIG SET slowlog-log-slower-than 0 @127.0.0.1:40001',
    ]);
  });

  it('DEBUG SLEEP takes its sleep; the default threshold (10 ms) keeps only it', () => {
    const w = one();
    q(w, 'DEBUG', 'SLEEP', '0.05');
    w.run(200);
    w.take(1);
    const got = q(w, 'SLOWLOG', 'GET');
    expect(got).toContain(':50000\r\n*3\r\n$5\r\nDEBUG\r\n$5\r\nSLEEP\r\n$4\r\n0.05\r\n');
    expect(got.startsWith('*1\r\n')).toBe(true);
  });
});

describe('LATENCY', () => {
  it('samples DEBUG SLEEP over the threshold: LATEST, HISTORY, GRAPH and DOCTOR', () => {
    const w = one();
    q(w, 'CONFIG', 'SET', 'latency-monitor-threshold', '10');
    const t0 = w.srv.unixtime;
    q(w, 'DEBUG', 'SLEEP', '0.05');
    w.run(1_000);
    q(w, 'DEBUG', 'SLEEP', '0.2');
    w.run(300);
    w.take(1);
    const t1 = w.srv.unixtime - (w.srv.unixtime - t0 - 1);
    expect(q(w, 'LATENCY', 'LATEST')).toBe(`*1\r\n*4\r\n$7\r\ncommand\r\n:${t1}\r\n:200\r\n:200\r\n`);
    expect(q(w, 'LATENCY', 'HISTORY', 'command')).toBe(`*2\r\n*2\r\n:${t0}\r\n:50\r\n*2\r\n:${t1}\r\n:200\r\n`);
    const graph = [
      'command - high 200 ms, low 50 ms (all time high 200 ms)',
      '-'.repeat(80),
      ' #',
      ' |',
      ' |',
      '_|',
      '  ',
      '10',
      'ss',
      '',
    ].join('\n');
    expect(q(w, 'LATENCY', 'GRAPH', 'command')).toBe(`$${graph.length}\r\n${graph}\r\n`);
    const doctor = q(w, 'LATENCY', 'DOCTOR');
    expect(doctor).toContain(
      '1. command: 2 latency spikes (average 125ms, mean deviation 75ms, period 0.50 sec). Worst all time event 200ms.\n\nI have a few advices for you:\n\n- Check your Slow Log',
    );
    expect(q(w, 'LATENCY', 'RESET', 'COMMAND', 'fork')).toBe(':1\r\n');
    expect(q(w, 'LATENCY', 'LATEST')).toBe('*0\r\n');
  });

  it('HISTOGRAM: the calls of each command with measured calls, all at 1 µs', () => {
    const w = one();
    q(w, 'SET', 'a', '1');
    q(w, 'SET', 'a', '2');
    q(w, 'CONFIG', 'GET', 'port');
    expect(q(w, 'LATENCY', 'HISTOGRAM', 'set', 'nosuch', 'config')).toBe(
      '*4\r\n$3\r\nset\r\n*4\r\n$5\r\ncalls\r\n:2\r\n$14\r\nhistogram_usec\r\n*2\r\n:1\r\n:2\r\n' +
        '$10\r\nconfig|get\r\n*4\r\n$5\r\ncalls\r\n:1\r\n$14\r\nhistogram_usec\r\n*2\r\n:1\r\n:1\r\n',
    );
  });
});

describe('MEMORY', () => {
  it("USAGE is the key's share of the memory model; STATS has Redis's fields", () => {
    const w = one();
    q(w, 'SET', 'k', 'v');
    expect(q(w, 'MEMORY', 'USAGE', 'k')).toBe(':66\r\n');
    q(w, 'SET', 'k', 'x'.repeat(100));
    expect(q(w, 'MEMORY', 'USAGE', 'k', 'SAMPLES', '5')).toBe(':165\r\n');
    const stats = q(w, 'MEMORY', 'STATS');
    expect(stats.startsWith('*56\r\n$14\r\npeak.allocated\r\n')).toBe(true);
    expect(stats).toContain('$4\r\ndb.0\r\n*6\r\n$23\r\noverhead.hashtable.main\r\n');
    expect(stats).toContain('$10\r\nkeys.count\r\n:1\r\n');
    expect(q(w, 'MEMORY', 'MALLOC-STATS')).toBe('$45\r\nStats not supported for the current allocator\r\n');
  });
});

describe('LOLWUT', () => {
  it('VERSION 5 draws Schotter in Braille: one undisturbed square, and the default size', () => {
    const w = one();
    const tail = '\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. 7.0.15\n';
    const square = `\xe2\xa0\x8b\n${tail}`;
    expect(q(w, 'LOLWUT', 'VERSION', '5', '1', '1', '1')).toBe(`$${square.length}\r\n${square}\r\n`);
    w.send(1, 'HELLO', '3');
    w.take(1);
    const big = q(w, 'LOLWUT', 'VERSION', '5');
    const text = big.slice(big.indexOf('txt:') + 4, -2);
    const rows = text.slice(0, -tail.length - 1).split('\n');
    // 66 columns of 2x4 pixels; 8x12 squares of (132-4)/8 = 16 pixels: 196 pixels, 49 rows.
    expect(rows.length).toBe(49);
    for (const r of rows) expect(r.length).toBe(66 * 3);
  });
});

describe('LOLWUT against redis-server 7.0.15', () => {
  // Two rows of squares or fewer: nothing random yet. Base64 of redis-cli's output.
  const REAL: [string, string][] = [
    [
      '10 2 2',
      '4qCA4qGk4qCk4qCk4qCk4qGk4qCk4qCk4qCk4qGECuKggOKhh+KggOKggOKggOKhh+KggOKggOKggOKhhwrioIDioafioKTioKTioKTioafioKTioKTioKTioYcK4qCA4qGH4qCA4qCA4qCA4qGH4qCA4qCA4qCA4qGHCuKggOKgp+KgpOKgpOKgpOKgp+KgpOKgpOKgpOKghwoKR2VvcmcgTmVlcyAtIHNjaG90dGVyLCBwbG90dGVyIG9uIHBhcGVyLCAxOTY4LiBSZWRpcyB2ZXIuIDcuMC4xNQo=',
    ],
    [
      '20 3 2',
      '4qCA4qGk4qCk4qCk4qCk4qCk4qCk4qGk4qCk4qCk4qCk4qCk4qCk4qGk4qCk4qCk4qCk4qCk4qCk4qGECuKggOKhh+KggOKggOKggOKggOKggOKhh+KggOKggOKggOKggOKggOKhh+KggOKggOKggOKggOKggOKhhwrioIDioYfioIDioIDioIDioIDioIDioYfioIDioIDioIDioIDioIDioYfioIDioIDioIDioIDioIDioYcK4qCA4qGn4qCk4qCk4qCk4qCk4qCk4qGn4qCk4qCk4qCk4qCk4qCk4qGn4qCk4qCk4qCk4qCk4qCk4qGHCuKggOKhh+KggOKggOKggOKggOKggOKhh+KggOKggOKggOKggOKggOKhh+KggOKggOKggOKggOKggOKhhwrioIDioYfioIDioIDioIDioIDioIDioYfioIDioIDioIDioIDioIDioYfioIDioIDioIDioIDioIDioYcK4qCA4qCn4qCk4qCk4qCk4qCk4qCk4qCn4qCk4qCk4qCk4qCk4qCk4qCn4qCk4qCk4qCk4qCk4qCk4qCHCgpHZW9yZyBOZWVzIC0gc2Nob3R0ZXIsIHBsb3R0ZXIgb24gcGFwZXIsIDE5NjguIFJlZGlzIHZlci4gNy4wLjE1Cg==',
    ],
    [
      '3 1 1',
      '4qCA4qGk4qGECuKggOKgieKggQoKR2VvcmcgTmVlcyAtIHNjaG90dGVyLCBwbG90dGVyIG9uIHBhcGVyLCAxOTY4LiBSZWRpcyB2ZXIuIDcuMC4xNQo=',
    ],
  ];
  for (const [args, b64] of REAL) {
    it(`VERSION 5 ${args}`, () => {
      const w = one();
      const text = Buffer.from(b64, 'base64').toString('latin1');
      expect(q(w, 'LOLWUT', 'VERSION', '5', ...args.split(' '))).toBe(`$${text.length}\r\n${text}\r\n`);
    });
  }
});

describe('BGREWRITEAOF', () => {
  it("rewrites the AOF's base with appendonly off, logging as 7.0.15, and waits for a BGSAVE", () => {
    const w = one();
    q(w, 'SET', 'k', 'v');
    expect(q(w, 'BGREWRITEAOF')).toBe('+Background append only file rewriting started\r\n');
    expect(q(w, 'BGREWRITEAOF')).toBe('-ERR Background append only file rewriting already in progress\r\n');
    expect(q(w, 'BGSAVE')).toBe(
      "-ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.\r\n",
    );
    expect(q(w, 'BGSAVE', 'SCHEDULE')).toBe('+Background saving scheduled\r\n');
    expect(q(w, 'INFO', 'persistence')).toContain('aof_rewrite_in_progress:1\r\n');
    // The next cron reaps the rewrite and starts the scheduled BGSAVE.
    w.run(100);
    expect(w.files.get('appendonlydir/appendonly.aof.manifest')).toEqual(
      new TextEncoder().encode('file appendonly.aof.1.base.rdb seq 1 type b\n'),
    );
    expect(w.files.has('appendonlydir/appendonly.aof.1.base.rdb')).toBe(true);
    // A BGREWRITEAOF while the scheduled BGSAVE runs waits for it.
    expect(q(w, 'BGREWRITEAOF')).toBe('+Background append only file rewriting scheduled\r\n');
    expect(q(w, 'BGSAVE', 'SCHEDULE')).toBe('-ERR Background save already in progress\r\n');
    w.run(300);
    const logs = w.logs.map((l) => l.replace(/pid \d+|-bg-\d+/g, 'N'));
    expect(logs.filter((l) => /AOF|append only|saving|history/.test(l))).toEqual([
      '* Background append only file rewriting started by N',
      '* Successfully created the temporary AOF base file temp-rewriteaofN.aof',
      '* Fork CoW for AOF rewrite: current 0 MB, peak 0 MB, average 0 MB',
      '* Background AOF rewrite terminated with success',
      '* Successfully renamed the temporary AOF base file temp-rewriteaofN.aof into appendonly.aof.1.base.rdb',
      '* Background AOF rewrite finished successfully',
      '* Background saving started by N',
      '* Background saving terminated with success',
      '* Background append only file rewriting started by N',
      '* Successfully created the temporary AOF base file temp-rewriteaofN.aof',
      '* Fork CoW for AOF rewrite: current 0 MB, peak 0 MB, average 0 MB',
      '* Background AOF rewrite terminated with success',
      '* Successfully renamed the temporary AOF base file temp-rewriteaofN.aof into appendonly.aof.2.base.rdb',
      '* Removing the history file appendonly.aof.1.base.rdb in the background',
      '* Background AOF rewrite finished successfully',
    ]);
    expect(q(w, 'INFO', 'persistence')).toContain('aof_rewrites:2\r\n');
  });
});

describe('DEBUG OBJECT and PROTOCOL', () => {
  it("OBJECT: refcount, encoding, serialized length and the quicklist's figures as 7.0.15 prints them", () => {
    const w = one();
    q(w, 'SET', 's', 'hello');
    q(w, 'SET', 'n', '123');
    q(w, 'RPUSH', 'l', 'a', 'b', 'c');
    q(w, 'HSET', 'h', 'f', 'v');
    const fields = (key: string) =>
      q(w, 'DEBUG', 'OBJECT', key)
        .replace(/^\+Value at:0x[0-9a-f]{12} /, '')
        .replace(/ lru:\d+ lru_seconds_idle:\d+/, '')
        .trim();
    expect(fields('s')).toBe('refcount:1 encoding:embstr serializedlength:6');
    expect(fields('n')).toBe('refcount:2147483647 encoding:int serializedlength:2');
    expect(fields('l')).toBe(
      'refcount:1 encoding:quicklist serializedlength:19 ql_nodes:1 ql_avg_node:3.00 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:16',
    );
    expect(fields('h')).toBe('refcount:1 encoding:listpack serializedlength:14');
    expect(q(w, 'DEBUG', 'OBJECT', 'nokey')).toBe('-ERR no such key\r\n');
  });

  it('PROTOCOL push: the push frame, then the reply (RESP3 only)', () => {
    const w = one();
    expect(q(w, 'DEBUG', 'PROTOCOL', 'push')).toBe('-ERR RESP2 is not supported by this command\r\n');
    q(w, 'HELLO', '3');
    expect(q(w, 'DEBUG', 'PROTOCOL', 'push')).toBe(
      '>2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n$40\r\nSome real reply following the push reply\r\n',
    );
    expect(q(w, 'DEBUG', 'PROTOCOL', 'attrib')).toBe(
      '|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n$39\r\nSome real reply following the attribute\r\n',
    );
    expect(q(w, 'DEBUG', 'PROTOCOL', 'bignum')).toBe('(1234567999999999999999999999999999999\r\n');
  });
});
