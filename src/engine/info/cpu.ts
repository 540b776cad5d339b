/**
 * INFO cpu. The engine runs inside someone else's process, so getrusage has nothing to say about
 * a node. The figures are a model, documented here so nobody reads them as measurements: each
 * command costs 3 µs of user and 2 µs of system time, an idle server spends 0.4 ms (user) and
 * 0.8 ms (system) per second of uptime in serverCron and the event loop, and each forked child
 * 1 ms of user and 2 ms of system time. The main thread does all the work (no I/O threads).
 * 7.0 prints a timeval (seconds.microseconds), 4.0 seconds with two decimals.
 */
import type { Server } from '../server';
import { Section, timeval } from './format';

export function cpuSection(srv: Server): Section {
  const sec = new Section('CPU');
  const up = (srv.mstime - srv.startTime) / 1000;
  const cmds = srv.stats.commands;
  const forks = srv.stats.forks;
  const user = cmds * 3 + up * 400;
  const sys = cmds * 2 + up * 800;
  const userChildren = forks * 1000;
  const sysChildren = forks * 2000;
  if (srv.d.is7) {
    sec.add('used_cpu_sys', timeval(sys));
    sec.add('used_cpu_user', timeval(user));
    sec.add('used_cpu_sys_children', timeval(sysChildren));
    sec.add('used_cpu_user_children', timeval(userChildren));
    sec.add('used_cpu_sys_main_thread', timeval(sys));
    sec.add('used_cpu_user_main_thread', timeval(user));
  } else {
    const sec2 = (us: number) => (us / 1_000_000).toFixed(2);
    sec.add('used_cpu_sys', sec2(sys));
    sec.add('used_cpu_user', sec2(user));
    sec.add('used_cpu_sys_children', sec2(sysChildren));
    sec.add('used_cpu_user_children', sec2(userChildren));
  }
  return sec;
}
