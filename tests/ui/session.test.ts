/**
 * The Session drives a playground in real time: a console command that blocks (DEBUG SLEEP,
 * WAIT) answers only when the page's clock has let that much simulated time pass, while the
 * clock and the other consoles go on — it does not make time jump, as a scenario step would.
 */
import { describe, expect, it } from 'vitest';
import { asApi, Playground } from '../../src/playground';
import { Session } from '../../src/ui/session';
import { createAppStore } from '../../src/ui/store';

function session() {
  const pg = new Playground({ version: '7.0', seed: 3 });
  const s = new Session(createAppStore(), asApi(pg));
  return { pg, s };
}

/** Run frames of `ms` wall time each (speed 1) until `done()` or `max` frames. */
async function frames(s: Session, ms: number, max: number, done: () => boolean): Promise<number> {
  let wall = 0;
  for (let i = 0; i < max && !done(); i++) {
    wall += ms;
    await s.frame(ms, wall);
  }
  return wall;
}

describe('Session: console commands in real time', () => {
  it('DEBUG SLEEP answers after its seconds of the clock, while other consoles are served', async () => {
    const { pg, s } = session();
    await s.load({ ports: [6379, 6380], setup: [] });
    const t0 = pg.clock.now();
    let reply: unknown = null;
    const sleeping = s.exec('127.0.0.1:6379', ['DEBUG', 'SLEEP', '2']).then((r) => (reply = r));
    await Promise.resolve();
    expect(reply).toBeNull();
    // Nothing moved the clock: the command is still asleep, and 6380 answers meanwhile.
    expect(pg.clock.now()).toBe(t0);
    expect(await s.exec('127.0.0.1:6380', ['PING'])).toEqual({ t: 'status', s: 'PONG' });
    await frames(s, 250, 4, () => reply !== null);
    expect(reply).toBeNull();
    expect(pg.clock.now() - t0).toBe(1000);
    await frames(s, 250, 20, () => reply !== null);
    await sleeping;
    expect(reply).toEqual({ t: 'status', s: 'OK' });
    expect(pg.clock.now() - t0).toBeGreaterThanOrEqual(2000);
    expect(pg.clock.now() - t0).toBeLessThanOrEqual(2250);
  });

  it('a kill answers a blocked console with nothing (redis-cli: connection closed)', async () => {
    const { s } = session();
    await s.load({ ports: [6379], setup: [] });
    const waiting = s.exec('127.0.0.1:6379', ['WAIT', '1', '0']);
    await s.kill('127.0.0.1:6379');
    expect(await waiting).toBeNull();
  });
});
