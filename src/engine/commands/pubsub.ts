// PUBSUB CHANNELS [pattern] | NUMSUB [channel ...] | NUMPAT | SHARDCHANNELS [pattern] |
// SHARDNUMSUB [shardchannel ...] | HELP
//
// pubsub.c pubsubCommand: introspection of the subscription maps (../pubsub.ts). CHANNELS lists
// channels with at least one subscriber, NUMSUB answers a flat [channel, count, ...] array,
// NUMPAT counts distinct patterns (4.0: pattern subscriptions, one per client and pattern).
// 7.0 is a container command; 4.0 checks the subcommand itself.
import { array, bulk, bulkArray, error, int, type Reply } from '../resp';
import { pubsubSubcommands } from './pubsub-subcommands';
import type { Command } from './types';
import { globMatch } from './util/glob';
import { helpReply } from './util/help';

function names(m: Map<string, Set<unknown>>, pattern: string | undefined): Reply {
  const out: string[] = [];
  for (const name of m.keys()) if (pattern === undefined || globMatch(pattern, name)) out.push(name);
  return bulkArray(out);
}

function counts(m: Map<string, Set<unknown>>, channels: string[]): Reply {
  const items: Reply[] = [];
  for (const ch of channels) items.push(bulk(ch), int(m.get(ch)?.size ?? 0));
  return array(items);
}

export const pubsubCommand: Command = {
  name: 'pubsub',
  arity: -2,
  flags: [],
  flags40: ['pubsub', 'random', 'loading', 'stale'],
  subcommands: pubsubSubcommands,
  docs: { complexity: 'Depends on subcommand.' },
  run(ctx): Reply {
    const { srv, argv } = ctx;
    const ps = srv.pubsub;
    const sub = argv[1].toLowerCase();
    const n = argv.length;
    if (ctx.version === '7.0' && sub === 'help' && n === 2) return helpReply(argv[0], ctx.version)!;
    if ((sub === 'channels' && (n === 2 || n === 3)) || (ctx.version === '7.0' && sub === 'shardchannels' && n <= 3)) {
      return names(sub === 'channels' ? ps.channels : ps.shardChannels, argv[2]);
    }
    if (sub === 'numsub') return counts(ps.channels, argv.slice(2));
    if (ctx.version === '7.0' && sub === 'shardnumsub') return counts(ps.shardChannels, argv.slice(2));
    if (sub === 'numpat' && n === 2) return int(ctx.version === '7.0' ? ps.numPatterns : ps.patternSubscriptions);
    if (ctx.version === '4.0') {
      return error(`ERR Unknown PUBSUB subcommand or wrong number of arguments for '${argv[1]}'`);
    }
    return error(`ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try PUBSUB HELP.`);
  },
};
