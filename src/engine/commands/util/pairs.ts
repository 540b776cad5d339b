/**
 * Replies made of (member, value) pairs — ZRANGE … WITHSCORES, ZPOPMIN with a count, ZUNION …
 * WITHSCORES, ZRANDMEMBER … WITHSCORES, HRANDFIELD … WITHVALUES — are flat in RESP2 and an array
 * of two-element arrays for a RESP3 client, as Redis 7.0 writes them.
 */
import { array, type Reply } from '../../resp';
import type { Ctx } from '../types';

/** `flat` (a, b, a, b…) as an array of [a, b] arrays. */
export function pairUp(flat: readonly Reply[]): Reply {
  const out: Reply[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push(array([flat[i], flat[i + 1]]));
  return array(out);
}

/** `flat` (member, value, member, value…) as the client's protocol wants it. */
export const pairsReply = (ctx: Ctx, flat: readonly Reply[]): Reply =>
  ctx.client.resp === 3 ? pairUp(flat) : array(flat);
