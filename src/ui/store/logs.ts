/** The logs slice: every node's log lines, parsed once, plus the merged timeline and the filter. */
import { parseLogLine } from '../log-line';
import type { LogEntry, LogsSlice, SliceCreator } from './types';

/** Lines kept per node, and in the merged timeline. */
export const LOG_KEEP_PER_NODE = 2000;
export const LOG_KEEP_MERGED = 5000;

export const createLogsSlice: SliceCreator<LogsSlice> = (set, get) => ({
  logSeq: 0,
  logsByNode: {},
  mergedLog: [],
  logFilter: '',

  appendLogs(lines) {
    if (lines.length === 0) return;
    const s = get();
    let seq = s.logSeq;
    const fresh: LogEntry[] = lines.map(({ node, line }) => ({ seq: ++seq, node, line, parsed: parseLogLine(line) }));
    const byNode = { ...s.logsByNode };
    const perNode = new Map<string, LogEntry[]>();
    for (const e of fresh) {
      const list = perNode.get(e.node);
      if (list) list.push(e);
      else perNode.set(e.node, [e]);
    }
    for (const [node, list] of perNode) byNode[node] = [...(byNode[node] ?? []), ...list].slice(-LOG_KEEP_PER_NODE);
    set({ logSeq: seq, logsByNode: byNode, mergedLog: [...s.mergedLog, ...fresh].slice(-LOG_KEEP_MERGED) });
  },

  clearLogs() {
    set({ logsByNode: {}, mergedLog: [] });
  },

  setLogFilter(filter) {
    set({ logFilter: filter });
  },
});

/** Whether a line passes the filter (case-insensitive substring; '' passes everything). */
export function logMatches(entry: LogEntry, filter: string): boolean {
  return filter === '' || entry.line.toLowerCase().includes(filter.toLowerCase()) || entry.node.includes(filter);
}
