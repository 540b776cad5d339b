/**
 * A tiny typed event emitter whose `on` returns a disposer (xterm's IDisposable idea), so views and
 * runners can collect their subscriptions and drop them together.
 */
export type Disposer = () => void;

export class Emitter<T> {
  private listeners = new Set<(ev: T) => void>();
  on(fn: (ev: T) => void): Disposer {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit(ev: T): void {
    for (const fn of this.listeners) fn(ev);
  }
  get size(): number {
    return this.listeners.size;
  }
}
