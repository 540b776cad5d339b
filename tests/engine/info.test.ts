/**
 * INFO in both dialects: which sections each argument selects, every section's fields in Redis's
 * order (7.0.15 as the real server prints them, 4.0.14 as its genRedisInfoString writes them),
 * and the values the engine keeps for real — connections, commands, bytes, keyspace hits and
 * misses, syncs, forks and saves, error replies by prefix, per-command calls, failed and rejected
 * calls, blocked clients, avg_ttl, uptime from the injected clock.
 */
import { describe, expect, it } from 'vitest';
import { bytesToHuman, timeval } from '../../src/engine/info/format';
import { errorReplied } from '../../src/engine/stats';
import { Playground, type RedisVersion, type Reply } from '../../src/playground';
import { Wire } from './wire';

const VERSIONS: RedisVersion[] = ['7.0', '4.0'];

/** The INFO text a client gets for `args` on a Wire (conn 1). */
function infoText(w: Wire, ...args: string[]): string {
  w.take(1);
  w.send(1, 'INFO', ...args);
  const out = w.take(1);
  const m = /^\$(\d+)\r\n/.exec(out);
  if (!m) throw new Error(`not a bulk reply: ${out}`);
  return out.slice(m[0].length, m[0].length + Number(m[1]));
}

/** Section titles, in order. */
const titles = (text: string) => [...text.matchAll(/^# (\w+)\r$/gm)].map((m) => m[1]);

/** `name:value` fields of the text (every section). */
function fields(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

/** The field names of one section, in order. */
function names(text: string, title: string): string[] {
  const body = text.split('\r\n\r\n').find((s) => s.startsWith(`# ${title}\r\n`));
  if (body === undefined) throw new Error(`no section ${title}`);
  return body
    .split('\r\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.slice(0, l.indexOf(':')));
}

function wire(v: RedisVersion, config: Record<string, string> = {}): Wire {
  const w = new Wire(v, 6379, config);
  w.srv.onAccept(1, '127.0.0.1:40001');
  return w;
}

const ALL_70 = [
  'Server',
  'Clients',
  'Memory',
  'Persistence',
  'Stats',
  'Replication',
  'CPU',
  'Modules',
  'Commandstats',
  'Errorstats',
  'Latencystats',
  'Cluster',
  'Keyspace',
];
const DEFAULT_70 = ALL_70.filter((s) => s !== 'Commandstats' && s !== 'Latencystats');
const ALL_40 = [
  'Server',
  'Clients',
  'Memory',
  'Persistence',
  'Stats',
  'Replication',
  'CPU',
  'Commandstats',
  'Cluster',
  'Keyspace',
];
const DEFAULT_40 = ALL_40.filter((s) => s !== 'Commandstats');

describe('INFO sections (7.0)', () => {
  const w = wire('7.0');
  it.each([
    [[], DEFAULT_70],
    [['default'], DEFAULT_70],
    [['all'], ALL_70],
    [['everything'], ALL_70],
    [['ALL', 'keyspace'], ALL_70],
    [
      ['keyspace', 'CPU', 'Server'],
      ['Server', 'CPU', 'Keyspace'],
    ],
    [
      ['default', 'commandstats'],
      [...DEFAULT_70.slice(0, 8), 'Commandstats', ...DEFAULT_70.slice(8)],
    ],
    [['modules'], ['Modules']],
    [
      ['module_list', 'cluster'],
      ['Modules', 'Cluster'],
    ],
    [
      ['latencystats', 'errorstats'],
      ['Errorstats', 'Latencystats'],
    ],
    [['cpu', 'cpu'], ['CPU']],
    [['nosuchsection'], []],
    [['nosuchsection', 'keyspace'], ['Keyspace']],
  ])('INFO %j prints %j', (args, expected) => {
    expect(titles(infoText(w, ...args))).toEqual(expected);
  });

  it('separates sections by one blank line and ends every line with CRLF', () => {
    const text = infoText(w, 'cluster', 'keyspace');
    expect(text).toBe('# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\n');
    expect(infoText(w, 'nosuchsection')).toBe('');
  });
});

describe('INFO sections (4.0)', () => {
  const w = wire('4.0');
  it.each([
    [[], DEFAULT_40],
    [['default'], DEFAULT_40],
    [['DEFAULT'], DEFAULT_40],
    [['all'], ALL_40],
    [['commandstats'], ['Commandstats']],
    [['Keyspace'], ['Keyspace']],
    [['everything'], []],
    [['modules'], []],
    [['errorstats'], []],
    [['latencystats'], []],
  ])('INFO %j prints %j', (args, expected) => {
    expect(titles(infoText(w, ...args))).toEqual(expected);
  });

  it('takes one section at most: more is a syntax error', () => {
    w.take(1);
    w.send(1, 'INFO', 'server', 'clients');
    expect(w.take(1)).toBe('-ERR syntax error\r\n');
  });
});

const FIELDS: Record<RedisVersion, Record<string, string[]>> = {
  '7.0': {
    Server: [
      'redis_version',
      'redis_git_sha1',
      'redis_git_dirty',
      'redis_build_id',
      'redis_mode',
      'os',
      'arch_bits',
      'monotonic_clock',
      'multiplexing_api',
      'atomicvar_api',
      'gcc_version',
      'process_id',
      'process_supervised',
      'run_id',
      'tcp_port',
      'server_time_usec',
      'uptime_in_seconds',
      'uptime_in_days',
      'hz',
      'configured_hz',
      'lru_clock',
      'executable',
      'config_file',
      'io_threads_active',
    ],
    Clients: [
      'connected_clients',
      'cluster_connections',
      'maxclients',
      'client_recent_max_input_buffer',
      'client_recent_max_output_buffer',
      'blocked_clients',
      'tracking_clients',
      'clients_in_timeout_table',
    ],
    Memory: [
      'used_memory',
      'used_memory_human',
      'used_memory_rss',
      'used_memory_rss_human',
      'used_memory_peak',
      'used_memory_peak_human',
      'used_memory_peak_perc',
      'used_memory_overhead',
      'used_memory_startup',
      'used_memory_dataset',
      'used_memory_dataset_perc',
      'allocator_allocated',
      'allocator_active',
      'allocator_resident',
      'total_system_memory',
      'total_system_memory_human',
      'used_memory_lua',
      'used_memory_vm_eval',
      'used_memory_lua_human',
      'used_memory_scripts_eval',
      'number_of_cached_scripts',
      'number_of_functions',
      'number_of_libraries',
      'used_memory_vm_functions',
      'used_memory_vm_total',
      'used_memory_vm_total_human',
      'used_memory_functions',
      'used_memory_scripts',
      'used_memory_scripts_human',
      'maxmemory',
      'maxmemory_human',
      'maxmemory_policy',
      'allocator_frag_ratio',
      'allocator_frag_bytes',
      'allocator_rss_ratio',
      'allocator_rss_bytes',
      'rss_overhead_ratio',
      'rss_overhead_bytes',
      'mem_fragmentation_ratio',
      'mem_fragmentation_bytes',
      'mem_not_counted_for_evict',
      'mem_replication_backlog',
      'mem_total_replication_buffers',
      'mem_clients_slaves',
      'mem_clients_normal',
      'mem_cluster_links',
      'mem_aof_buffer',
      'mem_allocator',
      'active_defrag_running',
      'lazyfree_pending_objects',
      'lazyfreed_objects',
    ],
    Persistence: [
      'loading',
      'async_loading',
      'current_cow_peak',
      'current_cow_size',
      'current_cow_size_age',
      'current_fork_perc',
      'current_save_keys_processed',
      'current_save_keys_total',
      'rdb_changes_since_last_save',
      'rdb_bgsave_in_progress',
      'rdb_last_save_time',
      'rdb_last_bgsave_status',
      'rdb_last_bgsave_time_sec',
      'rdb_current_bgsave_time_sec',
      'rdb_saves',
      'rdb_last_cow_size',
      'rdb_last_load_keys_expired',
      'rdb_last_load_keys_loaded',
      'aof_enabled',
      'aof_rewrite_in_progress',
      'aof_rewrite_scheduled',
      'aof_last_rewrite_time_sec',
      'aof_current_rewrite_time_sec',
      'aof_last_bgrewrite_status',
      'aof_rewrites',
      'aof_rewrites_consecutive_failures',
      'aof_last_write_status',
      'aof_last_cow_size',
      'module_fork_in_progress',
      'module_fork_last_cow_size',
    ],
    Stats: [
      'total_connections_received',
      'total_commands_processed',
      'instantaneous_ops_per_sec',
      'total_net_input_bytes',
      'total_net_output_bytes',
      'total_net_repl_input_bytes',
      'total_net_repl_output_bytes',
      'instantaneous_input_kbps',
      'instantaneous_output_kbps',
      'instantaneous_input_repl_kbps',
      'instantaneous_output_repl_kbps',
      'rejected_connections',
      'sync_full',
      'sync_partial_ok',
      'sync_partial_err',
      'expired_keys',
      'expired_stale_perc',
      'expired_time_cap_reached_count',
      'expire_cycle_cpu_milliseconds',
      'evicted_keys',
      'evicted_clients',
      'total_eviction_exceeded_time',
      'current_eviction_exceeded_time',
      'keyspace_hits',
      'keyspace_misses',
      'pubsub_channels',
      'pubsub_patterns',
      'pubsubshard_channels',
      'latest_fork_usec',
      'total_forks',
      'migrate_cached_sockets',
      'slave_expires_tracked_keys',
      'active_defrag_hits',
      'active_defrag_misses',
      'active_defrag_key_hits',
      'active_defrag_key_misses',
      'total_active_defrag_time',
      'current_active_defrag_time',
      'tracking_total_keys',
      'tracking_total_items',
      'tracking_total_prefixes',
      'unexpected_error_replies',
      'total_error_replies',
      'dump_payload_sanitizations',
      'total_reads_processed',
      'total_writes_processed',
      'io_threaded_reads_processed',
      'io_threaded_writes_processed',
      'reply_buffer_shrinks',
      'reply_buffer_expands',
    ],
    CPU: [
      'used_cpu_sys',
      'used_cpu_user',
      'used_cpu_sys_children',
      'used_cpu_user_children',
      'used_cpu_sys_main_thread',
      'used_cpu_user_main_thread',
    ],
    Cluster: ['cluster_enabled'],
  },
  '4.0': {
    Server: [
      'redis_version',
      'redis_git_sha1',
      'redis_git_dirty',
      'redis_build_id',
      'redis_mode',
      'os',
      'arch_bits',
      'multiplexing_api',
      'atomicvar_api',
      'gcc_version',
      'process_id',
      'run_id',
      'tcp_port',
      'uptime_in_seconds',
      'uptime_in_days',
      'hz',
      'lru_clock',
      'executable',
      'config_file',
    ],
    Clients: ['connected_clients', 'client_longest_output_list', 'client_biggest_input_buf', 'blocked_clients'],
    Memory: [
      'used_memory',
      'used_memory_human',
      'used_memory_rss',
      'used_memory_rss_human',
      'used_memory_peak',
      'used_memory_peak_human',
      'used_memory_peak_perc',
      'used_memory_overhead',
      'used_memory_startup',
      'used_memory_dataset',
      'used_memory_dataset_perc',
      'total_system_memory',
      'total_system_memory_human',
      'used_memory_lua',
      'used_memory_lua_human',
      'maxmemory',
      'maxmemory_human',
      'maxmemory_policy',
      'mem_fragmentation_ratio',
      'mem_allocator',
      'active_defrag_running',
      'lazyfree_pending_objects',
    ],
    Persistence: [
      'loading',
      'rdb_changes_since_last_save',
      'rdb_bgsave_in_progress',
      'rdb_last_save_time',
      'rdb_last_bgsave_status',
      'rdb_last_bgsave_time_sec',
      'rdb_current_bgsave_time_sec',
      'rdb_last_cow_size',
      'aof_enabled',
      'aof_rewrite_in_progress',
      'aof_rewrite_scheduled',
      'aof_last_rewrite_time_sec',
      'aof_current_rewrite_time_sec',
      'aof_last_bgrewrite_status',
      'aof_last_write_status',
      'aof_last_cow_size',
    ],
    Stats: [
      'total_connections_received',
      'total_commands_processed',
      'instantaneous_ops_per_sec',
      'total_net_input_bytes',
      'total_net_output_bytes',
      'instantaneous_input_kbps',
      'instantaneous_output_kbps',
      'rejected_connections',
      'sync_full',
      'sync_partial_ok',
      'sync_partial_err',
      'expired_keys',
      'expired_stale_perc',
      'expired_time_cap_reached_count',
      'evicted_keys',
      'keyspace_hits',
      'keyspace_misses',
      'pubsub_channels',
      'pubsub_patterns',
      'latest_fork_usec',
      'migrate_cached_sockets',
      'slave_expires_tracked_keys',
      'active_defrag_hits',
      'active_defrag_misses',
      'active_defrag_key_hits',
      'active_defrag_key_misses',
    ],
    CPU: ['used_cpu_sys', 'used_cpu_user', 'used_cpu_sys_children', 'used_cpu_user_children'],
    Cluster: ['cluster_enabled'],
  },
};

describe.each(VERSIONS)('INFO fields (%s)', (v) => {
  const text = infoText(wire(v), 'all');
  it.each(Object.keys(FIELDS[v]))('%s lists its fields in Redis order', (title) => {
    expect(names(text, title)).toEqual(FIELDS[v][title]);
  });

  it('formats like Redis: versions, CPU times, human sizes, percentages', () => {
    const f = fields(text);
    expect(f.get('redis_version')).toBe(v === '7.0' ? '7.0.15' : '4.0.14');
    const cpu = v === '7.0' ? /^\d+\.\d{6}$/ : /^\d+\.\d{2}$/;
    for (const k of FIELDS[v].CPU) expect(f.get(k)).toMatch(cpu);
    expect(f.get('used_memory_human')).toBe(bytesToHuman(Number(f.get('used_memory'))));
    expect(f.get('used_memory_peak_perc')).toMatch(/^\d+\.\d\d%$/);
    expect(f.get('mem_fragmentation_ratio')).toMatch(/^\d+\.\d\d$/);
    expect(f.get('maxmemory_human')).toBe('0B');
    expect(Number(f.get('used_memory_dataset'))).toBe(
      Number(f.get('used_memory')) - Number(f.get('used_memory_overhead')),
    );
  });
});

describe('INFO formats', () => {
  it('bytesToHuman and timeval print as Redis does', () => {
    expect([bytesToHuman(0), bytesToHuman(1023), bytesToHuman(1024), bytesToHuman(916440)]).toEqual([
      '0B',
      '1023B',
      '1.00K',
      '894.96K',
    ]);
    expect([bytesToHuman(6631424), bytesToHuman(25276194816)]).toEqual(['6.32M', '23.54G']);
    expect([timeval(0), timeval(2578), timeval(12_345_678)]).toEqual(['0.000000', '0.002578', '12.345678']);
  });
});

describe.each(VERSIONS)('INFO values (%s)', (v) => {
  const is7 = v === '7.0';

  it('counts connections, commands, keyspace hits and misses, and the bytes read and written', () => {
    const w = wire(v);
    w.srv.onAccept(2, '127.0.0.1:40002');
    const sent = [
      '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n',
      '*2\r\n$3\r\nGET\r\n$1\r\nk\r\n',
      '*2\r\n$3\r\nGET\r\n$1\r\nx\r\n',
    ];
    for (const s of sent) w.raw(2, s);
    expect(w.take(2)).toBe('+OK\r\n$1\r\nv\r\n$-1\r\n');
    const f = fields(infoText(w, 'stats'));
    expect(f.get('total_connections_received')).toBe('2');
    expect(f.get('total_commands_processed')).toBe('3');
    expect([f.get('keyspace_hits'), f.get('keyspace_misses')]).toEqual(['1', '1']);
    // INFO's own request counts; its reply is still being written.
    const infoReq = '*2\r\n$4\r\nINFO\r\n$5\r\nstats\r\n';
    expect(Number(f.get('total_net_input_bytes'))).toBe(sent.join('').length + infoReq.length);
    expect(Number(f.get('total_net_output_bytes'))).toBe('+OK\r\n$1\r\nv\r\n$-1\r\n'.length);
    if (is7) {
      expect(f.get('total_reads_processed')).toBe('4');
      expect(f.get('total_writes_processed')).toBe('3');
    }
  });

  it('does not count a DEL as a keyspace hit or miss', () => {
    const w = wire(v);
    w.send(1, 'SET', 'k', 'v');
    w.send(1, 'DEL', 'k', 'nokey');
    const f = fields(infoText(w, 'stats'));
    expect([f.get('keyspace_hits'), f.get('keyspace_misses')]).toEqual(['0', '0']);
  });

  it.skipIf(v !== '7.0')('counts SCAN ... TYPE lookups but not the expiry check SCAN makes of every key', () => {
    const w = wire(v);
    w.send(1, 'SET', 'a', '1');
    w.send(1, 'RPUSH', 'b', 'x');
    w.send(1, 'SCAN', '0');
    let f = fields(infoText(w, 'stats'));
    expect([f.get('keyspace_hits'), f.get('keyspace_misses')]).toEqual(['0', '0']);
    w.send(1, 'SCAN', '0', 'TYPE', 'string');
    f = fields(infoText(w, 'stats'));
    expect([f.get('keyspace_hits'), f.get('keyspace_misses')]).toEqual(['2', '0']);
  });

  it('counts calls per command; 7.0 also failed and rejected calls, and subcommands apart', () => {
    const w = wire(v);
    w.send(1, 'SET', 's', 'x');
    w.send(1, 'LPUSH', 's', 'a'); // WRONGTYPE: a failed call
    w.send(1, 'GET'); // wrong arity: rejected, never called
    w.send(1, 'CONFIG', 'GET', 'hz');
    w.send(1, 'NOSUCH');
    infoText(w, 'server');
    const text = infoText(w, 'commandstats');
    if (is7) {
      expect(text).toBe(
        [
          '# Commandstats',
          'cmdstat_config|get:calls=1,usec=1,usec_per_call=1.00,rejected_calls=0,failed_calls=0',
          'cmdstat_get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0',
          'cmdstat_info:calls=1,usec=1,usec_per_call=1.00,rejected_calls=0,failed_calls=0',
          'cmdstat_lpush:calls=1,usec=1,usec_per_call=1.00,rejected_calls=0,failed_calls=1',
          'cmdstat_set:calls=1,usec=1,usec_per_call=1.00,rejected_calls=0,failed_calls=0',
          '',
        ].join('\r\n'),
      );
    } else {
      expect(text).toBe(
        [
          '# Commandstats',
          'cmdstat_config:calls=1,usec=1,usec_per_call=1.00',
          'cmdstat_info:calls=1,usec=1,usec_per_call=1.00',
          'cmdstat_lpush:calls=1,usec=1,usec_per_call=1.00',
          'cmdstat_set:calls=1,usec=1,usec_per_call=1.00',
          '',
        ].join('\r\n'),
      );
    }
  });

  it('books commands run by EXEC on themselves (7.0) or on EXEC (4.0: c->lastcmd)', () => {
    const w = wire(v);
    for (const c of [['MULTI'], ['SET', 'a', '1'], ['INCR', 'a'], ['EXEC']]) w.send(1, ...c);
    const text = infoText(w, 'commandstats');
    const calls = (name: string) => new RegExp(`^cmdstat_${name}:calls=(\\d+),`, 'm').exec(text)?.[1];
    if (is7) expect([calls('exec'), calls('set'), calls('incr')]).toEqual(['1', '1', '1']);
    else expect([calls('exec'), calls('set'), calls('incr')]).toEqual(['3', undefined, undefined]);
    expect(fields(infoText(w, 'stats')).get('total_commands_processed')).toBe('5'); // with INFO commandstats
  });

  it('keeps persistence and fork counters: BGSAVE in progress, then done; SAVE', () => {
    const w = wire(v);
    w.send(1, 'SET', 'a', '1');
    w.send(1, 'SET', 'b', '2');
    w.send(1, 'BGSAVE');
    let f = fields(infoText(w, 'all'));
    expect(f.get('rdb_bgsave_in_progress')).toBe('1');
    expect(f.get('rdb_current_bgsave_time_sec')).toBe('0');
    expect(f.get('rdb_last_bgsave_time_sec')).toBe('-1');
    expect(f.get('latest_fork_usec')).toBe('300');
    if (is7) {
      expect(f.get('current_save_keys_total')).toBe('2');
      expect(f.get('total_forks')).toBe('1');
      expect(f.get('rdb_saves')).toBe('1');
    }
    w.run(200);
    f = fields(infoText(w, 'persistence'));
    expect(f.get('rdb_bgsave_in_progress')).toBe('0');
    expect(f.get('rdb_current_bgsave_time_sec')).toBe('-1');
    expect(f.get('rdb_last_bgsave_time_sec')).toBe('0');
    expect(f.get('rdb_changes_since_last_save')).toBe('0');
    if (is7) expect(f.get('current_save_keys_total')).toBe('0');
    w.send(1, 'SAVE');
    if (is7) expect(fields(infoText(w, 'persistence')).get('rdb_saves')).toBe('2');
    // A second BGSAVE in progress: the first one's duration is still shown.
    w.send(1, 'BGSAVE');
    f = fields(infoText(w, 'persistence'));
    expect([f.get('rdb_bgsave_in_progress'), f.get('rdb_last_bgsave_time_sec')]).toEqual(['1', '0']);
  });

  it('counts WAIT as a blocked client (7.0: in the timeout table when it has a timeout)', () => {
    const w = wire(v, { 'repl-diskless-sync': 'no' });
    w.replica(5, 6380);
    w.srv.onAccept(2, '127.0.0.1:40002');
    w.srv.onAccept(3, '127.0.0.1:40003');
    w.send(2, 'SET', 'k', 'v');
    w.send(2, 'WAIT', '2', '5000');
    w.send(3, 'WAIT', '2', '0');
    const f = fields(infoText(w, 'clients'));
    expect(f.get('connected_clients')).toBe('3');
    expect(f.get('blocked_clients')).toBe('2');
    if (is7) {
      expect(f.get('clients_in_timeout_table')).toBe('1');
      // A WAIT that blocked is called but never measured.
      const lat = infoText(w, 'latencystats');
      expect(lat).not.toContain('latency_percentiles_usec_wait');
      expect(infoText(w, 'commandstats')).toContain('cmdstat_wait:calls=2,');
    }
  });

  it.skipIf(is7)('shows a pipelined query not yet parsed as 4.0 client_biggest_input_buf', () => {
    const w = wire(v);
    w.srv.onAccept(2, '127.0.0.1:40002');
    w.raw(2, '*1\r\n$4\r\nPI');
    expect(fields(infoText(w, 'clients')).get('client_biggest_input_buf')).toBe('10');
  });

  it('keeps avg_ttl as a running average of the TTLs the expire cycle sees, and counts expired keys', () => {
    const w = wire(v);
    w.send(1, 'SET', 'k', 'v', 'EX', '100');
    w.send(1, 'SET', 'short', 'v', 'PX', '150');
    w.run(100);
    // First cycle: the average of both TTLs, then 2% weight per cycle.
    let ttl = Number(/avg_ttl=(\d+)/.exec(infoText(w, 'keyspace'))![1]);
    expect(ttl).toBe(
      Math.trunc(Math.trunc((99_900 + 50) / 2) / 50) * 49 + Math.trunc(Math.trunc((99_900 + 50) / 2) / 50),
    );
    w.run(400);
    const f = fields(infoText(w, 'all'));
    expect(f.get('expired_keys')).toBe('1');
    ttl = Number(/avg_ttl=(\d+)/.exec(f.get('db0')!)![1]);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThan(100_000);
    expect(f.get('db0')).toMatch(/^keys=1,expires=1,avg_ttl=\d+$/);
    w.send(1, 'PERSIST', 'k');
    w.run(100);
    expect(infoText(w, 'keyspace')).toBe('# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n');
  });

  it('takes uptime from the injected clock', () => {
    const w = wire(v);
    w.clock.advance(2 * 86400 * 1000 + 5000);
    w.srv.cron();
    const f = fields(infoText(w, 'server'));
    expect(f.get('uptime_in_days')).toBe('2');
    expect(Number(f.get('uptime_in_seconds'))).toBe(2 * 86400 + 5);
  });

  it('CONFIG RESETSTAT clears the counters but not what the last load found', () => {
    const w = wire(v);
    w.send(1, 'SET', 'a', '1');
    w.send(1, 'GET', 'a');
    w.send(1, 'GET');
    w.send(1, 'CONFIG', 'RESETSTAT');
    const f = fields(infoText(w, 'all'));
    expect(f.get('total_commands_processed')).toBe('1'); // CONFIG RESETSTAT itself
    expect(f.get('total_connections_received')).toBe('0');
    expect(f.get('keyspace_hits')).toBe('0');
    const stats = infoText(w, 'commandstats');
    expect(stats).not.toContain('cmdstat_get');
    expect(stats).not.toContain('cmdstat_set');
    if (is7) {
      expect(f.get('total_error_replies')).toBe('0');
      expect(infoText(w, 'errorstats')).toBe('# Errorstats\r\n');
    }
  });
});

describe('INFO errorstats (7.0)', () => {
  it('counts every error reply by its prefix: rejected, failed, inside and around MULTI', () => {
    const w = wire('7.0');
    const cmds = [
      ['SET', 's', 'x'],
      ['LPUSH', 's', 'a'],
      ['INCR', 's'],
      ['GET'],
      ['NOSUCH'],
      ['CONFIG', 'NOSUB'],
      ['MULTI'],
      ['SAVE'], // refused inside MULTI: rejected
      ['EXEC'], // EXECABORT: a failed EXEC
      ['EXEC'], // without MULTI
      ['MULTI'],
      ['INCR', 's'],
      ['EXEC'], // the INCR inside fails, not the EXEC
    ];
    for (const c of cmds) w.send(1, ...c);
    const f = fields(infoText(w, 'stats'));
    expect(f.get('total_error_replies')).toBe('9');
    expect(f.get('unexpected_error_replies')).toBe('0');
    expect(infoText(w, 'errorstats')).toBe(
      '# Errorstats\r\nerrorstat_ERR:count=7\r\nerrorstat_EXECABORT:count=1\r\nerrorstat_WRONGTYPE:count=1\r\n',
    );
    const stats = infoText(w, 'commandstats');
    expect(stats).toContain('cmdstat_exec:calls=3,usec=3,usec_per_call=1.00,rejected_calls=0,failed_calls=2');
    expect(stats).toContain('cmdstat_incr:calls=2,usec=2,usec_per_call=1.00,rejected_calls=0,failed_calls=2');
    expect(stats).toContain('cmdstat_save:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0');
  });

  it('names an error by the text before its first space, if that space is within the first 32 bytes', () => {
    const w = wire('7.0');
    const c = w.srv.clients.get(1)!;
    errorReplied(w.srv, c, 'NOREPLICAS Not enough good replicas to write.');
    errorReplied(w.srv, c, `${'X'.repeat(30)} a space at byte 31 of -XXX...`);
    errorReplied(w.srv, c, `${'Y'.repeat(31)} a space at byte 32`);
    errorReplied(w.srv, c, 'NOSPACE');
    expect([...w.srv.stats.errors]).toEqual([
      ['NOREPLICAS', 1],
      ['X'.repeat(30), 1],
      ['ERR', 2],
    ]);
  });

  it('counts a replica refusing a write (READONLY) as a rejected call', () => {
    const pg = new Playground({ version: '7.0', seed: 5 });
    for (const p of [6379, 6380]) pg.start(pg.addNode('127.0.0.1', p));
    pg.exec('127.0.0.1:6380', ['SLAVEOF', '127.0.0.1', '6379']);
    expect(pg.settle()).toBe(true);
    expect(pg.exec('127.0.0.1:6380', ['SET', 'k', 'v'])).toEqual({
      t: 'error',
      s: "READONLY You can't write against a read only replica.",
    });
    const text = (pg.exec('127.0.0.1:6380', ['INFO', 'commandstats', 'errorstats']) as { s: string }).s;
    expect(text).toContain('cmdstat_set:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0');
    expect(text).toContain('errorstat_READONLY:count=1');
  });
});

describe.each(VERSIONS)('INFO across a replication link (%s)', (v) => {
  const is7 = v === '7.0';
  const info = (pg: Playground, port: number, section: string) =>
    fields((pg.exec(`127.0.0.1:${port}`, ['INFO', section]) as Reply & { s: string }).s);

  function pair(diskless: boolean) {
    const pg = new Playground({ version: v, seed: 9 });
    for (const p of [6379, 6380]) pg.start(pg.addNode('127.0.0.1', p));
    const period = is7 ? 'repl-ping-replica-period' : 'repl-ping-slave-period';
    for (const p of [6379, 6380]) {
      pg.exec(`127.0.0.1:${p}`, ['CONFIG', 'SET', period, '3600', 'repl-diskless-sync-delay', '0']);
      pg.exec(`127.0.0.1:${p}`, ['CONFIG', 'SET', 'repl-diskless-sync', diskless ? 'yes' : 'no']);
    }
    pg.exec('127.0.0.1:6379', ['SET', 'a', '1']);
    pg.exec('127.0.0.1:6379', ['SET', 'b', '2']);
    pg.exec('127.0.0.1:6380', ['SLAVEOF', '127.0.0.1', '6379']);
    expect(pg.settle()).toBe(true);
    pg.exec('127.0.0.1:6379', ['SET', 'c', '3']);
    expect(pg.settle()).toBe(true);
    return pg;
  }

  it('counts the master link among a replica’s clients, and what its last RDB load found', () => {
    const pg = pair(true);
    expect(info(pg, 6380, 'clients').get('connected_clients')).toBe('2');
    expect(info(pg, 6379, 'clients').get('connected_clients')).toBe('1');
    if (is7) expect(info(pg, 6380, 'persistence').get('rdb_last_load_keys_loaded')).toBe('2');
    expect(info(pg, 6379, 'stats').get('sync_full')).toBe('1');
  });

  it.skipIf(!is7)('7.0: what the master writes to its replica is what the replica reads (repl bytes)', () => {
    const pg = pair(true);
    const out = info(pg, 6379, 'stats').get('total_net_repl_output_bytes');
    expect(Number(out)).toBeGreaterThan(0);
    expect(info(pg, 6380, 'stats').get('total_net_repl_input_bytes')).toBe(out);
    expect(info(pg, 6379, 'stats').get('total_net_repl_input_bytes')).toBe('0');
  });

  it('counts forks and saves: a diskless transfer forks but saves nothing; a disk transfer saves', () => {
    const diskless = pair(true);
    let p = info(diskless, 6379, 'persistence');
    // 4.0 never sets rdb_last_bgsave_time_sec after a transfer to sockets.
    expect(p.get('rdb_last_bgsave_time_sec')).toBe(is7 ? '0' : '-1');
    if (is7) {
      expect(p.get('rdb_saves')).toBe('0');
      expect(info(diskless, 6379, 'stats').get('total_forks')).toBe('1');
    }
    const disk = pair(false);
    p = info(disk, 6379, 'persistence');
    expect(p.get('rdb_last_bgsave_time_sec')).toBe('0');
    if (is7) expect(p.get('rdb_saves')).toBe('1');
  });
});
