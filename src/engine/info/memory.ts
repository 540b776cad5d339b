/**
 * INFO memory. used_memory is the playground's estimate (persistence.ts usedMemory: a fixed base
 * plus a cost per key). The engine has no allocator and no process, so every other figure is
 * derived from it with fixed offsets measured on a fresh Debian redis-server 7.0.15 (jemalloc on
 * Linux): the allocator's own metadata, its page rounding, the resident pages the binary and
 * its libraries add. They keep Redis's relations (ratios are quotients of the printed bytes,
 * dataset = used - overhead) but are not measurements. The Lua VM is not measured:
 * its memory figures are an idle server's (the script, function and library counts are real).
 */

import { measureMemory } from '../persistence';
import { functionCount, functionsOf } from '../scripting/functions';
import { cachedScripts } from '../scripting/run';
import type { Server } from '../server';
import { bytesToHuman, fixed2, Section } from './format';

/** used_memory_startup of an idle server (the base of the estimate covers it and the clients). */
const STARTUP_7 = 876_224;
const STARTUP_4 = 765_584;
/** What jemalloc holds beyond what Redis asked for, and the pages around it (fresh 7.0.15). */
const ALLOCATOR_METADATA = 774_400;
const ALLOCATOR_FRAGMENTATION = 1.08;
const RESIDENT_EXTRA = 2_670_592;
const PROCESS_EXTRA = 2_134_016;
/** total_system_memory: an 8 GiB machine. */
const SYSTEM_MEMORY = 8 * 1024 ** 3;
/** A client's query and reply buffers, as CLIENT LIST's tot-mem shows an idle one. */
const CLIENT_MEMORY = 22_272;
/** One 7.0 replication buffer block (16 KiB request in its jemalloc size class, with its header). */
const REPL_BLOCK_MEMORY = 20_504;
const REPL_BLOCK_PAYLOAD = 20_440;

const page = (n: number) => Math.ceil(n / 4096) * 4096;
const pct = (a: number, b: number) => `${fixed2(b > 0 ? (a * 100) / b : 0)}%`;

/** Dict overhead of a table of `n` entries: a 24-byte entry each, 8 bytes per bucket (power of two). */
export function dictOverhead(n: number): number {
  if (n === 0) return 0;
  return n * 24 + 2 ** Math.ceil(Math.log2(Math.max(n, 4))) * 8;
}

export function memorySection(srv: Server): Section {
  const sec = new Section('Memory');
  const is7 = srv.d.is7;
  const used = measureMemory(srv);
  const peak = srv.stats.peakMemory;
  const startup = is7 ? STARTUP_7 : STARTUP_4;

  let normal = 0;
  let replicas = 0;
  for (const c of srv.clients.values()) {
    if (srv.isReplicaClient(c)) replicas++;
    else normal++;
  }
  const clientsNormal = normal * CLIENT_MEMORY;
  const clientsSlaves = replicas * CLIENT_MEMORY;
  const backlog = srv.repl.backlog;
  let replBuffers = 0;
  let replBacklog = 0;
  if (backlog !== null) {
    if (is7) {
      replBuffers = Math.ceil(backlog.histlen / REPL_BLOCK_PAYLOAD) * REPL_BLOCK_MEMORY;
      replBacklog = replBuffers > 0 ? replBuffers + 4 : 0;
    } else {
      replBacklog = srv.config.int('repl-backlog-size');
    }
  }
  let dicts = 0;
  for (const db of srv.dbs) dicts += dictOverhead(db.dict.size) + dictOverhead(db.expires.size);
  // The estimate's base does not grow with the backlog, so the overhead never passes used_memory.
  const overhead = Math.min(used, startup + clientsNormal + clientsSlaves + replBacklog + dicts);
  const dataset = used - overhead;
  const allocated = used + ALLOCATOR_METADATA;
  const active = page(allocated * ALLOCATOR_FRAGMENTATION);
  const resident = page(active + RESIDENT_EXTRA);
  const rss = page(resident + PROCESS_EXTRA);
  const maxmemory = srv.config.int('maxmemory');

  sec.add('used_memory', used);
  sec.add('used_memory_human', bytesToHuman(used));
  sec.add('used_memory_rss', rss);
  sec.add('used_memory_rss_human', bytesToHuman(rss));
  sec.add('used_memory_peak', peak);
  sec.add('used_memory_peak_human', bytesToHuman(peak));
  sec.add('used_memory_peak_perc', pct(used, peak));
  sec.add('used_memory_overhead', overhead);
  sec.add('used_memory_startup', startup);
  sec.add('used_memory_dataset', dataset);
  sec.add('used_memory_dataset_perc', pct(dataset, Math.max(used - startup, 1)));
  if (is7) {
    sec.add('allocator_allocated', allocated);
    sec.add('allocator_active', active);
    sec.add('allocator_resident', resident);
  }
  sec.add('total_system_memory', SYSTEM_MEMORY);
  sec.add('total_system_memory_human', bytesToHuman(SYSTEM_MEMORY));
  if (is7) {
    sec.add('used_memory_lua', 32768);
    sec.add('used_memory_vm_eval', 32768);
    sec.add('used_memory_lua_human', bytesToHuman(32768));
    sec.add('used_memory_scripts_eval', 0);
    // The counts are real; the memory figures around them are an idle server's.
    sec.add('number_of_cached_scripts', cachedScripts(srv));
    sec.add('number_of_functions', functionCount(srv));
    sec.add('number_of_libraries', functionsOf(srv).libs.size);
    sec.add('used_memory_vm_functions', 33792);
    sec.add('used_memory_vm_total', 66560);
    sec.add('used_memory_vm_total_human', bytesToHuman(66560));
    sec.add('used_memory_functions', 200);
    sec.add('used_memory_scripts', 200);
    sec.add('used_memory_scripts_human', bytesToHuman(200));
  } else {
    sec.add('used_memory_lua', 37888);
    sec.add('used_memory_lua_human', bytesToHuman(37888));
  }
  sec.add('maxmemory', maxmemory);
  sec.add('maxmemory_human', bytesToHuman(maxmemory));
  sec.add('maxmemory_policy', srv.config.get('maxmemory-policy'));
  if (is7) {
    sec.add('allocator_frag_ratio', fixed2(active / allocated));
    sec.add('allocator_frag_bytes', active - allocated);
    sec.add('allocator_rss_ratio', fixed2(resident / active));
    sec.add('allocator_rss_bytes', resident - active);
    sec.add('rss_overhead_ratio', fixed2(rss / resident));
    sec.add('rss_overhead_bytes', rss - resident);
  }
  sec.add('mem_fragmentation_ratio', fixed2(rss / used));
  if (is7) {
    sec.add('mem_fragmentation_bytes', rss - used);
    sec.add('mem_not_counted_for_evict', 0);
    sec.add('mem_replication_backlog', replBacklog);
    sec.add('mem_total_replication_buffers', replBuffers);
    sec.add('mem_clients_slaves', clientsSlaves);
    sec.add('mem_clients_normal', clientsNormal);
    sec.add('mem_cluster_links', 0);
    sec.add('mem_aof_buffer', 0);
    sec.add('mem_allocator', 'jemalloc-5.3.0');
  } else {
    sec.add('mem_allocator', 'jemalloc-4.0.3');
  }
  sec.add('active_defrag_running', 0);
  sec.add('lazyfree_pending_objects', 0);
  // Lazy freeing is not modelled: an UNLINK or FLUSHALL ASYNC frees at once.
  if (is7) sec.add('lazyfreed_objects', 0);
  return sec;
}
