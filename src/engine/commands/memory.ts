// MEMORY USAGE key [SAMPLES count] | MEMORY STATS | MEMORY DOCTOR | MEMORY MALLOC-STATS |
// MEMORY PURGE | MEMORY HELP
//
// USAGE is the engine's memory model (persistence.ts keyMemory: what the key adds to used_memory;
// the model looks at every element, so SAMPLES changes nothing), not real Redis's allocation
// sizes. STATS and DOCTOR read the figures of INFO memory (info/memory.ts). There is no
// allocator to report on or purge: MALLOC-STATS answers as a Redis built without jemalloc does.
// 7.0 only here.
import { dictOverhead, memorySection } from '../info/memory';
import { keyMemory } from '../persistence';
import { bulk, double, ERR, int, map, NIL, OK, type Reply, verbatim } from '../resp';
import type { Server } from '../server';
import type { Command, Subcommand } from './types';
import { container7, HELP_SUBCOMMAND } from './util/container';
import { helpReply, subcommandSyntaxError } from './util/help';
import { parseLL } from './util/int';

const report = (policy: string): Subcommand => ({
  arity: 2,
  flags: [],
  acl: [],
  tips: ['nondeterministic_output', 'request_policy:all_shards', `response_policy:${policy}`],
  docs: { complexity: 'O(1)' },
});
const SLOW = 'Depends on how much memory is allocated, could be slow';

/** printf("%.17g") of a float (Redis keeps these ratios as C floats). */
function g17(x: number): string {
  const s = Math.fround(x).toPrecision(17);
  return s.includes('e') || !s.includes('.') ? s : s.replace(/0+$/, '').replace(/\.$/, '');
}

function stats(srv: Server): Reply {
  const f = new Map<string, number>();
  for (const line of memorySection(srv).lines.slice(1)) {
    const i = line.indexOf(':');
    f.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  const v = (k: string) => f.get(k) ?? 0;
  const total = v('used_memory');
  const startup = v('used_memory_startup');
  let keys = 0;
  const items: Reply[] = [];
  const num = (k: string, n: number) => items.push(bulk(k), int(n));
  num('peak.allocated', v('used_memory_peak'));
  num('total.allocated', total);
  num('startup.allocated', startup);
  num('replication.backlog', v('mem_replication_backlog'));
  num('clients.slaves', v('mem_clients_slaves'));
  num('clients.normal', v('mem_clients_normal'));
  num('cluster.links', 0);
  num('aof.buffer', 0);
  num('lua.caches', 0);
  num('functions.caches', v('used_memory_functions'));
  for (const db of srv.dbs) {
    if (db.dict.size === 0) continue;
    keys += db.dict.size;
    items.push(
      bulk(`db.${db.id}`),
      map([
        bulk('overhead.hashtable.main'),
        int(dictOverhead(db.dict.size)),
        bulk('overhead.hashtable.expires'),
        int(dictOverhead(db.expires.size)),
        bulk('overhead.hashtable.slot-to-keys'),
        int(0),
      ]),
    );
  }
  num('overhead.total', v('used_memory_overhead'));
  num('keys.count', keys);
  num('keys.bytes-per-key', keys > 0 ? Math.floor((total - startup) / keys) : 0);
  num('dataset.bytes', v('used_memory_dataset'));
  const dbl = (k: string, x: number) => items.push(bulk(k), double(g17(x)));
  dbl('dataset.percentage', (v('used_memory_dataset') * 100) / Math.max(1, total - startup));
  dbl('peak.percentage', (total * 100) / Math.max(1, v('used_memory_peak')));
  num('allocator.allocated', v('allocator_allocated'));
  num('allocator.active', v('allocator_active'));
  num('allocator.resident', v('allocator_resident'));
  dbl('allocator-fragmentation.ratio', v('allocator_active') / v('allocator_allocated'));
  num('allocator-fragmentation.bytes', v('allocator_frag_bytes'));
  dbl('allocator-rss.ratio', v('allocator_resident') / v('allocator_active'));
  num('allocator-rss.bytes', v('allocator_rss_bytes'));
  dbl('rss-overhead.ratio', v('used_memory_rss') / v('allocator_resident'));
  num('rss-overhead.bytes', v('rss_overhead_bytes'));
  dbl('fragmentation', v('used_memory_rss') / total);
  num('fragmentation.bytes', v('mem_fragmentation_bytes'));
  return map(items);
}

/** getMemoryDoctorReport, for what the model can show: an almost empty instance, a past peak. */
function doctor(srv: Server): string {
  const sec = memorySection(srv).lines;
  const get = (k: string) => Number(sec.find((l) => l.startsWith(`${k}:`))?.slice(k.length + 1) ?? 0);
  const total = get('used_memory');
  if (total < 5 * 1024 * 1024) {
    return "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n";
  }
  if (get('used_memory_peak') / total > 1.5) {
    return (
      'Sam, I detected a few issues in this Redis instance memory implants:\n\n' +
      ' * Peak memory: In the past this instance used more than 150% the memory that is currently using. The allocator is normally not able to release memory after a peak, so you can expect to see a big fragmentation ratio, however this is actually harmless and is only due to the memory peak, and if the Redis instance Resident Set Size (RSS) is currently bigger than expected, the memory will be used as soon as you fill the Redis instance with more data. If the memory peak was only occasional and you want to try to reclaim memory, please try the MEMORY PURGE command, otherwise the only other option is to shutdown and restart the instance.\n\n' +
      "I'm here to keep you safe, Sam. I want to help you.\n"
    );
  }
  return "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n";
}

export const memoryCommand: Command = container7(
  'memory',
  {
    'malloc-stats': { ...report('special'), docs: { complexity: SLOW } },
    stats: report('special'),
    usage: {
      arity: -3,
      flags: ['readonly'],
      acl: [],
      keySpecs: [{ flags: ['RO'], index: 2, range: [0, 1, 0] }],
      args: [
        { name: 'key', type: 'key', keySpec: 0 },
        { name: 'count', type: 'integer', token: 'SAMPLES', optional: true },
      ],
      docs: { complexity: 'O(N) where N is the number of samples.' },
    },
    help: HELP_SUBCOMMAND,
    doctor: report('special'),
    purge: {
      ...report('all_succeeded'),
      tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
      docs: { complexity: SLOW },
    },
  },
  (ctx) => {
    const { argv, srv } = ctx;
    const sub = argv[1].toLowerCase();
    const n = argv.length;
    if (sub === 'help' && n === 2) return helpReply(argv[0], '7.0')!;
    if (sub === 'usage' && n >= 3) {
      for (let j = 3; j < n; j++) {
        if (argv[j].toLowerCase() !== 'samples' || j + 1 >= n) return ERR.syntax;
        const samples = parseLL(argv[++j]);
        if (samples === null) return ERR.notInteger;
        if (samples < 0n) return ERR.syntax;
      }
      const v = ctx.db.dict.get(argv[2]);
      return v === undefined ? NIL : int(keyMemory(argv[2], v));
    }
    if (sub === 'stats' && n === 2) return stats(srv);
    if (sub === 'malloc-stats' && n === 2) return bulk('Stats not supported for the current allocator');
    if (sub === 'doctor' && n === 2) return verbatim(doctor(srv));
    if (sub === 'purge' && n === 2) return OK;
    return subcommandSyntaxError(argv);
  },
);
