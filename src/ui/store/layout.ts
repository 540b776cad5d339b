/**
 * The layout slice: theme, the node tab shown on narrow screens, the Redis version and preset, and
 * what the playground started as (the preset menu's label for it).
 */
import type { LayoutSlice, SliceCreator, Theme } from './types';

export const createLayoutSlice =
  (initial: { theme?: Theme; version?: LayoutSlice['version']; preset?: string } = {}): SliceCreator<LayoutSlice> =>
  (set, get) => ({
    theme: initial.theme ?? 'dark',
    activeNode: null,
    version: initial.version ?? '7.0',
    preset: initial.preset ?? 'replicas',
    setupLabel: '',
    setTheme: (theme) => set({ theme }),
    setActiveNode: (activeNode) => {
      if (activeNode !== null && !get().nodeOrder.includes(activeNode)) return;
      set({ activeNode });
    },
    setVersion: (version) => set({ version }),
    setPreset: (preset) => set({ preset }),
    setSetupLabel: (setupLabel) => set({ setupLabel }),
  });
