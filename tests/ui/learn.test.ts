/**
 * The Learn panel's DOM-free parts: the session hooks it relies on (every console command seen
 * when sent and when answered; `advance` and `settle` moving simulated time at once for a
 * tutorial's `sleep` / `settle`), the progress kept in storage, the language choice, and an exercise's
 * checks evaluated from commands recorded through the session, as the exercise view does.
 */
import { describe, expect, it } from 'vitest';
import { evaluateChecks, parseChecks, Recorder } from '../../src/learn';
import { asApi, Playground } from '../../src/playground';
import { pickLang, strings } from '../../src/ui/learn/i18n';
import { ProgressStore } from '../../src/ui/learn/progress';
import { type CommandEvent, Session } from '../../src/ui/session';
import { createAppStore } from '../../src/ui/store';

function session() {
  const pg = new Playground({ version: '7.0', seed: 3 });
  return { pg, s: new Session(createAppStore(), asApi(pg)) };
}

/** A Storage over a Map. */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

describe('Session hooks for the Learn panel', () => {
  it('reports each console command when sent and when answered', async () => {
    const { s } = session();
    await s.load({ ports: [6379], setup: [] });
    const seen: CommandEvent[] = [];
    const off = s.onCommand((e) => seen.push(e));
    await s.exec('127.0.0.1:6379', ['SET', 'a', '1']);
    off();
    await s.exec('127.0.0.1:6379', ['GET', 'a']);
    expect(seen.map((e) => [e.phase, e.argv.join(' '), e.reply])).toEqual([
      ['sent', 'SET a 1', null],
      ['reply', 'SET a 1', { t: 'status', s: 'OK' }],
    ]);
  });

  it('reports a command whose node is down with a null reply', async () => {
    const { s } = session();
    await s.load({ ports: [6379], setup: [] });
    await s.kill('127.0.0.1:6379');
    const seen: CommandEvent[] = [];
    s.onCommand((e) => seen.push(e));
    await s.exec('127.0.0.1:6379', ['PING']);
    expect(seen.map((e) => [e.phase, e.reply])).toEqual([
      ['sent', null],
      ['reply', null],
    ]);
  });

  it('advance and settle (a tutorial’s sleep and settle) let time pass at once', async () => {
    const { pg, s } = session();
    await s.load({ ports: [6379, 6380], setup: [] });
    const t0 = pg.clock.now();
    await s.advance(61_000);
    expect(pg.clock.now() - t0).toBe(61_000);
    await s.exec('127.0.0.1:6380', ['REPLICAOF', '127.0.0.1', '6379']);
    await s.settle();
    expect((await pg.snapshot('127.0.0.1:6380'))?.linkState).toBe('connected');
  });
});

describe('an exercise evaluated from commands typed through the session', () => {
  it('is solved once the learner made 6380 a replica and wrote the key', async () => {
    const { pg, s } = session();
    await s.load({ ports: [6379, 6380], setup: [] });
    const rec = new Recorder(s.api);
    s.onCommand((e) => e.phase === 'reply' && rec.noteReply(e.node, e.argv, e.reply));
    const errors: never[] = [];
    const checks = parseChecks('role 6380 replica\nkey 6380 k = v\nacked-writes everywhere', 1, [6379, 6380], errors);
    const ok = async () => (await evaluateChecks(checks, s.api, rec)).map((r) => r.ok);
    expect(await ok()).toEqual([false, false, false]);
    await s.exec('127.0.0.1:6380', ['REPLICAOF', '127.0.0.1', '6379']);
    await s.exec('127.0.0.1:6379', ['SET', 'k', 'v']);
    expect(rec.commands).toHaveLength(2);
    await s.settle();
    expect(await ok()).toEqual([true, true, true]);
    expect(pg.nodeNames()).toHaveLength(2);
  });
});

describe('progress and language', () => {
  it('keeps tutorial steps and solved exercises, and survives a broken store', () => {
    const st = memoryStorage();
    const p = new ProgressStore(st);
    p.stepDone('seed', 2);
    p.stepDone('seed', 0);
    p.stepDone('seed', 2);
    p.solved('replicaof');
    expect(new ProgressStore(st).read()).toEqual({ tutorials: { seed: [0, 2] }, exercises: { replicaof: true } });
    st.setItem('redis-playground:learn-progress', '{not json');
    expect(new ProgressStore(st).read()).toEqual({ tutorials: {}, exercises: {} });
    expect(new ProgressStore(null).read()).toEqual({ tutorials: {}, exercises: {} });
  });

  it('takes en or zh as asked, else the browser’s language', () => {
    expect(pickLang('zh')).toBe('zh');
    expect(pickLang('en')).toBe('en');
    expect(strings('zh').solved).toBe('已完成');
    expect(strings('en').solved).toBe('Solved');
    expect(['en', 'zh']).toContain(pickLang('fr'));
  });
});
