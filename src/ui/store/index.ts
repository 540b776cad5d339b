/**
 * The UI store: one zustand vanilla store made of slices (nodes, logs, consoles, time, layout,
 * network). Views subscribe to it and render; the session writes what the playground reports.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createConsolesSlice, memoryHistoryStorage } from './consoles';
import { createLayoutSlice } from './layout';
import { createLogsSlice } from './logs';
import { createNetworkSlice } from './network';
import { createNodesSlice } from './nodes';
import { createTimeSlice } from './time';
import type { AppState, HistoryStorage, LayoutSlice } from './types';

export type AppStore = StoreApi<AppState>;

/** What a store starts with. */
export interface AppStoreOptions {
  history?: HistoryStorage;
  layout?: Partial<Pick<LayoutSlice, 'theme' | 'version' | 'preset'>>;
}

/** Make the store. */
export function createAppStore(opts: AppStoreOptions = {}): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createNodesSlice(...a),
    ...createLogsSlice(...a),
    ...createConsolesSlice(opts.history ?? memoryHistoryStorage())(...a),
    ...createTimeSlice(...a),
    ...createLayoutSlice(opts.layout)(...a),
    ...createNetworkSlice(...a),
  }));
}

/**
 * Subscribe to one selected part of the state; `fn` runs when it changes (by `Object.is`, or by
 * `equal`). Returns the unsubscribe function.
 */
export function watch<T>(
  store: AppStore,
  select: (s: AppState) => T,
  fn: (value: T, prev: T) => void,
  equal: (a: T, b: T) => boolean = Object.is,
): () => void {
  let prev = select(store.getState());
  return store.subscribe((s) => {
    const next = select(s);
    if (equal(next, prev)) return;
    const old = prev;
    prev = next;
    fn(next, old);
  });
}

export { HISTORY_MAX, localHistoryStorage, memoryHistoryStorage } from './consoles';
export { LOG_KEEP_MERGED, LOG_KEEP_PER_NODE, logMatches } from './logs';
export { linkKey } from './network';
export { PSYNC_KEEP, whoseReplid } from './nodes';
export { clampSpeed, SPEEDS } from './time';
export type * from './types';
