/**
 * The exact figures the built-in tutorials state in their prose, for a run straight through. The
 * tutorials' expect-log blocks leave offsets and byte counts to `…` (a reader who pauses between
 * steps lets the master's PINGs add to the stream), so this test pins them on the headless run.
 * The backlog tutorial's offsets and byte counts, the restart's offset 58 and the FAILOVER lines
 * were also observed on a real redis-server 7.0.15; the others follow from the commands' sizes
 * on the wire.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTutorial } from '../../src/learn';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/content/tutorials');

async function logsOf(id: string): Promise<string[]> {
  const { failures, logs } = await runTutorial(readFileSync(join(DIR, `${id}.en.md`), 'utf8'));
  expect(failures).toEqual([]);
  return logs.map((l) => `[${l.node.replace('127.0.0.1:', '')}] ${l.line.replace(/^\S+ \S+ \S+ (\S+ )?\S+ /, '')}`);
}

const has = (logs: string[], line: string) =>
  expect(
    logs.filter((l) => l.endsWith(line)),
    line,
  ).not.toEqual([]);

describe('tutorial figures, run straight through', () => {
  it('seed: promoted at offset 53, 52 bytes sent from the backlog', async () => {
    const logs = await logsOf('seed');
    has(logs, 'valid up to offset: 53. New replication ID is 1d5c432ff45ab8dfbdfc65c3158d86d043d79322');
    has(
      logs,
      'Partial resynchronization request from 127.0.0.1:6381 accepted. Sending 52 bytes of backlog starting from offset 53.',
    );
  });

  it('backlog: 10823 and 20520 bytes served from a 16 KB backlog, 32 KB not', async () => {
    const logs = await logsOf('backlog');
    has(logs, 'Sending 10823 bytes of backlog starting from offset 1.');
    has(logs, 'Sending 20520 bytes of backlog starting from offset 10824.');
    has(logs, 'Unable to partial resync with replica 127.0.0.1:6381 for lack of backlog (Replica request was: 31344).');
  });

  it('restart, replid2, failover', async () => {
    has(await logsOf('restart'), 'Sending 36 bytes of backlog starting from offset 58.');
    const r2 = await logsOf('replid2');
    has(
      r2,
      'Partial resynchronization request from 127.0.0.1:6379 accepted. Sending 52 bytes of backlog starting from offset 53.',
    );
    has(await logsOf('failover'), 'Sending 37 bytes of backlog starting from offset 97.');
  });
});
