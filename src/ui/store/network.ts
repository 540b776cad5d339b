/** The network slice: cut links, latency and bandwidth, and the bytes currently on the wire. */
import type { NetworkSlice, SliceCreator } from './types';

/** The key of the link between two nodes, the same in both directions. */
export function linkKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export const createNetworkSlice: SliceCreator<NetworkSlice> = (set, get) => ({
  cutLinks: [],
  latencyMs: 0,
  bytesPerSec: 0,
  inFlight: [],
  capabilities: { shape: false, remove: false, inFlight: false },
  setLinkCut(a, b, cut) {
    const key = linkKey(a, b);
    const has = get().cutLinks.includes(key);
    if (cut === has) return;
    set({ cutLinks: cut ? [...get().cutLinks, key].sort() : get().cutLinks.filter((k) => k !== key) });
  },
  setShape: (latencyMs, bytesPerSec) =>
    set({ latencyMs: Math.max(0, latencyMs), bytesPerSec: Math.max(0, bytesPerSec) }),
  setInFlight(list) {
    if (list.length === 0 && get().inFlight.length === 0) return;
    set({ inFlight: list });
  },
  setCapabilities: (capabilities) => set({ capabilities }),
});
