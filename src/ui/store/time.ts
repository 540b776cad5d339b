/** The time slice: paused or running, the speed factor and the simulated clock's reading. */
import type { SliceCreator, TimeSlice } from './types';

/** Speeds offered by the speed control (simulated ms per wall ms). */
export const SPEEDS: readonly number[] = [0.25, 0.5, 1, 2, 5, 10, 20];

/** Clamp a speed into [0.25, 20]. */
export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1;
  return Math.min(20, Math.max(0.25, speed));
}

export const createTimeSlice: SliceCreator<TimeSlice> = (set) => ({
  paused: false,
  speed: 1,
  simNow: 0,
  setPaused: (paused) => set({ paused }),
  setSpeed: (speed) => set({ speed: clampSpeed(speed) }),
  setSimNow: (simNow) => set({ simNow }),
});
