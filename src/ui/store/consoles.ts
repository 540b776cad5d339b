/**
 * The consoles slice: per-node command history (redis-cli keeps ~/.rediscli_history; the page
 * keeps one history per node in localStorage, so ↑ still finds yesterday's commands).
 */
import type { ConsolesSlice, HistoryStorage, SliceCreator } from './types';

/** linenoise's default history length. */
export const HISTORY_MAX = 100;

/** History kept in memory only (tests, or when localStorage is unavailable). */
export function memoryHistoryStorage(): HistoryStorage {
  const m = new Map<string, string[]>();
  return { load: (n) => [...(m.get(n) ?? [])], save: (n, e) => m.set(n, [...e]) };
}

/** History in the browser's localStorage, one key per node; failures fall back to nothing. */
export function localHistoryStorage(
  storage: Storage | undefined,
  prefix = 'redis-playground:history:',
): HistoryStorage {
  return {
    load(node) {
      try {
        const v = JSON.parse(storage?.getItem(prefix + node) ?? '[]');
        return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
      } catch {
        return [];
      }
    },
    save(node, entries) {
      try {
        storage?.setItem(prefix + node, JSON.stringify(entries));
      } catch {
        // Quota or privacy mode: history just isn't kept.
      }
    },
  };
}

export const createConsolesSlice =
  (storage: HistoryStorage): SliceCreator<ConsolesSlice> =>
  (set, get) => ({
    histories: {},

    loadHistory(node) {
      const have = get().histories[node];
      if (have) return have;
      const loaded = storage.load(node).slice(-HISTORY_MAX);
      set({ histories: { ...get().histories, [node]: loaded } });
      return loaded;
    },

    addHistory(node, line) {
      if (line.trim() === '') return;
      const list = get().histories[node] ?? get().loadHistory(node);
      if (list[list.length - 1] === line) return;
      const next = [...list, line].slice(-HISTORY_MAX);
      set({ histories: { ...get().histories, [node]: next } });
      storage.save(node, next);
    },
  });
