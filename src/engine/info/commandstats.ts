/**
 * INFO commandstats, errorstats and latencystats. Calls, failed calls (an error reply) and
 * rejected calls (refused before running) are counted as Redis counts them (stats.ts). Time is
 * not: a command takes no measurable time in the engine, so each call is booked at 1 µs and
 * every latency percentile reads 1.003 µs (the histogram's value for 1 µs).
 *
 * Real Redis lists commands in the order of its command table's hash, which changes from one
 * process to the next; the engine lists them by name. Error prefixes are in byte order, as
 * Redis's radix tree keeps them.
 */
import type { Server } from '../server';
import { fixed2, Section } from './format';

const USEC_PER_CALL = 1;
const LATENCY = '1.003';
/** latency-tracking-info-percentiles' default. */
const PERCENTILES = ['50', '99', '99.9'];

function byName<T>(m: Map<string, T>): [string, T][] {
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function commandstatsSection(srv: Server): Section {
  const sec = new Section('Commandstats');
  for (const [name, s] of byName(srv.stats.cmd)) {
    if (srv.d.is7) {
      if (s.calls === 0 && s.failedCalls === 0 && s.rejectedCalls === 0) continue;
      const usec = s.calls * USEC_PER_CALL;
      const perCall = fixed2(s.calls === 0 ? 0 : usec / s.calls);
      sec.line(
        `cmdstat_${name}:calls=${s.calls},usec=${usec},usec_per_call=${perCall},rejected_calls=${s.rejectedCalls},failed_calls=${s.failedCalls}`,
      );
    } else {
      if (s.calls === 0) continue;
      const usec = s.calls * USEC_PER_CALL;
      sec.line(`cmdstat_${name}:calls=${s.calls},usec=${usec},usec_per_call=${fixed2(usec / s.calls)}`);
    }
  }
  return sec;
}

export function errorstatsSection(srv: Server): Section {
  const sec = new Section('Errorstats');
  for (const [code, count] of byName(srv.stats.errors)) sec.line(`errorstat_${code}:count=${count}`);
  return sec;
}

export function latencystatsSection(srv: Server): Section {
  const sec = new Section('Latencystats');
  const values = PERCENTILES.map((p) => `p${p}=${LATENCY}`).join(',');
  for (const [name, s] of byName(srv.stats.cmd)) {
    if (s.measured) sec.line(`latency_percentiles_usec_${name}:${values}`);
  }
  return sec;
}
