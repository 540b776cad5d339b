/**
 * Golden transcripts: each tests/engine/commands/golden/*.golden file holds command lines and the
 * exact RESP replies a real redis-server 7.0.15 gave them, in order, on an empty server. The
 * engine (one client, 7.0, no time passing) must answer every line byte for byte the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitArgs } from '../../../src/engine/resp';
import { Wire } from '../wire';

const DIR = join(__dirname, 'golden');

describe.each(readdirSync(DIR).filter((f) => f.endsWith('.golden')))('%s', (file) => {
  it('answers as redis-server 7.0.15', () => {
    const lines = readFileSync(join(DIR, file), 'utf8').split('\n');
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:50001');
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('> ')) continue;
      const line = lines[i].slice(2);
      const argv = splitArgs(line);
      if (argv === null) throw new Error(`${file}: cannot split ${line}`);
      const expected = JSON.parse(lines[++i]) as string;
      w.send(1, ...argv);
      expect(w.take(1), `${file}: ${line}`).toBe(expected);
      n++;
    }
    expect(n).toBeGreaterThan(0);
  });
});
