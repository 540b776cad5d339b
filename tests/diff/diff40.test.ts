/**
 * The Redis 4.0 differential suite: every scenario in tests/diff/scenarios40/NN-name.scn runs on a
 * real redis-server 4.0.14 and on the engine's 4.0 dialect, and the normalized transcripts must
 * be equal. Debian ships only 7.0, so this suite runs only where REDIS40_SERVER names a 4.0
 * binary (e.g. one built from the 4.0.14 tag outside this repository); elsewhere it is skipped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse';
import { runScenario } from '../../src/scenario/run';
import { killAllRealServers, runRealScenario } from './real-redis';
import { normalizeTranscript } from './transcript';

/**
 * Scenario i (in file order) owns ports BASE_PORT + i * 200 … + 199: 12000-16999 holds 25 of
 * them, below the benchmarks' 17000-17999 and the 7.0 suite's 18000-29999.
 */
const BASE_PORT = 12_000;
const MAX_PORT = 17_000;
const SCENARIO_DIR = fileURLToPath(new URL('./scenarios40/', import.meta.url));
const SERVER = process.env.REDIS40_SERVER ?? '';
const is40 = SERVER !== '' && /v=4\.0\./.test(spawnSync(SERVER, ['--version'], { encoding: 'utf8' }).stdout ?? '');

async function engineTranscript(text: string): Promise<string> {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(`scenario does not parse: ${JSON.stringify(parsed.errors)}`);
  let out = '';
  await runScenario(parsed.scenario, { forceVersion: '4.0' }, (s) => {
    out += s;
  });
  return out;
}

describe.skipIf(!is40)('engine vs real redis-server 4.0 (tests/diff/scenarios40)', () => {
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-diff40-'));
  afterAll(async () => {
    await killAllRealServers();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });
  const files = fs
    .readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.scn'))
    .sort();
  if (BASE_PORT + files.length * 200 > MAX_PORT) throw new Error('too many 4.0 scenarios for their port range');
  files.forEach((file, i) => {
    it(file, async () => {
      const text = fs.readFileSync(path.join(SCENARIO_DIR, file), 'utf8');
      const engine = normalizeTranscript(await engineTranscript(text));
      const tmpDir = path.join(tmpRoot, file.replace(/\.scn$/, ''));
      const real = normalizeTranscript(
        await runRealScenario(text, {
          basePort: BASE_PORT + i * 200,
          tmpDir,
          redisServer: SERVER,
          redisVersion: '4.0',
        }),
      );
      expect(engine).toBe(real);
    }, 240_000);
  });
});
