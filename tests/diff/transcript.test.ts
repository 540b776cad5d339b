import { describe, expect, it } from 'vitest';
import { formatTranscriptBlock, normalizeTranscript } from './transcript';

describe('formatTranscriptBlock', () => {
  it('step line, then the reply, always ending with a newline', () => {
    expect(formatTranscriptBlock('settle', '')).toBe('settle\n');
    expect(formatTranscriptBlock('6379> GET k', '"v"\n')).toBe('6379> GET k\n"v"\n');
    expect(formatTranscriptBlock('6379> INFO keyspace', '# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n')).toBe(
      '6379> INFO keyspace\n# Keyspace\ndb0:keys=1,expires=0,avg_ttl=0\n',
    );
    expect(formatTranscriptBlock('6379> CLIENT LIST bad', 'ERR syntax error')).toBe(
      '6379> CLIENT LIST bad\nERR syntax error\n',
    );
    expect(formatTranscriptBlock('6379> INFO nosuch', '')).toBe('6379> INFO nosuch\n');
  });
});

describe('normalizeTranscript', () => {
  it('renames ids by first appearance and keeps the all-zero id', () => {
    const a = 'b33fe80bf8bb870eca7deb41ddd49cf1a37f9757';
    const b = '1234567890abcdef1234567890abcdef12345678';
    const text = [
      `master_replid:${a}`,
      'master_replid2:0000000000000000000000000000000000000000',
      `master_replid:${b}`,
      `master_replid2:${a}`,
      `"+FULLRESYNC ${b} 0"`,
    ].join('\n');
    expect(normalizeTranscript(text)).toBe(
      [
        'master_replid:<id1>',
        'master_replid2:0000000000000000000000000000000000000000',
        'master_replid:<id2>',
        'master_replid2:<id1>',
        '"+FULLRESYNC <id2> 0"',
      ].join('\n'),
    );
  });

  it('masks timing fields of INFO replication, keeps offsets and states', () => {
    const text = [
      '6380> INFO replication',
      '# Replication',
      'role:slave',
      'master_host:127.0.0.1',
      'master_port:6379',
      'master_link_status:down',
      'master_last_io_seconds_ago:-1',
      'master_sync_in_progress:0',
      'slave_read_repl_offset:52',
      'slave_repl_offset:52',
      'master_link_down_since_seconds:3',
      'master_sync_total_bytes:-1',
      'master_sync_read_bytes:120',
      'master_sync_left_bytes:-121',
      'master_sync_perc:-0.00',
      'master_sync_last_io_seconds_ago:0',
      'connected_slaves:1',
      'slave0:ip=127.0.0.1,port=6381,state=online,offset=52,lag=1',
      'master_repl_offset:52',
      '6379> PING',
      'PONG',
    ].join('\n');
    expect(normalizeTranscript(text)).toBe(
      [
        '6380> INFO replication',
        '# Replication',
        'role:slave',
        'master_host:127.0.0.1',
        'master_port:6379',
        'master_link_status:down',
        'master_last_io_seconds_ago:<masked>',
        'master_sync_in_progress:0',
        'slave_read_repl_offset:52',
        'slave_repl_offset:52',
        'master_link_down_since_seconds:<masked>',
        'master_sync_total_bytes:<masked>',
        'master_sync_read_bytes:<masked>',
        'master_sync_left_bytes:<masked>',
        'master_sync_perc:<masked>',
        'master_sync_last_io_seconds_ago:<masked>',
        'connected_slaves:1',
        'slave0:ip=127.0.0.1,port=6381,state=online,offset=52,lag=<masked>',
        'master_repl_offset:52',
        '6379> PING',
        'PONG',
      ].join('\n'),
    );
  });

  it('masks server identity and times, whole Memory/CPU sections, traffic, cow', () => {
    const text = [
      '# Server',
      'redis_version:7.0.15',
      'process_id:4242',
      'run_id:0123456789abcdef0123456789abcdef01234567',
      'tcp_port:6379',
      'uptime_in_seconds:12',
      'config_file:/tmp/x/redis.conf',
      '',
      '# Memory',
      'used_memory:1017352',
      'maxmemory_policy:noeviction',
      '',
      '# Persistence',
      'loading:0',
      'loading_loaded_perc:12.50',
      'rdb_changes_since_last_save:1',
      'rdb_last_save_time:1700000000',
      'rdb_last_bgsave_time_sec:-1',
      'rdb_last_cow_size:0',
      '',
      '# Stats',
      'total_connections_received:3',
      'total_commands_processed:17',
      'instantaneous_ops_per_sec:0',
      'total_net_input_bytes:512',
      'sync_full:1',
      'sync_partial_ok:0',
      'latest_fork_usec:310',
      '',
      '# CPU',
      'used_cpu_sys:0.012',
      '',
      '# Commandstats',
      'cmdstat_set:calls=1,usec=5,usec_per_call=5.00,rejected_calls=0,failed_calls=0',
      'cmdstat_info:calls=40,usec=900,usec_per_call=22.50,rejected_calls=0,failed_calls=0',
      '',
      '# Keyspace',
      'db0:keys=1,expires=0,avg_ttl=0',
      '6379> GET used_memory',
      '"used_memory:5"',
    ].join('\n');
    expect(normalizeTranscript(text)).toBe(
      [
        '# Server',
        'redis_version:7.0.15',
        'process_id:<masked>',
        'run_id:<masked>',
        'tcp_port:6379',
        'uptime_in_seconds:<masked>',
        'config_file:<masked>',
        '',
        '# Memory',
        'used_memory:<masked>',
        'maxmemory_policy:<masked>',
        '',
        '# Persistence',
        'loading:0',
        'loading_loaded_perc:<masked>',
        'rdb_changes_since_last_save:1',
        'rdb_last_save_time:<masked>',
        'rdb_last_bgsave_time_sec:<masked>',
        'rdb_last_cow_size:<masked>',
        '',
        '# Stats',
        'total_connections_received:<masked>',
        'total_commands_processed:<masked>',
        'instantaneous_ops_per_sec:<masked>',
        'total_net_input_bytes:<masked>',
        'sync_full:1',
        'sync_partial_ok:0',
        'latest_fork_usec:<masked>',
        '',
        '# CPU',
        'used_cpu_sys:<masked>',
        '',
        '# Commandstats',
        'cmdstat_info:<masked>',
        'cmdstat_set:calls=1,usec=<masked>,usec_per_call=<masked>,rejected_calls=0,failed_calls=0',
        '',
        '# Keyspace',
        'db0:keys=1,expires=0,avg_ttl=<masked>',
        '6379> GET used_memory',
        '"used_memory:5"',
      ].join('\n'),
    );
  });

  it('sorts commandstats and latencystats lines, which real Redis lists in a per-process hash order', () => {
    const text = [
      '# Commandstats',
      'cmdstat_set:calls=2,usec=9,usec_per_call=4.50,rejected_calls=0,failed_calls=0',
      'cmdstat_config|get:calls=1,usec=7,usec_per_call=7.00,rejected_calls=0,failed_calls=0',
      'cmdstat_get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0',
      '',
      '# Errorstats',
      'errorstat_WRONGTYPE:count=1',
      'errorstat_ERR:count=2',
      '',
      '# Latencystats',
      'latency_percentiles_usec_set:p50=4.015,p99=5.023,p99.9=5.023',
      'latency_percentiles_usec_config|get:p50=7.007,p99=7.007,p99.9=7.007',
      'cmdstat_replconf:calls=6,usec=57,usec_per_call=9.50,rejected_calls=0,failed_calls=0',
      'reply_buffer_shrinks:2',
    ].join('\n');
    expect(normalizeTranscript(text)).toBe(
      [
        '# Commandstats',
        'cmdstat_config|get:calls=1,usec=<masked>,usec_per_call=<masked>,rejected_calls=0,failed_calls=0',
        'cmdstat_get:calls=0,usec=<masked>,usec_per_call=<masked>,rejected_calls=1,failed_calls=0',
        'cmdstat_set:calls=2,usec=<masked>,usec_per_call=<masked>,rejected_calls=0,failed_calls=0',
        '',
        '# Errorstats',
        'errorstat_WRONGTYPE:count=1',
        'errorstat_ERR:count=2',
        '',
        '# Latencystats',
        'latency_percentiles_usec_config|get:<masked>',
        'latency_percentiles_usec_set:<masked>',
        'cmdstat_replconf:<masked>',
        'reply_buffer_shrinks:<masked>',
      ].join('\n'),
    );
  });

  it('masks connection-dependent CLIENT LIST fields', () => {
    const line =
      'id=3 addr=127.0.0.1:46114 laddr=127.0.0.1:6379 fd=7 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=20448 argv-mem=10 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 omem=0 tot-mem=37658 events=r cmd=client|list user=default redir=-1 resp=2';
    expect(normalizeTranscript(line)).toBe(
      'id=<masked> addr=<masked> laddr=127.0.0.1:6379 fd=<masked> name= age=<masked> idle=<masked> flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=<masked> qbuf-free=<masked> argv-mem=<masked> multi-mem=<masked> rbs=<masked> rbp=<masked> obl=<masked> oll=<masked> omem=<masked> tot-mem=<masked> events=<masked> cmd=client|list user=default redir=-1 resp=2',
    );
  });

  it('is idempotent', () => {
    const text =
      'master_replid:b33fe80bf8bb870eca7deb41ddd49cf1a37f9757\nslave0:ip=127.0.0.1,port=6380,state=online,offset=52,lag=0\n';
    expect(normalizeTranscript(normalizeTranscript(text))).toBe(normalizeTranscript(text));
  });
});
