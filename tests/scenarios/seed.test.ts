/**
 * Every line of the Redis 4 walkthrough (the project's seed document) must come out of the
 * playground, in order, on the right node, with the right role and level characters. Ids, pids
 * and times differ per run; the structure must not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../../src/scenario';

async function run(file: string): Promise<string[]> {
  const parsed = parseScenario(readFileSync(new URL(file, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const out: string[] = [];
  await runScenario(parsed.scenario, { logs: true }, (s) => out.push(...s.split('\n').filter(Boolean)));
  return out;
}

/** `[PORT] pid:R dd Mon HH:MM:SS.mmm L msg` → `PORT R L msg` */
function shape(line: string): string | null {
  const m = /^\[(\d+)\] \d+:([MSC]) \d\d [A-Z][a-z]{2} \d\d:\d\d:\d\d\.\d{3} ([.\-*#]) (.*)$/.exec(line);
  return m ? `${m[1]} ${m[2]} ${m[3]} ${m[4]}` : null;
}

/** Assert `expected` (regexps) appear in order within `lines`. */
function inOrder(lines: string[], expected: RegExp[]): void {
  let i = 0;
  for (const re of expected) {
    while (i < lines.length && !re.test(lines[i])) i++;
    expect(i, `missing (in order): ${re}`).toBeLessThan(lines.length);
    i++;
  }
}

const walkthrough = await run('./seed-walkthrough-4.0.scn');

describe('the seed walkthrough (Redis 4.0)', () => {
  const lines = walkthrough;
  const logs = lines.map(shape).filter((l): l is string => l !== null);
  const id = '[0-9a-f]{40}';

  it('prints every log line in Redis 4.0 format', () => {
    const logLines = lines.filter((l) => l.startsWith('['));
    expect(logLines.length).toBeGreaterThan(30);
    for (const l of logLines) expect(shape(l), l).not.toBeNull();
  });

  it('promotes 6380 with the secondary-ID line (+1 rule), then saves on the 900 s save point', () => {
    inOrder(
      logs.filter((l) => l.startsWith('6380')),
      [
        new RegExp(
          `^6380 M # Setting secondary replication ID to (${id}), valid up to offset: (\\d+)\\. New replication ID is (${id})$`,
        ),
        /^6380 M \* Discarding previously cached master state\.$/,
        /^6380 M \* MASTER MODE enabled \(user request from 'id=3 addr=127\.0\.0\.1:\d+ fd=\d+ name= age=\d+ idle=0 flags=N db=0 sub=0 psub=0 multi=-1 qbuf=0 qbuf-free=32768 obl=0 oll=0 omem=0 events=r cmd=slaveof'\)$/,
        /^6380 M \* 1 changes in 900 seconds\. Saving\.\.\.$/,
        /^6380 M \* Background saving started by pid \d+$/,
        /^6380 C \* DB saved on disk$/,
        /^6380 C \* RDB: 0 MB of memory used by copy-on-write$/,
        /^6380 M \* Background saving terminated with success$/,
        /^6380 M \* Slave 127\.0\.0\.1:6381 asks for synchronization$/,
        /^6380 M \* Partial resynchronization request from 127\.0\.0\.1:6381 accepted\. Sending 0 bytes of backlog starting from offset \d+\.$/,
      ],
    );
  });

  it('makes 6381 continue with the dead master id at offset+1', () => {
    const l6381 = logs.filter((l) => l.startsWith('6381'));
    inOrder(l6381, [
      /^6381 S \* SLAVE OF 127\.0\.0\.1:6380 enabled \(user request from 'id=3 .*cmd=slaveof'\)$/,
      /^6381 S \* Connecting to MASTER 127\.0\.0\.1:6380$/,
      /^6381 S \* MASTER <-> SLAVE sync started$/,
      /^6381 S \* Non blocking connect for SYNC fired the event\.$/,
      /^6381 S \* Master replied to PING, replication can continue\.\.\.$/,
      new RegExp(`^6381 S \\* Trying a partial resynchronization \\(request ${id}:\\d+\\)\\.$`),
      /^6381 S \* Successful partial resynchronization with master\.$/,
      new RegExp(`^6381 S # Master replication ID changed to ${id}$`),
      /^6381 S \* MASTER <-> SLAVE sync: Master accepted a Partial Resynchronization\.$/,
    ]);
    // The ids and offsets tie together exactly as in the walkthrough.
    const shift = logs.find((l) => l.includes('Setting secondary replication ID'))!;
    const [, oldId, validUpTo, newId] = /to (\w+), valid up to offset: (\d+)\. New replication ID is (\w+)/.exec(
      shift,
    )!;
    expect(l6381).toContain(`6381 S * Trying a partial resynchronization (request ${oldId}:${validUpTo}).`);
    expect(l6381).toContain(`6381 S # Master replication ID changed to ${newId}`);
    expect(logs).toContain(
      `6380 M * Partial resynchronization request from 127.0.0.1:6381 accepted. Sending 0 bytes of backlog starting from offset ${validUpTo}.`,
    );
  });

  it('ends with 6381 on the new history: replid2 = the dead master id, second offset = +1', () => {
    const text = lines.join('\n');
    const replid = /master_replid:(\w+)/.exec(text)![1];
    const replid2 = /master_replid2:(\w+)/.exec(text)![1];
    const shift = logs.find((l) => l.includes('Setting secondary replication ID'))!;
    const [, oldId, validUpTo, newId] = /to (\w+), valid up to offset: (\d+)\. New replication ID is (\w+)/.exec(
      shift,
    )!;
    expect(replid).toBe(newId);
    expect(replid2).toBe(oldId);
    expect(text).toContain(`second_repl_offset:${validUpTo}`);
    expect(text).toContain('master_link_status:up');
  });
});
