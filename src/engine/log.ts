/**
 * Redis's log line format (server.c serverLogRaw): `pid:R timestamp L message`, where R is the role
 * (M master, S replica, C child or early start-up) and L the level (`.` debug, `-` verbose,
 * `*` notice, `#` warning). 4.0 prints `dd Mon HH:MM:SS.mmm`; 7.0 adds the year after the month.
 * Times come from the injected clock and are printed in UTC.
 */
import type { RedisVersion } from './version';

export type LogLevel = 'debug' | 'verbose' | 'notice' | 'warning';
export const LEVEL_CHAR: Record<LogLevel, string> = { debug: '.', verbose: '-', notice: '*', warning: '#' };
const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, verbose: 1, notice: 2, warning: 3 };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The timestamp part of a log line for a unix-ms instant. */
export function logTimestamp(ms: number, version: RedisVersion): string {
  const d = new Date(ms);
  const day = pad(d.getUTCDate());
  const mon = MONTHS[d.getUTCMonth()];
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  return version === '4.0' ? `${day} ${mon} ${time}` : `${day} ${mon} ${d.getUTCFullYear()} ${time}`;
}

/** A whole log line, without the trailing newline. */
export function formatLogLine(
  pid: number,
  role: 'M' | 'S' | 'C',
  ms: number,
  level: LogLevel,
  msg: string,
  version: RedisVersion,
): string {
  return `${pid}:${role} ${logTimestamp(ms, version)} ${LEVEL_CHAR[level]} ${msg}`;
}

/** Whether a line at `level` is printed under `loglevel` `configured`. */
export function levelEnabled(level: LogLevel, configured: LogLevel): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[configured];
}
