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

/**
 * Simulated time minus the wall clock to keep: a scenario that slept may have put simulated time
 * ahead, and it stays that far ahead; if it is behind (workers took time to boot), it catches up.
 */
export function wallOffsetOf(pg: PlaygroundApi): number {
  return Math.max(0, pg.now() - Date.now());
}

/** Drive `pg`'s clock from `Date.now()` + `offset` every `everyMs` (default 10) until stopped. */
export function followWallClock(pg: PlaygroundApi, offset: number, everyMs = 10): WallClock {
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
