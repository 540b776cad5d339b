/** The layout slice: theme, the node tab shown on narrow screens, the Redis version and preset. */
import type { LayoutSlice, SliceCreator, Theme } from './types';

export const createLayoutSlice =
  (initial: { theme?: Theme; version?: LayoutSlice['version']; preset?: string } = {}): SliceCreator<LayoutSlice> =>
  (set, get) => ({
    theme: initial.theme ?? 'dark',
    activeNode: null,
    version: initial.version ?? '7.0',
    preset: initial.preset ?? 'replicas',
    setTheme: (theme) => set({ theme }),
    setActiveNode: (activeNode) => {
      if (activeNode !== null && !get().nodeOrder.includes(activeNode)) return;
      set({ activeNode });
    },
    setVersion: (version) => set({ version }),
    setPreset: (preset) => set({ preset }),
  });
