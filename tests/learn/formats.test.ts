/**
 * The learning file formats and the checker: parse errors name their line, expect-log patterns
 * match as documented, the goal language parses and rejects what it should, and the headless
 * checker fails a tutorial whose expected line never comes, an exercise that the set-up already
 * solves and one whose solution does not solve it.
 */
import { describe, expect, it } from 'vitest';
import {
  checkExercise,
  checkTutorial,
  type LearnError,
  parseChecks,
  parseExercise,
  parseTutorial,
  patternRegExp,
  syncsFromLogs,
} from '../../src/learn';

const FRONT = (extra = '') => `---\nid: t1\ntitle: T\nlang: en\npreset: masters\nnodes: 3\n${extra}---\n`;

describe('tutorial format', () => {
  it('splits steps at ## headings and keeps blocks with their lines', () => {
    const text = `${FRONT()}Intro text.\n\n## One\n\nRun:\n\n\`\`\`scn\n6380> REPLICAOF 127.0.0.1 6379\nsettle\n\`\`\`\n\n\`\`\`expect-log\n[6380] Connecting to MASTER …:6379\n\`\`\`\n\n## Two\n\nDone.\n`;
    const r = parseTutorial(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t = r.tutorial;
    expect(t.intro.trim()).toBe('Intro text.');
    expect(t.steps.map((s) => s.title)).toEqual(['One', 'Two']);
    const [md, scn, ex] = t.steps[0].parts;
    expect(md.kind).toBe('markdown');
    expect(scn.kind === 'scn' && scn.steps.map((s) => [s.line, s.text])).toEqual([
      [15, '6380> REPLICAOF 127.0.0.1 6379'],
      [16, 'settle'],
    ]);
    expect(ex.kind === 'expect' && ex.lines.map((l) => [l.line, l.node, l.pattern])).toEqual([
      [20, '127.0.0.1:6380', 'Connecting to MASTER …:6379'],
    ]);
  });

  it('reports every problem with its line', () => {
    const text = `---\nid: Bad Id\ntitle: T\nlang: fr\nredis: 5.0\ncolour: red\n---\n\`\`\`scn\nsettle\n\`\`\`\n## S\n\`\`\`scn\n6390> PING\nsleep x\nnodes 6379\n\`\`\`\n\`\`\`expect-log\n[6399] x\n…\n\`\`\`\n\`\`\`scn\nsettle\n`;
    const r = parseTutorial(text);
    expect(r.ok).toBe(false);
    const lines = (r as { errors: readonly LearnError[] }).errors.map((e) => e.line);
    expect(lines).toEqual([2, 4, 5, 6, 8, 13, 14, 15, 17, 18, 19, 21]);
  });

  it('needs front matter and a step', () => {
    expect(parseTutorial('# just markdown\n').ok).toBe(false);
    const r = parseTutorial(FRONT());
    expect(r.ok === false && r.errors[0].message).toMatch(/at least one step/);
  });
});

describe('expect-log patterns', () => {
  it('match anywhere in the line, … standing for any characters, the rest literally', () => {
    const line = "3214:M 02 Sep 15:43:02.000 * MASTER MODE enabled (user request from 'id=3 addr=x cmd=slaveof')";
    expect(patternRegExp('MASTER MODE enabled').test(line)).toBe(true);
    expect(patternRegExp("…:M … * MASTER MODE enabled (user request from …cmd=slaveof')").test(line)).toBe(true);
    expect(patternRegExp('master mode enabled').test(line)).toBe(false);
    expect(patternRegExp('enabled (user request from .*)').test(line)).toBe(false);
  });
});

describe('goal language', () => {
  const ports = [6379, 6380, 6381];
  it('parses every kind of check', () => {
    const errors: LearnError[] = [];
    const checks = parseChecks(
      [
        'role 6380 replica',
        'running 6379',
        'stopped 127.0.0.1:6381',
        'info 6380 master_link_status = up',
        'info 6381 master_repl_offset >= info 6380 master_repl_offset',
        'key 6380 "my key" = "a b"',
        'key 6380 gone missing',
        'keys 6379 > 2',
        'partial-resync 6381 from 6380',
        'full-resync 6380 from 6379',
        'no full-resync',
        'acked-writes everywhere',
        'log [6380] MASTER MODE enabled',
        'no log Full resync',
        '# a comment',
      ].join('\n'),
      10,
      ports,
      errors,
    );
    expect(errors).toEqual([]);
    expect(checks.map((c) => c.kind)).toEqual([
      'role',
      'running',
      'running',
      'info',
      'info',
      'key',
      'key',
      'keys',
      'resync',
      'resync',
      'no-full-resync',
      'acked-writes',
      'log',
      'log',
    ]);
    expect(checks[5]).toMatchObject({ key: 'my key', value: 'a b', line: 15 });
  });

  it('rejects malformed checks with their line', () => {
    const errors: LearnError[] = [];
    parseChecks(
      [
        'role 6380 leader',
        'role 7000 master',
        'info 6380 x ~ 1',
        'keys 6379 > many',
        'frobnicate',
        'no log …',
        'key 6379 "open',
      ].join('\n'),
      1,
      ports,
      errors,
    );
    expect(errors.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(errors[4].message).toMatch(/unknown check "frobnicate"/);
  });
});

describe('resyncs read from the masters’ logs', () => {
  it('tells partial from full, in both dialects', () => {
    const logs = [
      { node: '127.0.0.1:6379', line: '1:M 01 Jan * Replica 127.0.0.1:6380 asks for synchronization' },
      { node: '127.0.0.1:6379', line: '1:M 01 Jan * Full resync requested by replica 127.0.0.1:6380' },
      { node: '127.0.0.1:6380', line: '2:M 01 Jan * Slave 127.0.0.1:6381 asks for synchronization' },
      {
        node: '127.0.0.1:6380',
        line: '2:M 01 Jan * Partial resynchronization request from 127.0.0.1:6381 accepted. Sending 0 bytes',
      },
    ];
    expect(syncsFromLogs(logs)).toEqual([
      { master: '127.0.0.1:6379', replica: '127.0.0.1:6380', partial: false },
      { master: '127.0.0.1:6380', replica: '127.0.0.1:6381', partial: true },
    ]);
  });
});

describe('the headless checker', () => {
  it('fails a tutorial whose expected line never appears, at that line', async () => {
    const text = `${FRONT()}## S\n\`\`\`scn\n6380> REPLICAOF 127.0.0.1 6379\nsettle\n\`\`\`\n\`\`\`expect-log\n[6380] Successful partial resynchronization\n[6380] Full resync from master\n\`\`\`\n`;
    const f = await checkTutorial(text);
    expect(f.map((x) => x.line)).toEqual([14]);
  });

  const exercise = (setup: string, solution: string) =>
    `${FRONT()}Task.\n\`\`\`setup\n${setup}\n\`\`\`\n\`\`\`goal\nrole 6380 replica\nkey 6380 k = v\n\`\`\`\n\`\`\`solution\n${solution}\n\`\`\`\n`;

  it('passes a good exercise', async () => {
    const src = exercise('6379> SET k v', '6380> REPLICAOF 127.0.0.1 6379\nsettle');
    expect(parseExercise(src).ok).toBe(true);
    expect(await checkExercise(src)).toEqual([]);
  });

  it('fails one the set-up already solves', async () => {
    const f = await checkExercise(exercise('6379> SET k v\n6380> REPLICAOF 127.0.0.1 6379\nsettle', 'settle'));
    expect(f).toEqual([{ line: 15, message: 'the set-up alone already satisfies every check' }]);
  });

  it('fails one whose solution does not solve it, naming the failing check', async () => {
    const f = await checkExercise(exercise('6379> SET k v', '6380> REPLICAOF 127.0.0.1 6379'));
    // without settle the link is not up yet, so the key has not arrived
    expect(f).toEqual([{ line: 14, message: 'after the solution, "key 6380 k = v" fails: k does not exist on 6380' }]);
  });

  it('counts acknowledged writes, including those in MULTI', async () => {
    const goal = 'acked-writes everywhere';
    const src = (sol: string) =>
      `${FRONT()}\`\`\`setup\n6380> REPLICAOF 127.0.0.1 6379\n6381> REPLICAOF 127.0.0.1 6379\nsettle\n\`\`\`\n\`\`\`goal\n${goal}\n\`\`\`\n\`\`\`solution\n${sol}\n\`\`\`\n`;
    expect(await checkExercise(src('6379> MULTI\n6379> SET a 1\n6379> EXEC\n6379> SET b 2\nsettle'))).toEqual([]);
    // 6381 is cut off from its master: the write is not on every node
    const f = await checkExercise(src('link 6379 6381 down\n6379> SET c 3\nsleep 1000'));
    expect(f[0].message).toMatch(/c is missing on 6381/);
    // a write refused by a read-only replica is not acknowledged: nothing to check, not solved
    const g = await checkExercise(src('6380> SET d 4'));
    expect(g[0].message).toMatch(/no write was acknowledged/);
  });
});
