/**
 * The built-in exercises' goals tell right from wrong: other correct ways to solve them (the
 * ones the hints describe) pass, and the tempting wrong attempts fail — a full resync where none
 * was allowed, a restart that forgets the replica's role, a replica pointed at the wrong master.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkExercise } from '../../src/learn';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/content/exercises');

/** The exercise with its solution block replaced by `attempt`. */
function withAttempt(id: string, attempt: string): string {
  const text = readFileSync(join(DIR, `${id}.en.md`), 'utf8');
  return text.replace(/```solution\n[\s\S]*?\n```/, `\`\`\`solution\n${attempt}\n\`\`\``);
}

const failing = async (id: string, attempt: string) =>
  (await checkExercise(withAttempt(id, attempt))).map((f) => f.message.replace(/^after the solution, /, ''));

describe('other right answers pass', () => {
  it('failover by hand: pause, wait, promote, re-point', async () => {
    const attempt = [
      '6379> CLIENT PAUSE 10000 WRITE',
      '6379> WAIT 2 1000',
      '6380> REPLICAOF NO ONE',
      '6379> REPLICAOF 127.0.0.1 6380',
      '6381> REPLICAOF 127.0.0.1 6380',
      'settle',
      '6380> SET after failover',
      'settle',
    ].join('\n');
    expect(await failing('failover', attempt)).toEqual([]);
  });

  it('a replica killed after CONFIG REWRITE continues too: the RDB of its full sync records the ID and offset', async () => {
    expect(await failing('replica-restart', '6381> CONFIG REWRITE\nkill 6381\nstart 6381\nsettle')).toEqual([]);
  });

  it('replicaof with the old name, SLAVEOF', async () => {
    expect(await failing('replicaof', '6380> SLAVEOF 127.0.0.1 6379\n6379> SET greeting hello\nsettle')).toEqual([]);
  });
});

describe('wrong attempts fail', () => {
  it('a restart without CONFIG REWRITE comes back as a master and needs a full resync', async () => {
    const f = await failing('replica-restart', '6381> SHUTDOWN\nstart 6381\n6381> REPLICAOF 127.0.0.1 6379\nsettle');
    expect(f).toEqual([
      '"partial-resync 6381 from 6379" fails: no partial resync of 6381 by 6379 yet',
      '"no full-resync" fails: 6379 served 6381 a full sync',
    ]);
  });

  it('healing the link to the master whose backlog lost the offset is a full resync', async () => {
    const f = await failing('backlog-gone', 'link 6379 6380 up\nsettle');
    expect(f).toContain('"no full-resync" fails: 6379 served 6380 a full sync');
  });

  it('a crashed old master restarted and re-pointed needs a full resync', async () => {
    const f = await failing('old-master', 'kill 6379\nstart 6379\n6379> REPLICAOF 127.0.0.1 6380\nsettle');
    expect(f).toContain('"no full-resync" fails: 6380 served 6379 a full sync');
  });

  it('a failover that loses the other replica', async () => {
    const f = await failing(
      'failover',
      '6379> FAILOVER TO 127.0.0.1 6380\nsettle\n6381> REPLICAOF NO ONE\n6380> SET after failover\nsettle',
    );
    expect(f.some((m) => m.startsWith('"acked-writes everywhere" fails'))).toBe(true);
  });

  it('a chain built the other way round', async () => {
    const f = await failing(
      'chain',
      '6381> REPLICAOF 127.0.0.1 6379\n6380> REPLICAOF 127.0.0.1 6381\nsettle\n6379> SET hop 3\nsettle',
    );
    expect(f.length).toBeGreaterThan(0);
  });
});
