/**
 * What a node does depends on its own seed only: its random source is derived from the
 * playground's seed, its name and how many times it was started, so adding, removing or
 * reordering other nodes — or running it in another thread — leaves its replication ids alone.
 * Pids come from the coordinator; a forked child's pid follows its parent's.
 */
import { describe, expect, it } from 'vitest';
import { nodeSeed } from '../../src/host';
import { Playground, type Reply } from '../../src/playground';

const bulk = (r: Reply | null) => (r?.t === 'bulk' ? (r.s ?? '') : '');
const field = (info: string, name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();

function replidOf(pg: Playground, name: string): string | undefined {
  return field(bulk(pg.exec(name, ['INFO', 'replication'])), 'master_replid');
}

describe('per-node randomness', () => {
  it('gives a node the same ids whatever other nodes exist or start first', () => {
    const alone = new Playground({ seed: 3 });
    const a = alone.addNode('127.0.0.1', 6379);
    alone.start(a);

    const crowd = new Playground({ seed: 3 });
    const others = [6381, 6380].map((p) => crowd.addNode('127.0.0.1', p));
    for (const o of others) crowd.start(o);
    const b = crowd.addNode('127.0.0.1', 6379);
    crowd.start(b);
    for (const o of others) crowd.exec(o, ['SET', 'x', 'y']);

    expect(replidOf(crowd, b)).toBe(replidOf(alone, a));
    expect(replidOf(crowd, others[0])).not.toBe(replidOf(crowd, b));
  });

  it('gives each start of a process a new random source, the same on every run', () => {
    const ids = () => {
      const pg = new Playground({ seed: 9 });
      const a = pg.addNode('127.0.0.1', 6379);
      pg.start(a);
      const first = replidOf(pg, a);
      pg.kill(a);
      pg.start(a);
      return [first, replidOf(pg, a)];
    };
    const [first, second] = ids();
    expect(first).not.toBe(second);
    expect(ids()).toEqual([first, second]);
    expect(nodeSeed(9, '127.0.0.1:6379', 0)).not.toBe(nodeSeed(9, '127.0.0.1:6379', 1));
    expect(nodeSeed(9, '127.0.0.1:6379', 0)).not.toBe(nodeSeed(10, '127.0.0.1:6379', 0));
  });

  it('numbers a forked child after its parent', () => {
    const pg = new Playground({ seed: 4 });
    const a = pg.addNode('127.0.0.1', 6379);
    const lines: string[] = [];
    pg.events.on((ev) => {
      if (ev.type === 'log') lines.push(ev.line);
    });
    pg.start(a);
    const pid = Number(/^(\d+):/.exec(lines[0])![1]);
    pg.exec(a, ['BGSAVE']);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`Background saving started by pid ${pid + 1}$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${pid + 1}:C .* DB saved on disk$`)));
  });
});
