/**
 * The soak's own checks (npm run soak runs thousands of histories; this runs a few, in CI): a
 * seed names one history forever; seeded histories pass in both dialects and really exercise the
 * acknowledged-write check; a history with a write that bypasses replication (DEBUG POPULATE
 * writes without propagating, as in Redis) is caught — as a divergence after settling, and as
 * acknowledged writes lost when a replica is promoted after WAIT — shrunk to the few steps that
 * matter, and its .scn replays with the scenario runner to the same differing digests.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../../src/scenario';
import { generate, type History, type Op, runHistory, toScn } from './history';
import { shrink } from './shrink';

describe.each(['7.0', '4.0'] as const)('soak, Redis %s', (version) => {
  it('a seed names one history, and seeded histories converge with their acknowledged writes kept', () => {
    expect(generate(42, version)).toEqual(generate(42, version));
    expect(generate(42, version)).not.toEqual(generate(43, version));
    let acks = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const out = runHistory(version, generate(seed, version));
      expect(out.failure, `seed ${seed}`).toBeNull();
      acks += out.ackChecks;
    }
    expect(acks).toBeGreaterThan(0);
  });

  const populate: Op = { t: 'write', node: 0, redirect: true, db: 0, argv: ['DEBUG', 'POPULATE', '3'] };
  const noise: History['ops'] = [
    { t: 'write', node: 1, redirect: true, db: 1, argv: ['RPUSH', 'a', 'x'] },
    { t: 'advance', ms: 3000 },
    { t: 'backlog', node: 2, size: 16384 },
    { t: 'write', node: 0, redirect: true, db: 0, argv: ['SADD', 'b', '1'] },
  ];

  it('catches a divergence, shrinks it and prints a .scn that replays it', async () => {
    const h: History = { seed: 7, nodes: 3, initial: [0, 0], ops: [...noise, populate, ...noise] };
    const out = runHistory(version, h);
    expect(out.failure).toMatch(/^divergence: 6380 \(replica of 6379\) vs its top master 6379: DEBUG DIGEST/);
    expect(out.failure).toContain('0/key:0: 6379 string:["value:0"] | 6380 (missing)');
    const small = shrink(version, h, out);
    expect(small.h.ops).toEqual([populate]);
    const scn = toScn(version, small.h, small.out);
    expect(scn).toContain('6379> DEBUG POPULATE 3');
    const parsed = parseScenario(scn);
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    let transcript = '';
    const pg = await runScenario(parsed.scenario, { seed: h.seed }, (s) => {
      transcript += s;
    });
    pg.dispose();
    // The transcript ends with the master's and the replica's digests, which differ.
    const digests = [...transcript.matchAll(/DEBUG DIGEST\n"?([0-9a-f]{40})"?\n/g)].map((m) => m[1]);
    expect(digests.length).toBeGreaterThanOrEqual(2);
    expect(digests[0]).not.toBe(digests[1]);
  });

  it('catches writes missing from a replica promoted after WAIT', () => {
    const h: History = {
      seed: 8,
      nodes: 3,
      initial: [0, 0],
      ops: [...noise, populate, { t: 'promote', node: 0, pick: 0, kill: true, repoint: true }],
    };
    const out = runHistory(version, h);
    expect(out.ackChecks).toBe(1);
    expect(out.failure).toMatch(/^acknowledged writes lost: 6380 acknowledged offset \d+ of 6379 \(WAIT\)/);
    expect(out.failure).toContain('0/key:2: 6379 before WAIT string:["value:2"] | 6380 promoted (missing)');
  });
  it('INCRBYFLOAT on a key with a TTL: Redis 4.0 drops the TTL on the replica (its SET has no KEEPTTL), 7.0 keeps it', () => {
    // Found by the soak (4.0, seed 100020): real 4.0.14 keeps the TTL on the master (dbOverwrite)
    // and propagates `SET key value`, so the generator keeps 4.0's INCRBYFLOAT off keys with TTLs.
    const h: History = {
      seed: 100020,
      nodes: 3,
      initial: [0, 1],
      ops: [
        { t: 'write', node: 0, redirect: true, db: 1, argv: ['PSETEX', 'a', '760406', '10'] },
        { t: 'write', node: 0, redirect: true, db: 1, argv: ['INCRBYFLOAT', 'a', '-0.25'] },
      ],
    };
    const out = runHistory(version, h);
    if (version === '7.0') expect(out.failure).toBeNull();
    else expect(out.failure).toContain('1/a: 6379 string:["9.75"] (with a TTL) | 6380 string:["9.75"]');
  });
});
