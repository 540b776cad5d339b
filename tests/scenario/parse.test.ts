import { describe, expect, it } from 'vitest';
import { formatParseErrors, parseNodeAddr, parseScenario, type Scenario } from '../../src/scenario/parse';

function ok(text: string): Scenario {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(formatParseErrors(r.errors));
  return r.scenario;
}
function errs(text: string): string[] {
  const r = parseScenario(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => e.message);
}

describe('parseScenario', () => {
  it('parses the failover example from scenario-format.md', () => {
    const s = ok(
      [
        'nodes 6379 6380 6381',
        '6380> SLAVEOF 127.0.0.1 6379',
        '6381> SLAVEOF 127.0.0.1 6379',
        '6379> SET k1 v1',
        'settle',
        'kill 6379',
        '6380> SLAVEOF NO ONE',
        '6381> SLAVEOF 127.0.0.1 6380',
        'settle',
        '6381> INFO replication',
        '',
      ].join('\n'),
    );
    expect(s.version).toBe('7.0');
    expect(s.versionExplicit).toBe(false);
    expect(s.nodes).toEqual([
      { name: '6379', host: '127.0.0.1', port: 6379 },
      { name: '6380', host: '127.0.0.1', port: 6380 },
      { name: '6381', host: '127.0.0.1', port: 6381 },
    ]);
    expect(s.steps.map((st) => st.kind)).toEqual([
      'nodes',
      'command',
      'command',
      'command',
      'settle',
      'kill',
      'command',
      'command',
      'settle',
      'command',
    ]);
    expect(s.steps[1]).toEqual({
      kind: 'command',
      line: 2,
      text: '6380> SLAVEOF 127.0.0.1 6379',
      node: '6380',
      console: 1,
      async: false,
      input: 'SLAVEOF 127.0.0.1 6379',
    });
    expect(s.steps[5]).toEqual({ kind: 'kill', line: 6, text: 'kill 6379', node: '6379' });
  });

  it('every step kind, comments, blank lines, CRLF', () => {
    const s = ok(
      [
        '# a tutorial',
        'redis 4.0',
        '',
        '   nodes 6379 6380   # two nodes',
        '  6379>   SET k "a # b"  ',
        '6379>GET k',
        '6380>',
        'sleep 1500',
        'sleep 0 # nothing',
        'link 6379 6380 down',
        'link 6380 6379 up',
        'kill 6380',
        'start 6380',
        '\t# indented comment',
        'settle',
      ].join('\r\n'),
    );
    expect(s.version).toBe('4.0');
    expect(s.versionExplicit).toBe(true);
    expect(s.steps).toEqual([
      { kind: 'redis', line: 2, text: 'redis 4.0', version: '4.0' },
      {
        kind: 'nodes',
        line: 4,
        text: 'nodes 6379 6380',
        nodes: [
          { name: '6379', host: '127.0.0.1', port: 6379 },
          { name: '6380', host: '127.0.0.1', port: 6380 },
        ],
      },
      {
        kind: 'command',
        line: 5,
        text: '6379>   SET k "a # b"',
        node: '6379',
        console: 1,
        async: false,
        input: 'SET k "a # b"',
      },
      { kind: 'command', line: 6, text: '6379>GET k', node: '6379', console: 1, async: false, input: 'GET k' },
      { kind: 'command', line: 7, text: '6380>', node: '6380', console: 1, async: false, input: '' },
      { kind: 'sleep', line: 8, text: 'sleep 1500', ms: 1500 },
      { kind: 'sleep', line: 9, text: 'sleep 0', ms: 0 },
      { kind: 'link', line: 10, text: 'link 6379 6380 down', a: '6379', b: '6380', state: 'down' },
      { kind: 'link', line: 11, text: 'link 6380 6379 up', a: '6380', b: '6379', state: 'up' },
      { kind: 'kill', line: 12, text: 'kill 6380', node: '6380' },
      { kind: 'start', line: 13, text: 'start 6380', node: '6380' },
      { kind: 'settle', line: 15, text: 'settle' },
    ]);
  });

  it('a # inside a command line is typed, not a comment', () => {
    const s = ok('nodes 6379\n6379> SET k v # not a comment\n');
    expect(s.steps[1]).toMatchObject({
      kind: 'command',
      input: 'SET k v # not a comment',
      text: '6379> SET k v # not a comment',
    });
  });

  it('HOST:PORT nodes, and PORT / 127.0.0.1:PORT naming the same node', () => {
    const s = ok(
      'nodes 10.0.0.1:6379 10.0.0.2:6379 6380\n10.0.0.2:6379> SLAVEOF 10.0.0.1 6379\n127.0.0.1:6380> PING\nkill 10.0.0.1:6379\n',
    );
    expect(s.nodes).toEqual([
      { name: '10.0.0.1:6379', host: '10.0.0.1', port: 6379 },
      { name: '10.0.0.2:6379', host: '10.0.0.2', port: 6379 },
      { name: '6380', host: '127.0.0.1', port: 6380 },
    ]);
    expect(s.steps[1]).toMatchObject({ kind: 'command', node: '10.0.0.2:6379' });
    expect(s.steps[2]).toMatchObject({ kind: 'command', node: '6380', text: '127.0.0.1:6380> PING' });
    expect(s.steps[3]).toMatchObject({ kind: 'kill', node: '10.0.0.1:6379' });
    expect(errs('nodes 10.0.0.1:6379\n6379> PING\n')).toEqual([
      'line 2: command: node 6379 is not declared (nodes: 10.0.0.1:6379)',
    ]);
  });

  it('settle and sleep may come before nodes', () => {
    expect(ok('sleep 10\nnodes 6379\n').steps.map((s) => s.kind)).toEqual(['sleep', 'nodes']);
  });

  it('reports errors with their line numbers', () => {
    expect(errs('nodes 6379\nfoo bar\n')).toEqual([
      'line 2: unknown step "foo bar" (expected PORT> COMMAND, PORT/N> COMMAND, PORT&> COMMAND, redis, nodes, settle, sleep, kill, start, link or ctrl-c)',
    ]);
    expect(errs('nodes 6379\n6380> PING\n')).toEqual(['line 2: command: node 6380 is not declared (nodes: 6379)']);
    expect(errs('6379> PING\nnodes 6379\n')).toEqual([
      'line 1: command names node 6379 before the `nodes` step; declare the nodes first (e.g. `nodes 6379 6380`)',
    ]);
    expect(errs('nodes 6379\nnodes 6380\n')).toEqual(['line 2: `nodes` given twice (first on line 1)']);
    expect(errs('nodes 6379\nredis 7.0\n')).toEqual(['line 2: `redis` must come before `nodes` (line 1)']);
    expect(errs('redis 7.0\nredis 7.0\nnodes 6379\n')).toEqual(['line 2: `redis` given twice (first on line 1)']);
    expect(errs('redis 5.0\nnodes 6379\n')).toEqual(['line 1: unknown Redis version "5.0" (expected 4.0 or 7.0)']);
    expect(errs('nodes 6379\nsleep abc\n')).toEqual([
      'line 2: `sleep` needs a whole number of milliseconds from 0 to 86400000, got "abc"',
    ]);
    expect(errs('nodes 6379\nsleep -5\n')).toEqual([
      'line 2: `sleep` needs a whole number of milliseconds from 0 to 86400000, got "-5"',
    ]);
    expect(errs('nodes 6379\nsleep 1.5\n')).toEqual([
      'line 2: `sleep` needs a whole number of milliseconds from 0 to 86400000, got "1.5"',
    ]);
    expect(errs('nodes 6379\nsleep\n')).toEqual([
      'line 2: `sleep` expects one number of milliseconds (e.g. `sleep 1000`), got "sleep"',
    ]);
    expect(errs('nodes 6379\nsettle now\n')).toEqual(['line 2: `settle` expects no arguments, got "settle now"']);
    expect(errs('nodes 6379 6379\n')).toEqual(['line 1: nodes: 6379 is declared twice']);
    expect(errs('nodes 6379 70000\n')).toEqual(['line 1: nodes: port 70000 in "70000" is out of range (1-65535)']);
    expect(errs('nodes 6379 abc\n')).toEqual([
      'line 1: nodes: "abc" is not a node address (expected PORT or HOST:PORT)',
    ]);
    expect(errs('nodes\n')).toEqual([
      'line 1: `nodes` expects at least one node (e.g. `nodes 6379 6380`), got "nodes"',
    ]);
    expect(errs('nodes 6379 6380\nlink 6379 6380 sideways\n')).toEqual([
      'line 2: `link` state must be `up` or `down`, got "sideways"',
    ]);
    expect(errs('nodes 6379 6380\nlink 6379 6379 down\n')).toEqual([
      'line 2: `link` needs two different nodes, got 6379 twice',
    ]);
    expect(errs('nodes 6379 6380\nkill\n')).toEqual(['line 2: `kill` expects one node (e.g. `kill 6379`), got "kill"']);
    expect(errs('nodes 6379\nfoo> PING\n')).toEqual([
      'line 2: command: "foo" is not a node address (expected PORT or HOST:PORT)',
    ]);
    expect(errs('nodes 6379\nSETTLE\n')[0]).toMatch(/^line 2: unknown step "SETTLE"/);
  });

  it('reports a script without nodes', () => {
    expect(errs('')).toEqual(['line 1: the script has no `nodes` step (e.g. `nodes 6379 6380`)']);
    expect(errs('# only a comment\nsettle\n')).toEqual([
      'line 2: the script has no `nodes` step (e.g. `nodes 6379 6380`)',
    ]);
  });

  it('reports every error, not just the first', () => {
    expect(errs('nodes 6379\nbogus\n6390> PING\nsleep x\n').map((m) => m.slice(0, 7))).toEqual([
      'line 2:',
      'line 3:',
      'line 4:',
    ]);
  });

  it('parseNodeAddr', () => {
    expect(parseNodeAddr('6379')).toEqual({ name: '6379', host: '127.0.0.1', port: 6379 });
    expect(parseNodeAddr('::1:6379')).toEqual({ name: '::1:6379', host: '::1', port: 6379 });
    expect(parseNodeAddr(':6379')).toEqual({ error: '":6379" has an empty host (expected PORT or HOST:PORT)' });
    expect(parseNodeAddr('0')).toEqual({ error: 'port 0 in "0" is out of range (1-65535)' });
  });
});

describe('parseScenario with live nodes (a script sent to a running playground)', () => {
  const live = [
    { host: '127.0.0.1', port: 6379 },
    { host: '127.0.0.1', port: 6380 },
  ];

  it('lets steps name running nodes without a `nodes` step', () => {
    const r = parseScenario('6379> SET a 1\nkill 6380\nlink 6379 127.0.0.1:6380 down\n', { live });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.steps.map((s) => s.kind)).toEqual(['command', 'kill', 'link']);
    expect(r.scenario.steps[0]).toMatchObject({ node: '6379', input: 'SET a 1' });
  });

  it('still refuses a node that neither runs nor is declared', () => {
    const r = parseScenario('7000> PING\n', { live });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].message).toBe('line 1: command: node 7000 is not declared (nodes: 6379 6380)');
  });

  it('lets a `nodes` step list running nodes again besides new ones', () => {
    const r = parseScenario('nodes 6379 7000\n7000> PING\n6380> PING\n', { live });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.nodes.map((n) => n.name)).toEqual(['6380', '6379', '7000']);
    expect(parseScenario('nodes 7000 7000\n', { live }).ok).toBe(false);
  });

  it('without live nodes still needs its `nodes` step', () => {
    expect(parseScenario('6379> PING\n').ok).toBe(false);
  });
});
