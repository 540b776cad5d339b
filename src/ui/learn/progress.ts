/**
 * Progress kept in the browser (localStorage, one key for all lessons): which tutorial steps
 * were done and which exercises solved. A storage that throws (private mode, blocked) keeps
 * nothing and breaks nothing.
 */
const KEY = 'redis-playground:learn-progress';

export interface Progress {
  /** Tutorial id → indexes of the steps done. */
  tutorials: Record<string, number[]>;
  /** Exercise id → solved. */
  exercises: Record<string, boolean>;
}

export class ProgressStore {
  constructor(private readonly storage: Storage | null) {}

  read(): Progress {
    try {
      const raw = this.storage?.getItem(KEY);
      const p = raw ? (JSON.parse(raw) as Partial<Progress>) : {};
      return {
        tutorials: p.tutorials && typeof p.tutorials === 'object' ? p.tutorials : {},
        exercises: p.exercises && typeof p.exercises === 'object' ? p.exercises : {},
      };
    } catch {
      return { tutorials: {}, exercises: {} };
    }
  }

  private write(p: Progress): void {
    try {
      this.storage?.setItem(KEY, JSON.stringify(p));
    } catch {
      // not kept
    }
  }

  stepDone(id: string, step: number): void {
    const p = this.read();
    const done = new Set(p.tutorials[id] ?? []);
    done.add(step);
    p.tutorials[id] = [...done].sort((a, b) => a - b);
    this.write(p);
  }

  solved(id: string): void {
    const p = this.read();
    p.exercises[id] = true;
    this.write(p);
  }
}
