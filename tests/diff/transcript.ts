/**
 * The transcript layout shared by both sides of the differential tests (real redis-server and our
 * engine), and the normalization that makes two transcripts comparable.
 *
 * Layout — one block per step, in script order, blocks simply concatenated:
 *
 *     <step text>\n
 *     <reply lines>          (command steps, and `settle` when it times out)
 *
 * - `<step text>` is the step as written in the script, trimmed, without a trailing comment
 *   (`Step.text` from the parser), e.g. `6380> SLAVEOF 127.0.0.1 6379`, `settle`, `kill 6379`.
 * - The reply text is what redis-cli prints for the command (cli-format.ts `formatReply`), or one of
 *   redis-cli's own lines (`Invalid argument(s)`, `Could not connect to Redis at 127.0.0.1:6379:
 *   Connection refused`), or `settle: not quiet after 60s`. CRLF line ends (INFO's) become LF, and
 *   a reply that does not end with a newline gets one, so every block ends with "\n".
 * - Steps that print nothing (nodes, settle, sleep, kill, start, link; a verbatim reply that is
 *   empty, such as `INFO nosuchsection`) are the step line alone.
 * Nothing marks a step line apart from a reply line; reply lines never start with `PORT> `, and the
 * transcript is read next to its script.
 */

/** One step's block: the step line, then the reply text (if any), always ending with "\n". */
export function formatTranscriptBlock(stepText: string, replyText: string): string {
  let body = replyText.replace(/\r\n/g, '\n');
  if (body !== '' && !body.endsWith('\n')) body += '\n';
  return `${stepText}\n${body}`;
}

/**
 * Masks, applied line by line. A value is replaced by `<masked>`; each rule says why it differs
 * between runs (and between a real server and the simulation).
 *
 * INFO fields (`name:value` lines):
 * - build/host facts: redis_git_sha1, redis_git_dirty, redis_build_id, os, arch_bits,
 *   monotonic_clock, multiplexing_api, atomicvar_api, gcc_version, process_supervised, executable,
 *   config_file (a temp path);
 * - process identity: process_id, run_id (random per start; masked before id renaming);
 * - wall-clock time: server_time_usec, uptime_in_seconds, uptime_in_days, lru_clock,
 *   rdb_last_save_time, loading_start_time, and every `*_time_sec`, `*_time`, `*_usec`,
 *   `*_milliseconds` field of Persistence/Stats;
 * - whole sections Memory, CPU and Latencystats (allocator- and timing-dependent numbers);
 * - buffer peaks: client_recent_max_input_buffer, client_recent_max_output_buffer;
 * - copy-on-write and load progress: *_cow_*, current_fork_perc, current_save_keys_*, loading_*;
 * - traffic and rates, which depend on timing and on the runner's own INFO polling:
 *   total_commands_processed, total_connections_received, total_net_*, instantaneous_*,
 *   total_reads_processed, total_writes_processed, io_threaded_*, expired_stale_perc,
 *   expired_time_cap_reached_count;
 * - replication timing: master_last_io_seconds_ago, master_link_down_since_seconds,
 *   master_sync_total_bytes, master_sync_read_bytes, master_sync_left_bytes, master_sync_perc,
 *   master_sync_last_io_seconds_ago, and `lag=N` anywhere (slaveN lines);
 * - command statistics: `usec=`, `usec_per_call=` in cmdstat_* lines, the whole cmdstat_info
 *   line (the real runner polls INFO while settling) and the whole cmdstat_replconf line (a
 *   replica sends REPLCONF ACK once a second, so the count follows the wall-clock time elapsed);
 * - reply_buffer_shrinks / reply_buffer_expands: clientsCron resizes a client's reply buffer
 *   after it has been idle or full for a while, which depends on the timing of the run;
 * - `avg_ttl=N` in Keyspace lines: a running average the expire cycle updates each time it runs
 *   (hz times a second, plus fast cycles), over TTLs that shrink with wall-clock time.
 * Unix times in ms (`(integer) 1` and 12 digits): XINFO STREAM FULL's delivery and seen times, and
 * the idle time of a pending entry whose delivery time XCLAIM set with `TIME 1`, come from each
 * side's own clock.
 * Stream IDs made from the clock (`XADD key *`): their millisecond part is the wall-clock time
 * of the real server and the simulated time of the engine (and the sequence depends on whether
 * that clock moved between two commands): an ID with a 13-digit ms part is masked whole;
 * explicit small IDs are untouched.
 * Order: real Redis lists cmdstat_* (Commandstats) and latency_percentiles_usec_* (Latencystats)
 * lines in the order of its command table's hash, which is seeded randomly per process, so
 * consecutive lines of each kind are sorted.
 * CLIENT LIST / CLIENT INFO lines (starting `id=`): id, fd, age, idle, qbuf, qbuf-free, argv-mem,
 * multi-mem, rbs, rbp, obl, oll, omem, tot-mem, events (connection ids and buffers depend on
 * reconnects and timing) and addr (the client's ephemeral port; and against real servers every
 * client connects from 127.0.0.1, even in a scenario whose nodes are HOST:PORT). laddr is kept,
 * except its port on a replica's master link (flags=M): that is the replica's own ephemeral port.
 * MONITOR lines (`1725291780.000000 [0 127.0.0.1:6379] "SET" ...`, maybe after a `[PORT/N] `
 * prefix): the timestamp (wall clock against simulated clock) and a client's ephemeral port
 * (32768 and up; a node's own port, the master link's address on a replica, is kept).
 * Ids: every 40-hex-digit id (replication ids) is renamed by first appearance, `<id1>`, `<id2>`, ...;
 * the all-zero id (`master_replid2` with no history) is kept as it is.
 */
const MASKED_FIELDS = new RegExp(
  `^(${[
    'redis_git_sha1',
    'redis_git_dirty',
    'redis_build_id',
    'os',
    'arch_bits',
    'monotonic_clock',
    'multiplexing_api',
    'atomicvar_api',
    'gcc_version',
    'process_id',
    'process_supervised',
    'run_id',
    'server_time_usec',
    'uptime_in_seconds',
    'uptime_in_days',
    'lru_clock',
    'executable',
    'config_file',
    'client_recent_max_input_buffer',
    'client_recent_max_output_buffer',
    'rdb_last_save_time',
    'loading_[a-z_]+',
    '[a-z_]+_cow_[a-z_]+',
    '[a-z_]+_cow_size',
    'current_fork_perc',
    'current_save_keys_[a-z_]+',
    '[a-z_]+_time_sec',
    '[a-z_]+_usec',
    '[a-z_]+_milliseconds',
    'total_active_defrag_time',
    'current_active_defrag_time',
    'total_eviction_exceeded_time',
    'current_eviction_exceeded_time',
    'total_commands_processed',
    'total_connections_received',
    'total_net_[a-z_]+',
    'instantaneous_[a-z_]+',
    'total_reads_processed',
    'total_writes_processed',
    'io_threaded_[a-z_]+',
    'expired_stale_perc',
    'expired_time_cap_reached_count',
    'master_last_io_seconds_ago',
    'master_link_down_since_seconds',
    'master_sync_total_bytes',
    'master_sync_read_bytes',
    'master_sync_left_bytes',
    'master_sync_perc',
    'master_sync_last_io_seconds_ago',
    'cmdstat_info',
    'cmdstat_replconf',
    'reply_buffer_shrinks',
    'reply_buffer_expands',
  ].join('|')}):.*$`,
);
const MASKED_SECTIONS = new Set(['Memory', 'CPU', 'Latencystats']);
const CLIENT_FIELDS = new Set([
  'id',
  'addr',
  'fd',
  'age',
  'idle',
  'qbuf',
  'qbuf-free',
  'argv-mem',
  'multi-mem',
  'rbs',
  'rbp',
  'obl',
  'oll',
  'omem',
  'tot-mem',
  'events',
]);
const M = '<masked>';

export function normalizeTranscript(text: string): string {
  const ids = new Map<string, string>();
  let section = '';
  const out = text.split('\n').map((raw) => {
    let line = raw;
    const header = /^# (\w+)$/.exec(line);
    if (header) section = header[1];
    else if (line !== '' && !/^[A-Za-z0-9_|]+:/.test(line)) section = '';

    // Field names may hold a `|` (a 7.0 subcommand: latency_percentiles_usec_config|get).
    if (!header && MASKED_SECTIONS.has(section) && /^[A-Za-z0-9_|]+:/.test(line)) {
      line = line.replace(/^([A-Za-z0-9_|]+):.*$/, `$1:${M}`);
    } else if (MASKED_FIELDS.test(line)) {
      line = line.replace(/^([A-Za-z0-9_]+):.*$/, `$1:${M}`);
    } else if (/^cmdstat_/.test(line)) {
      line = line.replace(/\b(usec|usec_per_call)=[0-9.]+/g, `$1=${M}`);
    } else if (/^id=\d+ /.test(line)) {
      const masterLink = /(^| )flags=[A-Za-z]*M/.test(line);
      line = line
        .split(' ')
        .map((kv) => {
          const eq = kv.indexOf('=');
          if (eq < 0) return kv;
          const k = kv.slice(0, eq);
          if (CLIENT_FIELDS.has(k)) return `${k}=${M}`;
          if (k === 'laddr' && masterLink) return kv.replace(/:\d+$/, `:${M}`);
          return kv;
        })
        .join(' ');
    }
    line = line.replace(/^((?:\[[^\]]+\] )?)\d{9,10}\.\d{6} \[(\d+) ([^\]\s]+):(\d+)\]/, (_m, pre, db, host, port) =>
      Number(port) >= 32768 ? `${pre}${M} [${db} ${host}:${M}]` : `${pre}${M} [${db} ${host}:${port}]`,
    );
    line = line.replace(/\blag=\d+/g, `lag=${M}`);
    line = line.replace(/\b1\d{12}-\d+\b/g, M);
    line = line.replace(/^(\s*(?:\d+\) )*)\(integer\) 1\d{12}$/, `$1(integer) ${M}`);
    if (/^db\d+:keys=/.test(line)) line = line.replace(/\bavg_ttl=\d+/, `avg_ttl=${M}`);
    line = line.replace(/\b[0-9a-f]{40}\b/g, (id) => {
      if (/^0+$/.test(id)) return id;
      let name = ids.get(id);
      if (name === undefined) {
        name = `<id${ids.size + 1}>`;
        ids.set(id, name);
      }
      return name;
    });
    return line;
  });
  return sortRuns(out, /^(cmdstat_|latency_percentiles_usec_)/).join('\n');
}

/** Sort each run of consecutive lines that start with the same `prefix` match. */
function sortRuns(lines: string[], prefix: RegExp): string[] {
  const out: string[] = [];
  let run: string[] = [];
  let kind = '';
  const flush = () => {
    out.push(...run.sort());
    run = [];
  };
  for (const line of lines) {
    const m = prefix.exec(line);
    if (m !== null && m[1] === kind) {
      run.push(line);
      continue;
    }
    flush();
    kind = m === null ? '' : m[1];
    if (m !== null) run.push(line);
    else out.push(line);
  }
  flush();
  return out;
}
