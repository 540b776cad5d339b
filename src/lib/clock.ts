/**
 * Time as the engine sees it. The engine never reads a wall clock: a host hands it a Clock,
 * which in tests and the headless runner is a SimClock moved by hand, and in the page a clock
 * driven by the coordinator's speed factor. `now()` is Unix time in milliseconds.
 */
export interface Clock {
  now(): number;
}

/** A clock that only moves when told to (xstate's SimulatedClock idea). */
export class SimClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  /** Move time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.ms += ms;
  }
  /** Jump to an absolute instant (never backwards). */
  set(ms: number): void {
    if (ms > this.ms) this.ms = ms;
  }
}
