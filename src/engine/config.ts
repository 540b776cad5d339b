/**
 * The configuration table (config.c): every parameter the playground understands, with its
 * 7.0 and 4.0 names and defaults, its parser, and CONFIG SET's exact error texts in each dialect.
 * A node's "config file" is a record of name → value handed in at start; CONFIG SET changes only
 * the running values (lost on restart, as in Redis) unless CONFIG REWRITE is used.
 *
 * Playground deviations (each also noted at its parameter): `enable-debug-command` defaults to
 * `local` instead of `no`, so DEBUG works from the consoles (they are loopback connections);
 * `port` cannot be changed at run time (see commands/config.ts).
 */
import type { RedisVersion } from './version';

/**
 * How a value is parsed and shown: `memory` takes 1k/1kb/1m/… suffixes (and, with `percent`, a
 * trailing %), `octal` is shown in base 8, `save` is the save points, `replicaof` is no stored
 * value at all (CONFIG GET shows the node's master, and only the config file sets it).
 */
type Kind = 'bool' | 'int' | 'memory' | 'octal' | 'enum' | 'string' | 'save' | 'replicaof';

interface Param {
  name: string;
  /** Old name accepted as an alias (7.0 `slave-*`, `*-ziplist-*` and `lua-time-limit` names). */
  alias?: string;
  /** The name 4.0 uses (it has no `replica-*` or `*-listpack-*` names). */
  name40?: string;
  kind: Kind;
  def: string;
  def40?: string;
  min?: number;
  max?: number;
  values?: string[];
  /** A memory value may also be a percentage (maxmemory-clients). */
  percent?: boolean;
  /** 7.0: CONFIG SET refuses it ("can't set immutable config"); 4.0: "Unsupported CONFIG parameter". */
  immutable?: boolean;
  /** 7.0: CONFIG SET refuses it unless enable-protected-configs allows ("can't set protected config"). */
  protected?: boolean;
  /** Only 7.0 knows it. */
  only7?: boolean;
  /** 4.0's CONFIG SET does not know it ("Unsupported CONFIG parameter"). */
  fixed40?: boolean;
  /** 7.0 hides it from CONFIG GET (4.0 lists it). */
  hidden7?: boolean;
}

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;
const UINT_MAX = 4294967295;
const LLONG_MAX = 2 ** 63 - 1;
const ULLONG_MAX = 2 ** 64 - 1;

/** A range bound as Redis prints it (the 64-bit ones are beyond a double's precision). */
function boundText(n: number | undefined): string {
  if (n === LLONG_MAX) return '9223372036854775807';
  if (n === ULLONG_MAX) return '18446744073709551615';
  return String(n ?? 0);
}

/**
 * Every parameter CONFIG GET * lists in redis-server 7.0.15 (Debian's build, with TLS), with
 * the defaults it reports, the ranges and enum values CONFIG SET checks, and which ones are
 * immutable or protected; and which of them 4.0.14 lists (under its own name) or can set. The
 * engine acts on a few dozen (replication, persistence, expiry, eviction policy, encodings,
 * logging, the protocol limits); the others are held and shown but change nothing (README,
 * "Fidelity notes").
 */
const PARAMS: Param[] = [
  { name: 'rdbchecksum', kind: 'bool', def: 'yes', immutable: true, fixed40: true },
  { name: 'daemonize', kind: 'bool', def: 'no', immutable: true, fixed40: true },
  { name: 'io-threads-do-reads', kind: 'bool', def: 'no', immutable: true, only7: true },
  { name: 'always-show-logo', kind: 'bool', def: 'no', immutable: true, only7: true },
  { name: 'protected-mode', kind: 'bool', def: 'yes' },
  { name: 'rdbcompression', kind: 'bool', def: 'yes' },
  { name: 'rdb-del-sync-files', kind: 'bool', def: 'no', only7: true },
  { name: 'activerehashing', kind: 'bool', def: 'yes' },
  { name: 'stop-writes-on-bgsave-error', kind: 'bool', def: 'yes' },
  { name: 'set-proc-title', kind: 'bool', def: 'yes', immutable: true, only7: true },
  { name: 'dynamic-hz', kind: 'bool', def: 'yes', only7: true },
  { name: 'lazyfree-lazy-eviction', kind: 'bool', def: 'no' },
  { name: 'lazyfree-lazy-expire', kind: 'bool', def: 'no' },
  { name: 'lazyfree-lazy-server-del', kind: 'bool', def: 'no' },
  { name: 'lazyfree-lazy-user-del', kind: 'bool', def: 'no', only7: true },
  { name: 'lazyfree-lazy-user-flush', kind: 'bool', def: 'no', only7: true },
  { name: 'repl-disable-tcp-nodelay', kind: 'bool', def: 'no' },
  { name: 'repl-diskless-sync', kind: 'bool', def: 'yes', def40: 'no' },
  { name: 'aof-rewrite-incremental-fsync', kind: 'bool', def: 'yes' },
  { name: 'no-appendfsync-on-rewrite', kind: 'bool', def: 'no' },
  { name: 'cluster-require-full-coverage', kind: 'bool', def: 'yes' },
  { name: 'rdb-save-incremental-fsync', kind: 'bool', def: 'yes', only7: true },
  { name: 'aof-load-truncated', kind: 'bool', def: 'yes' },
  { name: 'aof-use-rdb-preamble', kind: 'bool', def: 'yes', def40: 'no' },
  { name: 'aof-timestamp-enabled', kind: 'bool', def: 'no', only7: true },
  {
    name: 'cluster-replica-no-failover',
    alias: 'cluster-slave-no-failover',
    name40: 'cluster-slave-no-failover',
    kind: 'bool',
    def: 'no',
  },
  { name: 'replica-lazy-flush', alias: 'slave-lazy-flush', name40: 'slave-lazy-flush', kind: 'bool', def: 'no' },
  {
    name: 'replica-serve-stale-data',
    alias: 'slave-serve-stale-data',
    name40: 'slave-serve-stale-data',
    kind: 'bool',
    def: 'yes',
  },
  { name: 'replica-read-only', alias: 'slave-read-only', name40: 'slave-read-only', kind: 'bool', def: 'yes' },
  { name: 'replica-ignore-maxmemory', alias: 'slave-ignore-maxmemory', kind: 'bool', def: 'yes', only7: true },
  { name: 'jemalloc-bg-thread', kind: 'bool', def: 'yes', only7: true },
  { name: 'activedefrag', kind: 'bool', def: 'no' },
  { name: 'syslog-enabled', kind: 'bool', def: 'no', immutable: true, only7: true },
  { name: 'cluster-enabled', kind: 'bool', def: 'no', immutable: true, only7: true },
  { name: 'appendonly', kind: 'bool', def: 'no' },
  { name: 'cluster-allow-reads-when-down', kind: 'bool', def: 'no', only7: true },
  { name: 'cluster-allow-pubsubshard-when-down', kind: 'bool', def: 'yes', only7: true },
  { name: 'crash-log-enabled', kind: 'bool', def: 'yes', only7: true },
  { name: 'crash-memcheck-enabled', kind: 'bool', def: 'yes', only7: true },
  { name: 'disable-thp', kind: 'bool', def: 'yes', immutable: true, only7: true },
  { name: 'cluster-allow-replica-migration', kind: 'bool', def: 'yes', only7: true },
  { name: 'replica-announced', kind: 'bool', def: 'yes', only7: true },
  { name: 'latency-tracking', kind: 'bool', def: 'yes', only7: true },
  { name: 'aof-disable-auto-gc', kind: 'bool', def: 'no', only7: true },
  { name: 'replica-ignore-disk-write-errors', kind: 'bool', def: 'no', only7: true },
  { name: 'aclfile', kind: 'string', def: '', immutable: true, only7: true },
  { name: 'unixsocket', kind: 'string', def: '', immutable: true, fixed40: true },
  { name: 'pidfile', kind: 'string', def: '', immutable: true, fixed40: true },
  { name: 'replica-announce-ip', alias: 'slave-announce-ip', name40: 'slave-announce-ip', kind: 'string', def: '' },
  { name: 'masteruser', kind: 'string', def: '', only7: true },
  { name: 'cluster-announce-ip', kind: 'string', def: '' },
  { name: 'cluster-config-file', kind: 'string', def: 'nodes.conf', immutable: true, only7: true },
  { name: 'cluster-announce-hostname', kind: 'string', def: '', only7: true },
  { name: 'syslog-ident', kind: 'string', def: 'redis', immutable: true, only7: true },
  { name: 'dbfilename', kind: 'string', def: 'dump.rdb', protected: true },
  { name: 'appendfilename', kind: 'string', def: 'appendonly.aof', immutable: true, only7: true },
  { name: 'appenddirname', kind: 'string', def: 'appendonlydir', immutable: true, only7: true },
  { name: 'server_cpulist', kind: 'string', def: '', immutable: true, only7: true },
  { name: 'bio_cpulist', kind: 'string', def: '', immutable: true, only7: true },
  { name: 'aof_rewrite_cpulist', kind: 'string', def: '', immutable: true, only7: true },
  { name: 'bgsave_cpulist', kind: 'string', def: '', immutable: true, only7: true },
  { name: 'ignore-warnings', kind: 'string', def: '', only7: true },
  { name: 'proc-title-template', kind: 'string', def: '{title} {listen-addr} {server-mode}', only7: true },
  { name: 'bind-source-addr', kind: 'string', def: '', only7: true },
  { name: 'logfile', kind: 'string', def: '', immutable: true, fixed40: true },
  { name: 'masterauth', kind: 'string', def: '' },
  { name: 'requirepass', kind: 'string', def: '' },
  {
    name: 'supervised',
    kind: 'enum',
    def: 'no',
    def40: 'no',
    values: ['upstart', 'systemd', 'auto', 'no'],
    immutable: true,
    fixed40: true,
  },
  {
    name: 'syslog-facility',
    kind: 'enum',
    def: 'local0',
    values: ['user', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'],
    immutable: true,
    fixed40: true,
  },
  {
    name: 'repl-diskless-load',
    kind: 'enum',
    def: 'disabled',
    values: ['disabled', 'on-empty-db', 'swapdb'],
    only7: true,
  },
  { name: 'loglevel', kind: 'enum', def: 'notice', values: ['debug', 'verbose', 'notice', 'warning'] },
  {
    name: 'maxmemory-policy',
    kind: 'enum',
    def: 'noeviction',
    values: [
      'volatile-lru',
      'volatile-lfu',
      'volatile-random',
      'volatile-ttl',
      'allkeys-lru',
      'allkeys-lfu',
      'allkeys-random',
      'noeviction',
    ],
  },
  { name: 'appendfsync', kind: 'enum', def: 'everysec', values: ['everysec', 'always', 'no'] },
  { name: 'oom-score-adj', kind: 'enum', def: 'no', values: ['no', 'yes', 'relative', 'absolute'], only7: true },
  {
    name: 'acl-pubsub-default',
    kind: 'enum',
    def: 'resetchannels',
    values: ['allchannels', 'resetchannels'],
    only7: true,
  },
  { name: 'sanitize-dump-payload', kind: 'enum', def: 'no', values: ['no', 'yes', 'clients'], only7: true },
  {
    name: 'enable-protected-configs',
    kind: 'enum',
    def: 'no',
    values: ['no', 'yes', 'local'],
    immutable: true,
    only7: true,
  },
  // Playground deviation: real 7.0 defaults to `no` (DEBUG refused); `local` lets the consoles,
  // which are loopback connections, run DEBUG.
  {
    name: 'enable-debug-command',
    kind: 'enum',
    def: 'local',
    values: ['no', 'yes', 'local'],
    immutable: true,
    only7: true,
  },
  {
    name: 'enable-module-command',
    kind: 'enum',
    def: 'no',
    values: ['no', 'yes', 'local'],
    immutable: true,
    only7: true,
  },
  {
    name: 'cluster-preferred-endpoint-type',
    kind: 'enum',
    def: 'ip',
    values: ['ip', 'hostname', 'unknown-endpoint'],
    only7: true,
  },
  {
    name: 'propagation-error-behavior',
    kind: 'enum',
    def: 'ignore',
    values: ['ignore', 'panic', 'panic-on-replicas'],
    only7: true,
  },
  {
    name: 'shutdown-on-sigint',
    kind: 'string',
    def: 'default',
    values: ['default', 'save', 'nosave', 'now', 'force'],
    only7: true,
  },
  {
    name: 'shutdown-on-sigterm',
    kind: 'string',
    def: 'default',
    values: ['default', 'save', 'nosave', 'now', 'force'],
    only7: true,
  },
  { name: 'databases', kind: 'int', def: '16', min: 1, max: INT_MAX, immutable: true, fixed40: true },
  // A node's port is its identity: commands/config.ts refuses to move it.
  { name: 'port', kind: 'int', def: '6379', min: 0, max: 65535, fixed40: true },
  { name: 'io-threads', kind: 'int', def: '1', min: 1, max: 128, immutable: true, only7: true },
  { name: 'auto-aof-rewrite-percentage', kind: 'int', def: '100', min: 0, max: INT_MAX },
  {
    name: 'cluster-replica-validity-factor',
    alias: 'cluster-slave-validity-factor',
    name40: 'cluster-slave-validity-factor',
    kind: 'int',
    def: '10',
    min: 0,
    max: INT_MAX,
  },
  {
    name: 'list-max-listpack-size',
    alias: 'list-max-ziplist-size',
    name40: 'list-max-ziplist-size',
    kind: 'int',
    def: '-2',
    min: INT_MIN,
    max: INT_MAX,
  },
  { name: 'tcp-keepalive', kind: 'int', def: '300', min: 0, max: INT_MAX },
  { name: 'cluster-migration-barrier', kind: 'int', def: '1', min: 0, max: INT_MAX },
  { name: 'active-defrag-cycle-min', kind: 'int', def: '1', def40: '25', min: 1, max: 99 },
  { name: 'active-defrag-cycle-max', kind: 'int', def: '25', def40: '75', min: 1, max: 99 },
  { name: 'active-defrag-threshold-lower', kind: 'int', def: '10', min: 0, max: 1000 },
  { name: 'active-defrag-threshold-upper', kind: 'int', def: '100', min: 0, max: 1000 },
  { name: 'lfu-log-factor', kind: 'int', def: '10', min: 0, max: INT_MAX },
  { name: 'lfu-decay-time', kind: 'int', def: '1', min: 0, max: INT_MAX },
  {
    name: 'replica-priority',
    alias: 'slave-priority',
    name40: 'slave-priority',
    kind: 'int',
    def: '100',
    min: 0,
    max: INT_MAX,
  },
  { name: 'repl-diskless-sync-delay', kind: 'int', def: '5', min: 0, max: INT_MAX },
  { name: 'maxmemory-samples', kind: 'int', def: '5', min: 1, max: INT_MAX },
  { name: 'maxmemory-eviction-tenacity', kind: 'int', def: '10', min: 0, max: 100, only7: true },
  { name: 'timeout', kind: 'int', def: '0', min: 0, max: INT_MAX },
  {
    name: 'replica-announce-port',
    alias: 'slave-announce-port',
    name40: 'slave-announce-port',
    kind: 'int',
    def: '0',
    min: 0,
    max: 65535,
  },
  { name: 'tcp-backlog', kind: 'int', def: '511', min: 0, max: INT_MAX, immutable: true, fixed40: true },
  { name: 'cluster-port', kind: 'int', def: '0', min: 0, max: 65535, immutable: true, only7: true },
  { name: 'cluster-announce-bus-port', kind: 'int', def: '0', min: 0, max: 65535 },
  { name: 'cluster-announce-port', kind: 'int', def: '0', min: 0, max: 65535 },
  { name: 'cluster-announce-tls-port', kind: 'int', def: '0', min: 0, max: 65535, only7: true },
  { name: 'repl-timeout', kind: 'int', def: '60', min: 1, max: INT_MAX },
  {
    name: 'repl-ping-replica-period',
    alias: 'repl-ping-slave-period',
    name40: 'repl-ping-slave-period',
    kind: 'int',
    def: '10',
    min: 1,
    max: INT_MAX,
  },
  { name: 'list-compress-depth', kind: 'int', def: '0', min: 0, max: INT_MAX },
  { name: 'active-expire-effort', kind: 'int', def: '1', min: 1, max: 10, only7: true },
  { name: 'hz', kind: 'int', def: '10', min: 0, max: INT_MAX },
  {
    name: 'min-replicas-to-write',
    alias: 'min-slaves-to-write',
    name40: 'min-slaves-to-write',
    kind: 'int',
    def: '0',
    min: 0,
    max: INT_MAX,
  },
  {
    name: 'min-replicas-max-lag',
    alias: 'min-slaves-max-lag',
    name40: 'min-slaves-max-lag',
    kind: 'int',
    def: '10',
    min: 0,
    max: INT_MAX,
  },
  { name: 'watchdog-period', kind: 'int', def: '0', def40: '0', min: 0, max: INT_MAX, hidden7: true },
  { name: 'shutdown-timeout', kind: 'int', def: '10', min: 0, max: INT_MAX, only7: true },
  { name: 'repl-diskless-sync-max-replicas', kind: 'int', def: '0', min: 0, max: INT_MAX, only7: true },
  { name: 'maxclients', kind: 'int', def: '10000', min: 1, max: UINT_MAX },
  { name: 'unixsocketperm', kind: 'octal', def: '0', min: 0, max: 511, immutable: true, fixed40: true },
  { name: 'socket-mark-id', kind: 'int', def: '0', min: 0, max: UINT_MAX, immutable: true, only7: true },
  { name: 'active-defrag-max-scan-fields', kind: 'int', def: '1000', min: 1, max: LLONG_MAX, only7: true },
  { name: 'slowlog-max-len', kind: 'int', def: '128', min: 0, max: LLONG_MAX },
  { name: 'acllog-max-len', kind: 'int', def: '128', min: 0, max: LLONG_MAX, only7: true },
  {
    name: 'busy-reply-threshold',
    alias: 'lua-time-limit',
    name40: 'lua-time-limit',
    kind: 'int',
    def: '5000',
    min: 0,
    max: LLONG_MAX,
  },
  { name: 'cluster-node-timeout', kind: 'int', def: '15000', min: 0, max: LLONG_MAX },
  { name: 'slowlog-log-slower-than', kind: 'int', def: '10000', min: -1, max: LLONG_MAX },
  { name: 'latency-monitor-threshold', kind: 'int', def: '0', min: 0, max: LLONG_MAX },
  { name: 'proto-max-bulk-len', kind: 'memory', def: '536870912', min: 1048576, max: LLONG_MAX },
  { name: 'stream-node-max-entries', kind: 'int', def: '100', min: 0, max: LLONG_MAX, only7: true },
  { name: 'repl-backlog-size', kind: 'memory', def: '1048576', min: 1, max: LLONG_MAX },
  { name: 'maxmemory', kind: 'memory', def: '0', min: 0, max: ULLONG_MAX },
  { name: 'cluster-link-sendbuf-limit', kind: 'memory', def: '0', min: 0, max: ULLONG_MAX, only7: true },
  {
    name: 'hash-max-listpack-entries',
    alias: 'hash-max-ziplist-entries',
    name40: 'hash-max-ziplist-entries',
    kind: 'int',
    def: '512',
    min: 0,
    max: LLONG_MAX,
  },
  { name: 'set-max-intset-entries', kind: 'int', def: '512', min: 0, max: LLONG_MAX },
  {
    name: 'zset-max-listpack-entries',
    alias: 'zset-max-ziplist-entries',
    name40: 'zset-max-ziplist-entries',
    kind: 'int',
    def: '128',
    min: 0,
    max: LLONG_MAX,
  },
  { name: 'active-defrag-ignore-bytes', kind: 'memory', def: '104857600', min: 1, max: LLONG_MAX },
  {
    name: 'hash-max-listpack-value',
    alias: 'hash-max-ziplist-value',
    name40: 'hash-max-ziplist-value',
    kind: 'memory',
    def: '64',
    min: 0,
    max: LLONG_MAX,
  },
  { name: 'stream-node-max-bytes', kind: 'memory', def: '4096', min: 0, max: LLONG_MAX, only7: true },
  {
    name: 'zset-max-listpack-value',
    alias: 'zset-max-ziplist-value',
    name40: 'zset-max-ziplist-value',
    kind: 'memory',
    def: '64',
    min: 0,
    max: LLONG_MAX,
  },
  { name: 'hll-sparse-max-bytes', kind: 'memory', def: '3000', min: 0, max: LLONG_MAX },
  { name: 'tracking-table-max-keys', kind: 'int', def: '1000000', min: 0, max: LLONG_MAX, only7: true },
  { name: 'client-query-buffer-limit', kind: 'memory', def: '1073741824', min: 1048576, max: LLONG_MAX },
  { name: 'maxmemory-clients', kind: 'memory', def: '0', min: -100, max: LLONG_MAX, percent: true, only7: true },
  { name: 'repl-backlog-ttl', kind: 'int', def: '3600', min: 0, max: LLONG_MAX },
  { name: 'auto-aof-rewrite-min-size', kind: 'memory', def: '67108864', min: 0, max: LLONG_MAX },
  { name: 'tls-port', kind: 'int', def: '0', min: 0, max: 65535, only7: true },
  { name: 'tls-session-cache-size', kind: 'int', def: '20480', min: 0, max: INT_MAX, only7: true },
  { name: 'tls-session-cache-timeout', kind: 'int', def: '300', min: 0, max: INT_MAX, only7: true },
  { name: 'tls-cluster', kind: 'bool', def: 'no', only7: true },
  { name: 'tls-replication', kind: 'bool', def: 'no', only7: true },
  { name: 'tls-auth-clients', kind: 'enum', def: 'yes', values: ['no', 'yes', 'optional'], only7: true },
  { name: 'tls-prefer-server-ciphers', kind: 'bool', def: 'no', only7: true },
  { name: 'tls-session-caching', kind: 'bool', def: 'yes', only7: true },
  { name: 'tls-cert-file', kind: 'string', def: '', only7: true },
  { name: 'tls-key-file', kind: 'string', def: '', only7: true },
  { name: 'tls-key-file-pass', kind: 'string', def: '', only7: true },
  { name: 'tls-client-cert-file', kind: 'string', def: '', only7: true },
  { name: 'tls-client-key-file', kind: 'string', def: '', only7: true },
  { name: 'tls-client-key-file-pass', kind: 'string', def: '', only7: true },
  { name: 'tls-dh-params-file', kind: 'string', def: '', only7: true },
  { name: 'tls-ca-cert-file', kind: 'string', def: '', only7: true },
  { name: 'tls-ca-cert-dir', kind: 'string', def: '', only7: true },
  { name: 'tls-protocols', kind: 'string', def: '', only7: true },
  { name: 'tls-ciphers', kind: 'string', def: '', only7: true },
  { name: 'tls-ciphersuites', kind: 'string', def: '', only7: true },
  // A node's files are named by the host's file store; dir is shown but not used.
  { name: 'dir', kind: 'string', def: '/var/lib/redis', protected: true },
  { name: 'save', kind: 'save', def: '3600 1 300 100 60 10000', def40: '900 1 300 10 60 10000' },
  {
    name: 'client-output-buffer-limit',
    kind: 'string',
    def: 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60',
  },
  { name: 'oom-score-adj-values', kind: 'string', def: '0 200 800', only7: true },
  { name: 'notify-keyspace-events', kind: 'string', def: '' },
  { name: 'bind', kind: 'string', def: '* -::*', def40: '', fixed40: true },
  {
    name: 'replicaof',
    alias: 'slaveof',
    name40: 'slaveof',
    kind: 'replicaof',
    def: '',
    immutable: true,
    fixed40: true,
  },
  { name: 'latency-tracking-info-percentiles', kind: 'string', def: '50 99 99.9', only7: true },
];

/**
 * Parse a memory value: 1k=1000, 1kb=1024, 1m, 1mb, 1g, 1gb, case-insensitive; no digits read as
 * 0. 7.0's memtoull refuses a sign; 4.0's memtoll takes a leading '-'.
 */
export function parseMemory(v: string, allowSign = false): number | null {
  const m = (allowSign ? /^(-?\d*)(k|kb|m|mb|g|gb|b)?$/i : /^(\d*)(k|kb|m|mb|g|gb|b)?$/i).exec(v);
  if (!m) return null;
  const n = m[1] === '' || m[1] === '-' ? 0 : Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  const mul: Record<string, number> = { '': 1, b: 1, k: 1000, kb: 1024, m: 1e6, mb: 1048576, g: 1e9, gb: 1073741824 };
  return n * mul[unit];
}

/** string2ll's shape: optional '-', no leading zeros, digits only. */
const STRICT_INT = /^(0|-?[1-9]\d*)$/;

/** Glob matching with Redis's stringmatchlen rules (*, ?, [..], \ escapes), case-insensitive option. */
export function globMatch(pattern: string, str: string, nocase = false): boolean {
  const p = nocase ? pattern.toLowerCase() : pattern;
  const s = nocase ? str.toLowerCase() : str;
  const rec = (pi: number, si: number): boolean => {
    while (pi < p.length) {
      const c = p[pi];
      if (c === '*') {
        while (p[pi + 1] === '*') pi++;
        if (pi + 1 === p.length) return true;
        for (let k = si; k <= s.length; k++) if (rec(pi + 1, k)) return true;
        return false;
      }
      if (si >= s.length) return false;
      if (c === '?') {
        pi++;
        si++;
        continue;
      }
      if (c === '[') {
        let j = pi + 1;
        const not = p[j] === '^';
        if (not) j++;
        let match = false;
        while (j < p.length && p[j] !== ']') {
          if (p[j] === '\\' && j + 1 < p.length) {
            j++;
            if (p[j] === s[si]) match = true;
          } else if (p[j + 1] === '-' && j + 2 < p.length && p[j + 2] !== ']') {
            let lo = p[j];
            let hi = p[j + 2];
            if (lo > hi) [lo, hi] = [hi, lo];
            if (s[si] >= lo && s[si] <= hi) match = true;
            j += 2;
          } else if (p[j] === s[si]) match = true;
          j++;
        }
        if (not) match = !match;
        if (!match) return false;
        pi = j + 1;
        si++;
        continue;
      }
      if (c === '\\' && pi + 1 < p.length) {
        if (p[pi + 1] !== s[si]) return false;
        pi += 2;
        si++;
        continue;
      }
      if (c !== s[si]) return false;
      pi++;
      si++;
    }
    return si === s.length;
  };
  return rec(0, 0);
}

/** Why a CONFIG SET failed (the reply text without the "ERR " prefix). */
export type ConfigSetError = string;

/** The running configuration of one node. */
export class Config {
  private values = new Map<string, string>();
  /** Every spelling the engine itself may use (7.0 names, aliases, 4.0 names). */
  private byName = new Map<string, Param>();
  /** The names a user may type in this dialect (7.0: names and aliases; 4.0: its own names). */
  private userNames = new Map<string, Param>();
  /**
   * Bumped by every change of a value: a reader on the hot path (min-replicas-to-write, read by
   * every write) can keep what it derived from the values until this moves.
   */
  generation = 0;
  /** What CONFIG GET replicaof / slaveof shows: "HOST PORT" of the master, or "" (set by the server). */
  replicaof: () => string = () => '';

  constructor(
    readonly version: RedisVersion,
    file: Record<string, string> = {},
  ) {
    for (const p of PARAMS) {
      if (p.only7 && version === '4.0') continue;
      if (p.kind === 'replicaof') {
        this.byName.set(p.name, p);
        if (p.alias) this.byName.set(p.alias, p);
        this.userNames.set(this.shown(p), p);
        if (p.alias && version === '7.0') this.userNames.set(p.alias, p);
        continue;
      }
      this.put(p.name, version === '4.0' && p.def40 !== undefined ? p.def40 : p.def);
      this.byName.set(p.name, p);
      if (p.alias) this.byName.set(p.alias, p);
      if (p.name40) this.byName.set(p.name40, p);
      this.userNames.set(this.shown(p), p);
      if (p.alias && version === '7.0') this.userNames.set(p.alias, p);
    }
    for (const [k, v] of Object.entries(file)) {
      const p = this.byName.get(k.toLowerCase());
      const err = p ? this.parse(p, v) : 'unknown';
      if (typeof err !== 'object') throw new Error(`Bad directive or wrong number of arguments: ${k} ${v} (${err})`);
      this.put(p!.name, err.value);
    }
  }

  /** Every value is stored through here (so `generation` sees every change). */
  private put(name: string, value: string): void {
    this.values.set(name, value);
    this.numbers.delete(name);
    this.generation++;
  }
  /** int()'s parsed values, dropped by put(): some are read on every command (slowlog, latency). */
  private readonly numbers = new Map<string, number>();

  /** The displayed name of a parameter in this dialect. */
  private shown(p: Param): string {
    return this.version === '4.0' && p.name40 ? p.name40 : p.name;
  }

  /** The value of a parameter, by its 7.0 name (or any alias). */
  get(name: string): string {
    // Canonical names (what the engine asks for, many times per command) in one lookup.
    const v = this.values.get(name);
    if (v !== undefined) return v;
    const p = this.byName.get(name) ?? PARAMS.find((x) => x.name === name);
    if (p?.kind === 'replicaof') return this.replicaof();
    if (!p || !this.values.has(p.name)) throw new Error(`unknown config ${name}`);
    return this.values.get(p.name)!;
  }
  int(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) this.numbers.set(name, (n = Number(this.get(name))));
    return n;
  }
  bool(name: string): boolean {
    return this.get(name) === 'yes';
  }

  /** Save points as [seconds, changes] pairs. */
  savePoints(): [number, number][] {
    const v = this.get('save').trim();
    if (!v) return [];
    const parts = v.split(/\s+/).map(Number);
    const out: [number, number][] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) out.push([parts[i], parts[i + 1]]);
    return out;
  }

  /**
   * CONFIG GET pattern → [name, value] pairs (glob, case-insensitive). 7.0 also lists an alias
   * that matches (real 7.0 lists it or not depending on its per-process hash seed, and orders
   * everything that way; this table's order stands in).
   */
  match(pattern: string): [string, string][] {
    const out: [string, string][] = [];
    for (const p of PARAMS) {
      const dynamic = p.kind === 'replicaof' && !(p.only7 && this.version === '4.0');
      if (!dynamic && !this.values.has(p.name)) continue;
      // Hidden parameters answer only to their exact name (configGetCommand).
      if (p.hidden7 && this.version === '7.0') continue;
      const names = [this.shown(p), ...(p.alias && this.version === '7.0' ? [p.alias] : [])];
      for (const n of names) {
        if (globMatch(pattern, n, true)) out.push([n, dynamic ? this.replicaof() : this.values.get(p.name)!]);
      }
    }
    return out;
  }

  /** Whether a name (or alias) exists in this dialect. */
  has(name: string): boolean {
    return this.userNames.has(name.toLowerCase());
  }

  /** The canonical (7.0) name, for change hooks. */
  canonical(name: string): string | undefined {
    return this.byName.get(name.toLowerCase())?.name;
  }

  /** Parse a value for a parameter: the stored form, or the reason it is refused (7.0 wording). */
  private parse(p: Param, value: string): { value: string } | string {
    let v = value;
    const is7 = this.version === '7.0';
    switch (p.kind) {
      case 'bool': {
        const l = v.toLowerCase();
        if (l !== 'yes' && l !== 'no') return "argument must be 'yes' or 'no'";
        v = l;
        break;
      }
      case 'int': {
        if (!STRICT_INT.test(v) || v.length > 20) return "argument couldn't be parsed into an integer";
        const n = Number(v);
        if (n < (p.min ?? 0) || n > (p.max ?? INT_MAX)) {
          return `argument must be between ${boundText(p.min)} and ${boundText(p.max)} inclusive`;
        }
        v = String(n);
        break;
      }
      case 'octal': {
        if (!/^[0-7]+$/.test(v)) return "argument couldn't be parsed into an integer";
        const n = Number.parseInt(v, 8);
        if (n > (p.max ?? 0)) return `argument must be between ${boundText(p.min)} and ${boundText(p.max)} inclusive`;
        v = n.toString(8);
        break;
      }
      case 'memory': {
        // maxmemory-clients also takes a percentage of maxmemory (stored by Redis as a negative).
        if (p.percent && /^\d+%$/.test(v)) {
          const pct = Number(v.slice(0, -1));
          if (pct > -(p.min ?? 0)) return `percentage argument must be less or equal to ${-(p.min ?? 0)}`;
          v = `${pct}%`;
          break;
        }
        const n = parseMemory(v, !is7);
        if (n === null)
          return p.percent ? 'argument must be a memory or percent value' : 'argument must be a memory value';
        // 4.0 (config_set_memory_field) only refuses negatives; 7.0 checks the range.
        if (n < (is7 ? (p.min ?? 0) : 0) || (is7 && n > (p.max ?? ULLONG_MAX))) {
          return `argument must be between ${boundText(p.min)} and ${boundText(p.max)} inclusive`;
        }
        v = String(p.name === 'repl-backlog-size' ? Math.max(n, 16384) : n);
        break;
      }
      case 'replicaof':
        // Immutable: only the config file sets it, and the server reads that as a directive.
        break;
      case 'enum': {
        const l = v.toLowerCase();
        if (!p.values!.includes(l)) return `argument(s) must be one of the following: ${p.values!.join(', ')}`;
        v = l;
        break;
      }
      case 'save': {
        const parts = v.trim() === '' ? [] : v.trim().split(/\s+/);
        if (parts.length % 2 !== 0 || parts.some((x) => !/^\d+$/.test(x))) return 'Invalid save parameters';
        v = parts.join(' ');
        break;
      }
      case 'string':
        break;
    }
    return { value: v };
  }

  /**
   * Set one value as CONFIG SET would (the constructor's file values go through parse directly).
   * Returns null on success or the error suffix of 7.0's "CONFIG SET failed … - <suffix>"
   * ('unknown' for a name this dialect does not know).
   */
  set(name: string, value: string): string | null {
    const p = this.userNames.get(name.toLowerCase());
    if (!p) return 'unknown';
    if (p.immutable) return "can't set immutable config";
    if (p.protected) return "can't set protected config";
    const r = this.parse(p, value);
    if (typeof r !== 'object') return r;
    this.put(p.name, r.value);
    return null;
  }

  /**
   * CONFIG SET name value [name value ...] with Redis's checks in Redis's order, atomically.
   * 7.0 (configSetCommand): every name is looked up first (unknown, immutable, duplicate), then
   * every value is set, then `apply` runs for the canonical names whose value changed; any
   * failure restores all previous values. 4.0 sets a single pair. Returns the changed canonical
   * names, or the error text (without "ERR ").
   */
  configSet(
    args: readonly string[],
    apply: (changed: string[]) => { name: string; err: string } | null = () => null,
    protectedAllowed = false,
  ): string[] | { error: ConfigSetError } {
    if (this.version === '4.0') {
      const [name, value] = args;
      const p = this.userNames.get(name.toLowerCase());
      if (!p || p.fixed40) return { error: `Unsupported CONFIG parameter: ${name}` };
      const r = this.parse(p, value);
      if (typeof r !== 'object') {
        return { error: `Invalid argument '${value}' for CONFIG SET '${name}'` };
      }
      const old = this.values.get(p.name)!;
      this.put(p.name, r.value);
      const failed = old !== r.value ? apply([p.name]) : null;
      if (failed) {
        this.put(p.name, old);
        return { error: `Invalid argument '${value}' for CONFIG SET '${name}'` };
      }
      return old !== r.value ? [p.name] : [];
    }
    const params: Param[] = [];
    // The table entry each name found: an alias is an entry of its own in 7.0 (its own name in
    // errors, not a duplicate of its canonical name).
    const entries: string[] = [];
    let unknown: string | null = null;
    let failure: { name: string; err: string } | null = null;
    for (let i = 0; i < args.length; i += 2) {
      const p = this.userNames.get(args[i].toLowerCase());
      if (!p) {
        if (unknown === null && failure === null) unknown = args[i];
        continue;
      }
      if (unknown !== null || failure !== null) continue;
      if (p.immutable) failure = { name: args[i], err: "can't set immutable config" };
      else if (p.protected && !protectedAllowed) failure = { name: args[i], err: "can't set protected config" };
      else if (entries.includes(args[i].toLowerCase())) failure = { name: args[i], err: 'duplicate parameter' };
      params.push(p);
      entries.push(args[i].toLowerCase());
    }
    if (unknown !== null) return { error: `Unknown option or number of arguments for CONFIG SET - '${unknown}'` };
    if (failure)
      return { error: `CONFIG SET failed (possibly related to argument '${failure.name}') - ${failure.err}` };
    const old = params.map((p) => this.values.get(p.name)!);
    const restore = () => {
      for (let i = 0; i < params.length; i++) this.put(params[i].name, old[i]);
    };
    const changed: string[] = [];
    for (let i = 0; i < params.length; i++) {
      const r = this.parse(params[i], args[i * 2 + 1]);
      if (typeof r !== 'object') {
        restore();
        return { error: `CONFIG SET failed (possibly related to argument '${entries[i]}') - ${r}` };
      }
      if (r.value !== this.values.get(params[i].name)) changed.push(params[i].name);
      this.put(params[i].name, r.value);
    }
    const failed = apply(changed);
    if (failed) {
      restore();
      return { error: `CONFIG SET failed (possibly related to argument '${failed.name}') - ${failed.err}` };
    }
    return changed;
  }

  /** Everything that differs from the defaults, for CONFIG REWRITE. */
  changed(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of PARAMS) {
      if (!this.values.has(p.name)) continue; // (replicaof is written by CONFIG REWRITE itself)
      const def = this.version === '4.0' && p.def40 !== undefined ? p.def40 : p.def;
      const v = this.values.get(p.name)!;
      if (v !== def) out[p.name] = v;
    }
    return out;
  }
}
