// PING [message]
import { pubsubPong, subscribeModeRestricted } from '../pubsub';
import { bulk, error, status } from '../resp';
import type { Command } from './types';

export const pingCommand: Command = {
  name: 'ping',
  arity: -1,
  // 7.0 ping.json: FAST, SENTINEL (no STALE: a stale replica answers MASTERDOWN); 4.0 "tF".
  flags: ['fast'],
  flags40: ['stale', 'fast'],
  acl: ['connection'],
  tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
  args: [{ name: 'message', type: 'string', optional: true }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    if (ctx.argv.length > 2) return error("ERR wrong number of arguments for 'ping' command");
    // A subscribed RESP2 client gets a push-shaped reply: ["pong", message or ""]; RESP3 a plain one.
    if (subscribeModeRestricted(ctx.client)) return pubsubPong(ctx.argv[1]);
    return ctx.argv.length === 2 ? bulk(ctx.argv[1]) : status('PONG');
  },
};
