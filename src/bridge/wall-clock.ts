/**
 * While serving, simulated time follows the wall clock: every few milliseconds the playground is
 * advanced to "wall time + offset", so serverCron runs every 100 ms of real time and the timeouts
 * of real clients and of the engines agree. A tick that finds the previous advance still running
 * skips (the next one catches up), so a busy playground never piles up clock work.
 */
import type { PlaygroundApi } from '../playground';

export interface WallClock {
  stop(): void;
}

/** Drive `pg`'s clock from `Date.now()` every `everyMs` (default 10) until stopped. */
export function followWallClock(pg: PlaygroundApi, everyMs = 10): WallClock {
  // Simulated time may be ahead (a scenario slept): keep its distance from the wall clock; if it
  // is behind (workers took time to boot), it catches up at the first tick.
  const offset = Math.max(0, pg.now() - Date.now());
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    const due = Date.now() + offset - pg.now();
    if (due <= 0) return;
    busy = true;
    pg.advance(due)
      .catch(() => {})
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  return { stop: () => clearInterval(timer) };
}
