/**
 * INFO server and INFO clients. Build and host facts (build id, kernel, compiler) describe a
 * machine the playground does not have: they are fixed, plausible values for a Debian build of
 * each version (7.0.15: gcc 12, 4.0.14: gcc 6). Everything else is the node's own: pid, run id,
 * port, uptime from the injected clock, hz, the LRU clock, its clients.
 */
import type { Server } from '../server';
import { Section } from './format';

export function serverSection(srv: Server): Section {
  const sec = new Section('Server');
  const is7 = srv.d.is7;
  // uptime = server.unixtime - stat_starttime, both whole seconds.
  const uptime = srv.unixtime - Math.floor(srv.startTime / 1000);
  sec.add('redis_version', srv.d.redisVer);
  sec.add('redis_git_sha1', '00000000');
  sec.add('redis_git_dirty', 0);
  sec.add('redis_build_id', is7 ? '8b1c6a3f29d4e570' : '5e8a2f7c0b9d4163');
  sec.add('redis_mode', 'standalone');
  sec.add('os', 'Linux 6.1.0-playground x86_64');
  sec.add('arch_bits', 64);
  if (is7) sec.add('monotonic_clock', 'POSIX clock_gettime');
  sec.add('multiplexing_api', 'epoll');
  sec.add('atomicvar_api', is7 ? 'c11-builtin' : 'atomic-builtin');
  sec.add('gcc_version', is7 ? '12.2.0' : '6.3.0');
  sec.add('process_id', srv.opts.pid);
  if (is7) sec.add('process_supervised', 'no');
  sec.add('run_id', srv.runId);
  sec.add('tcp_port', srv.port);
  if (is7) sec.add('server_time_usec', srv.mstime * 1000);
  sec.add('uptime_in_seconds', uptime);
  sec.add('uptime_in_days', Math.floor(uptime / 86400));
  // 7.0's dynamic-hz raises hz only above 200 clients per tick; a playground node stays at its config.
  sec.add('hz', srv.config.int('hz'));
  if (is7) sec.add('configured_hz', srv.config.int('hz'));
  sec.add('lru_clock', srv.lruclock);
  sec.add('executable', '/usr/bin/redis-server');
  // A node starts from its own config file (CONFIG REWRITE writes it back).
  sec.add('config_file', `/etc/redis/redis-${srv.port}.conf`);
  if (is7) {
    sec.add('io_threads_active', 0);
    // While SHUTDOWN waits for lagging replicas.
    if (srv.shutdown !== null && srv.shutdown.at > 0) sec.add('shutdown_in_milliseconds', srv.shutdown.at - srv.mstime);
  }
  return sec;
}

/**
 * A client is blocked in WAIT (both versions), or in 7.0 by a SHUTDOWN waiting for its replicas
 * or by a write postponed while FAILOVER / SHUTDOWN pause writes (blockClient counts every kind).
 */
function blockedClients(srv: Server): number {
  let n = srv.waiting.size + srv.keyBlocked.size;
  for (const c of srv.clients.values()) if (c.blockedOn !== null) n++;
  return n;
}

export function clientsSection(srv: Server): Section {
  const sec = new Section('Clients');
  // listLength(server.clients) - listLength(server.slaves): the master link is a client too.
  const connected = srv.clients.size - srv.slaves.length;
  if (srv.d.is7) {
    // Normal clients whose buffers were last sized for a command (a 16 KB query buffer, a 16 KB
    // reply buffer, as jemalloc allocates them); real Redis tracks the peaks of the last seconds.
    const normal = [...srv.clients.values()].some((c) => !c.isMaster && c.replica === null);
    sec.add('connected_clients', connected);
    sec.add('cluster_connections', 0);
    // The engine has no maxclients parameter and never refuses a connection.
    sec.add('maxclients', 10000);
    sec.add('client_recent_max_input_buffer', normal ? 20480 : 0);
    sec.add('client_recent_max_output_buffer', normal ? 20504 : 0);
    sec.add('blocked_clients', blockedClients(srv));
    sec.add('tracking_clients', srv.tracking.clients);
    // Blocked clients with a deadline: WAIT or a blocking pop with a timeout.
    let timed = 0;
    for (const c of srv.waiting) if (c.wait !== null && c.wait.timeoutAt > 0) timed++;
    for (const c of srv.keyBlocked) if (c.bpop !== null && c.bpop.timeoutAt > 0) timed++;
    sec.add('clients_in_timeout_table', timed);
  } else {
    // Replies leave at the end of each event, so no reply list is ever pending; the biggest query
    // buffer is what a client has sent and the server has not parsed yet (a blocked pipeline).
    let biggest = 0;
    for (const c of srv.clients.values()) biggest = Math.max(biggest, c.decoder.pending);
    sec.add('connected_clients', connected);
    sec.add('client_longest_output_list', 0);
    sec.add('client_biggest_input_buf', biggest);
    sec.add('blocked_clients', blockedClients(srv));
  }
  return sec;
}
