/**
 * `npm run learn -- check FILE…` as a CI step sees it: exit 0 and an `ok` line per good file,
 * exit 1 with `FILE:LINE: message` for a failing one, exit 2 for a usage error or a missing file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TMP = mkdtempSync(join(tmpdir(), 'learn-cli-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function learn(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/learn-cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('learn check', () => {
  it('passes good files and names the failing line of a bad one', () => {
    const good = join(ROOT, 'src/content/exercises/replicaof.en.md');
    const bad = join(TMP, 'bad.md');
    writeFileSync(
      bad,
      '---\nid: bad\ntitle: Bad\nlang: en\n---\n## One\n```scn\n6380> REPLICAOF 127.0.0.1 6379\nsettle\n```\n```expect-log\n[6380] Full resync from master\n[6380] no such line\n```\n',
    );
    const r = learn('check', good, bad);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`ok   ${good} (exercise)\n`);
    expect(r.err).toBe(`${bad}:13: expected log line never appeared: [127.0.0.1:6380] no such line\n`);
  });

  it('exits 0 when every file passes', () => {
    const r = learn('check', join(ROOT, 'src/content/exercises/chain.zh.md'));
    expect([r.code, r.err]).toEqual([0, '']);
  });

  it('exits 2 on a usage error or an unreadable file', () => {
    expect(learn('run', 'x.md').code).toBe(2);
    const r = learn('check', join(TMP, 'missing.md'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/missing\.md: cannot read/);
  });
});
