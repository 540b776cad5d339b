/**
 * The settings parser the <redis-playground> element and the page's URL share: every accepted
 * value, every refused one with its message (never a silent fallback), the node limit, port lists
 * and what a preset makes of them, and the preset labels that follow the actual plan.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/content';
import { describePlan, MAX_NODES, parseSettings, planOf } from '../../src/ui/settings';

const attrs = (o: Record<string, string>) => (n: string) => (n in o ? o[n] : null);
const url = (q: string) => {
  const p = new URLSearchParams(q);
  return (n: string) => p.get(n);
};

describe('parseSettings', () => {
  it('has defaults and no problems when nothing is set', () => {
    const r = parseSettings(attrs({}));
    expect(r.problems).toEqual([]);
    expect(r.settings).toEqual({ layout: 'full', history: 'local' });
  });

  it('accepts every valid value', () => {
    const r = parseSettings(
      attrs({
        version: '4.0',
        preset: 'chain',
        nodes: '4',
        theme: 'light',
        layout: 'compact',
        height: '480px',
        history: 'off',
        scenario: 'scenarios/failover.scn',
      }),
    );
    expect(r.problems).toEqual([]);
    expect(r.settings).toEqual({
      version: '4.0',
      preset: 'chain',
      nodes: 4,
      theme: 'light',
      layout: 'compact',
      height: '480px',
      history: 'off',
      scenarioUrl: 'scenarios/failover.scn',
    });
  });

  it('says what is wrong with each bad value and what is done instead', () => {
    const r = parseSettings(
      attrs({ version: '9', preset: 'ring', theme: 'blue', layout: 'tiny', height: 'tall', history: 'cloud' }),
    );
    expect(r.settings).toEqual({ layout: 'full', history: 'local' });
    expect(r.problems.map((p) => p.message)).toEqual([
      'version="9": expected 7.0 or 4.0; running Redis 7.0.',
      'preset="ring": expected replicas or masters or chain or fan; starting with the default preset (replicas).',
      'theme="blue": expected light or dark; using the reader\'s preferred theme.',
      'layout="tiny": expected full or compact; showing the full layout.',
      'height="tall": expected a CSS length such as 480px, 70vh or 30em; using the natural height.',
      'history="cloud": expected local or off; keeping history in this browser (local).',
    ]);
    expect(r.problems.map((p) => p.name)).toEqual(['version', 'preset', 'theme', 'layout', 'height', 'history']);
  });

  it('words URL parameters as the address bar shows them', () => {
    const r = parseSettings(url('?version=9&nodes=999'), 'url');
    expect(r.problems.map((p) => p.message)).toEqual([
      '?version=9: expected 7.0 or 4.0; running Redis 7.0.',
      "?nodes=999: at most 32 nodes (a single port must be from 1024 to 65535); starting the preset's 3 nodes.",
    ]);
    expect(r.settings.version).toBeUndefined();
    expect(r.settings.nodes).toBeUndefined();
  });

  it('reads only the settings it is asked for', () => {
    const r = parseSettings(url('?layout=bad&height=x&history=y&scenario=javascript:alert(1)'), 'url', ['version']);
    expect(r.problems).toEqual([]);
    expect(r.settings).toEqual({ layout: 'full', history: 'local' });
  });

  describe('nodes', () => {
    it('takes a count from 1 to 32', () => {
      expect(parseSettings(attrs({ nodes: '1' })).settings.nodes).toBe(1);
      expect(parseSettings(attrs({ nodes: ' 32 ' })).settings.nodes).toBe(MAX_NODES);
      expect(parseSettings(attrs({ nodes: '33' })).problems[0].message).toMatch(/^nodes="33": at most 32 nodes/);
      expect(parseSettings(attrs({ nodes: '0' })).problems[0].message).toBe(
        'nodes="0": a playground needs at least 1 node; starting the preset\'s 3 nodes.',
      );
    });

    it("names the chosen preset's own count as the fallback", () => {
      expect(parseSettings(attrs({ preset: 'fan', nodes: '-2' })).problems[0].message).toBe(
        'nodes="-2": -2 is not a port from 1024 to 65535; starting the preset\'s 6 nodes.',
      );
    });

    it('takes a list of ports, separated by blanks or commas, in the given order', () => {
      expect(parseSettings(attrs({ nodes: '6379 6380 7000' })).settings.nodes).toEqual([6379, 6380, 7000]);
      expect(parseSettings(attrs({ nodes: '7000,6379, 6380' })).settings.nodes).toEqual([7000, 6379, 6380]);
      expect(parseSettings(attrs({ nodes: '7000' })).settings.nodes).toEqual([7000]);
    });

    it('refuses bad ports, repeated ports, too many ports and an empty value', () => {
      const msg = (v: string) => parseSettings(attrs({ nodes: v })).problems.map((p) => p.message);
      expect(msg('6379 80 abc')).toEqual([
        'nodes="6379 80 abc": 80, abc are not ports from 1024 to 65535; starting the preset\'s 3 nodes.',
      ]);
      expect(msg('6379 70000')).toEqual([
        'nodes="6379 70000": 70000 is not a port from 1024 to 65535; starting the preset\'s 3 nodes.',
      ]);
      expect(msg('6379 6380 6379')).toEqual([
        'nodes="6379 6380 6379": port 6379 is listed twice; starting the preset\'s 3 nodes.',
      ]);
      const many = Array.from({ length: 33 }, (_, i) => 7000 + i).join(' ');
      expect(msg(many)[0]).toMatch(/: 33 ports, but a playground has at most 32 nodes; /);
      expect(msg('  ')).toEqual([
        'nodes="  ": expected a count (1–32) or a list of ports; starting the preset\'s 3 nodes.',
      ]);
    });
  });

  it('accepts relative and http(s) scenario URLs only', () => {
    expect(parseSettings(attrs({ scenario: 'https://example.org/a.scn' })).settings.scenarioUrl).toBe(
      'https://example.org/a.scn',
    );
    expect(parseSettings(attrs({ scenario: '/docs/a.scn' })).settings.scenarioUrl).toBe('/docs/a.scn');
    for (const bad of ['javascript:alert(1)', 'data:text/plain,nodes 6379', 'file:///etc/passwd']) {
      const r = parseSettings(attrs({ scenario: bad }));
      expect(r.settings.scenarioUrl).toBeUndefined();
      expect(r.problems[0].message).toMatch(
        /^scenario=".*": a scenario is fetched over http\(s\), not [a-z]+:; running no scenario\.$/,
      );
    }
  });

  it('accepts CSS lengths and percentages for height, nothing else', () => {
    for (const ok of ['480px', '70vh', '30em', '100%', '12.5rem', '.5in'])
      expect(parseSettings(attrs({ height: ok })).settings.height).toBe(ok);
    for (const bad of ['480', 'px', '10px; color: red', 'calc(100vh - 10px)', 'auto', '-5px'])
      expect(parseSettings(attrs({ height: bad })).problems).toHaveLength(1);
  });
});

describe('planOf and the preset labels', () => {
  it("gives each preset's shape over a count", () => {
    expect(planOf('chain', 2)).toEqual({
      ports: [6379, 6380],
      setup: [{ port: 6380, line: 'SLAVEOF 127.0.0.1 6379' }],
    });
    expect(planOf(undefined, undefined).ports).toEqual([6379, 6380, 6381]);
    expect(planOf('fan', undefined).ports).toHaveLength(6);
  });

  it("gives each preset's shape over a list of ports, in their order", () => {
    expect(planOf('chain', [7000, 6379, 6380]).setup).toEqual([
      { port: 6379, line: 'SLAVEOF 127.0.0.1 7000' },
      { port: 6380, line: 'SLAVEOF 127.0.0.1 6379' },
    ]);
    expect(planOf('replicas', [6379, 6380, 7000]).setup).toEqual([
      { port: 6380, line: 'SLAVEOF 127.0.0.1 6379' },
      { port: 7000, line: 'SLAVEOF 127.0.0.1 6379' },
    ]);
    expect(planOf('masters', [6379, 7000])).toEqual({ ports: [6379, 7000], setup: [] });
  });

  it('labels what the plan is, not what the preset makes by default', () => {
    expect(describePlan('chain', planOf('chain', 1))).toBe('A chain of one node: 6379');
    expect(describePlan('chain', planOf('chain', 2))).toBe('A chain: 6379 ← 6380');
    expect(describePlan('chain', planOf('chain', 3))).toBe('A chain: 6379 ← 6380 ← 6381');
    expect(describePlan('chain', planOf('chain', 8))).toBe('A chain of 8 nodes: 6379 ← … ← 6386');
    expect(describePlan('replicas', planOf('replicas', [6379, 6380, 7000]))).toBe(
      'One master, two replicas: 6379 ← 6380, 7000',
    );
    expect(describePlan('replicas', planOf('replicas', 1))).toBe('One master: 6379');
    expect(describePlan('masters', planOf('masters', 2))).toBe('Two empty masters: 6379, 6380');
    expect(describePlan('fan', planOf('fan', undefined))).toBe('One master, five replicas');
    expect(PRESETS.map((p) => p.label)).toEqual([
      'One master, two replicas: 6379 ← 6380, 6381',
      'Three empty masters: 6379, 6380, 6381',
      'A chain: 6379 ← 6380 ← 6381',
      'One master, five replicas',
    ]);
  });
});
