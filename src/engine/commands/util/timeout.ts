/** getTimeoutFromObjectOrReply in milliseconds (WAIT, CLIENT PAUSE): a string2ll, not negative. */
import { ERR, error, type Reply } from '../../resp';
import { parseLL } from './int';

/** The timeout in ms (0 = none), or Redis's error. */
export function timeoutArg(s: string): number | Reply {
  const v = parseLL(s);
  if (v === null) return error('ERR timeout is not an integer or out of range');
  if (v < 0n) return error('ERR timeout is negative');
  return Number(v);
}

/** getLongFromObjectOrReply: a string2ll, or "value is not an integer or out of range". */
export function longArg(s: string): number | Reply {
  const v = parseLL(s);
  return v === null ? ERR.notInteger : Number(v);
}
