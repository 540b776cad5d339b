/**
 * Reading a Redis log line (`pid:R dd Mon [yyyy] HH:MM:SS.mmm L message`) for display: its level
 * from the level character, its role letter, and whether it is about replication (those lines are
 * highlighted, and the PSYNC outcome lines more strongly).
 */

export type LogLevelName = 'debug' | 'verbose' | 'notice' | 'warning' | 'plain';

/** A log line split into the parts the views colour. */
export interface ParsedLogLine {
  /** `pid:R` */
  prefix: string;
  role: 'M' | 'S' | 'C' | 'X' | '';
  /** Timestamp text as printed. */
  time: string;
  level: LogLevelName;
  message: string;
  /** 0: not about replication; 1: replication; 2: a PSYNC outcome or full-sync milestone. */
  replication: 0 | 1 | 2;
}

const LINE = /^(\d+:([MSCX])) (\d\d \w{3}(?: \d{4})? \d\d:\d\d:\d\d\.\d{3}) ([.\-*#]) (.*)$/;
const LEVELS: Record<string, LogLevelName> = { '.': 'debug', '-': 'verbose', '*': 'notice', '#': 'warning' };

const KEY_EVENTS =
  /Partial resynchronization (request from .* accepted|not accepted)|Successful partial resynchronization|Full resync (from master|requested)|MASTER <-> REPLICA sync: Finished with success|MASTER <-> SLAVE sync: Finished with success|Synchronization with (replica|slave) .* succeeded|for lack of backlog|Setting secondary replication ID|Master replication ID changed/;
const REPLICATION =
  /MASTER|REPLICA|SLAVE|[Rr]eplica|[Ss]lave|PSYNC|[Rr]esync|[Rr]eplication|[Ss]ync|BGSAVE|RDB|backlog|master|Connecting to/;

/** Parse one log line; lines in another shape come back whole as `plain`. */
export function parseLogLine(line: string): ParsedLogLine {
  const m = LINE.exec(line);
  if (!m) return { prefix: '', role: '', time: '', level: 'plain', message: line, replication: 0 };
  const message = m[5];
  return {
    prefix: m[1],
    role: m[2] as ParsedLogLine['role'],
    time: m[3],
    level: LEVELS[m[4]],
    message,
    replication: KEY_EVENTS.test(message) ? 2 : REPLICATION.test(message) ? 1 : 0,
  };
}
