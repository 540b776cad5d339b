/**
 * The latency monitor (latency.c): per event ("command", "fast-command", ...), the worst latency
 * of each second it exceeded latency-monitor-threshold ms (the newest 160 seconds kept) and its
 * all-time high; LATENCY DOCTOR's report and LATENCY GRAPH's sparkline are built from them. The
 * engine's commands take the modelled durations of slowlog.ts, so DEBUG SLEEP is what produces
 * samples here.
 */
import type { Server } from './server';

interface Sample {
  time: number;
  latency: number;
}

export interface LatencySeries {
  /** Oldest first, at most SERIES_LEN. */
  samples: Sample[];
  max: number;
}

const SERIES_LEN = 160;

/** latencyAddSampleIfNeeded: `ms` is recorded when the monitor is on and it reaches the threshold. */
export function latencySample(srv: Server, event: string, ms: number): void {
  const threshold = srv.config.int('latency-monitor-threshold');
  if (threshold === 0 || ms < threshold) return;
  let ts = srv.latency.get(event);
  if (ts === undefined) srv.latency.set(event, (ts = { samples: [], max: 0 }));
  if (ms > ts.max) ts.max = ms;
  const now = srv.unixtime;
  const last = ts.samples[ts.samples.length - 1];
  // One sample per second: the worst of that second.
  if (last !== undefined && last.time === now) {
    if (ms > last.latency) last.latency = ms;
    return;
  }
  ts.samples.push({ time: now, latency: ms });
  if (ts.samples.length > SERIES_LEN) ts.samples.shift();
}

/** LATENCY DOCTOR's report (createLatencyReport), for the events the engine can record. */
export function latencyReport(srv: Server): string {
  const threshold = srv.config.int('latency-monitor-threshold');
  if (srv.latency.size === 0 && threshold === 0) {
    return `I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use "CONFIG SET latency-monitor-threshold <milliseconds>." in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n`;
  }
  let report = '';
  let n = 0;
  let advices = 0;
  const advise = new Set<string>();
  const slower = srv.config.int('slowlog-log-slower-than');
  for (const [event, ts] of srv.latency) {
    n++;
    if (n === 1) {
      report +=
        "Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n";
    }
    const lat = ts.samples.map((s) => s.latency);
    const avg = Math.floor(lat.reduce((a, b) => a + b, 0) / lat.length);
    const mad = Math.floor(lat.reduce((a, b) => a + Math.abs(avg - b), 0) / lat.length);
    const period = Math.max(1, srv.unixtime - Math.min(...ts.samples.map((s) => s.time)));
    report += `${n}. ${event}: ${lat.length} latency spikes (average ${avg}ms, mean deviation ${mad}ms, period ${(period / lat.length).toFixed(2)} sec). Worst all time event ${ts.max}ms.`;
    if (event === 'command') {
      if (slower < 0) advise.add('slowlog-enable');
      else if (Math.trunc(slower / 1000) > threshold) advise.add('slowlog-tune');
      advise.add('slowlog-inspect');
      advise.add('large-objects');
      advices += 2 + (slower < 0 || Math.trunc(slower / 1000) > threshold ? 1 : 0);
    } else if (event === 'fast-command') {
      advise.add('scheduler');
      advices++;
    }
    report += '\n';
  }
  if (n === 0 && advices === 0) {
    return `${report}Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n`;
  }
  if (advices === 0) {
    return `${report}\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the Redis community to get some help, providing this report in your help request.\n`;
  }
  report += '\nI have a few advices for you:\n\n';
  const t = threshold * 1000;
  if (advise.has('slowlog-enable')) {
    report += `- There are latency issues with potentially slow commands you are using. Try to enable the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than ${t}'. If the Slow log is disabled Redis is not able to log slow commands execution for you.\n`;
  }
  if (advise.has('slowlog-tune')) {
    report += `- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than ${t}'.\n`;
  }
  if (advise.has('slowlog-inspect')) {
    report +=
      '- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n';
  }
  if (advise.has('scheduler')) {
    report +=
      '- The system is slow to execute Redis code paths not containing system calls. This usually means the system does not provide Redis CPU time to run for long periods. You should try to:\n' +
      '  1) Lower the system load.\n' +
      '  2) Use a computer / VM just for Redis if you are running other software in the same system.\n' +
      '  3) Check if you have a "noisy neighbour" problem.\n' +
      "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n" +
      '  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n';
  }
  if (advise.has('large-objects')) {
    report +=
      '- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n';
  }
  return report;
}

/** How long ago, as the graph labels it: 5s, 3m, 2h, 1d. */
function ago(secs: number): string {
  if (secs < 60) return `${secs}s`;
  if (secs < 3600) return `${Math.floor(secs / 60)}m`;
  if (secs < 86400) return `${Math.floor(secs / 3600)}h`;
  return `${Math.floor(secs / 86400)}d`;
}

const COLS = 80;
const ROWS = 4;
const FILL = '_o#';

/**
 * LATENCY GRAPH: a header, a rule, then the samples as a filled sparkline 4 rows high (3 levels
 * per row), each column labelled vertically with its age, 80 columns per band.
 */
export function latencyGraph(srv: Server, event: string, ts: LatencySeries): string {
  const vals = ts.samples.map((s) => s.latency);
  const labels = ts.samples.map((s) => ago(srv.unixtime - s.time));
  const min = Math.min(...vals);
  const max = Math.max(...vals);
  let out = `${event} - high ${max} ms, low ${min} ms (all time high ${ts.max} ms)\n${'-'.repeat(COLS)}\n`;
  // The sequence's own min and max, as the sparkline tracks them (a later lower value is no new max).
  let smin = vals[0];
  let smax = vals[0];
  for (const v of vals.slice(1)) {
    if (v < smin) smin = v;
    else if (v > smax) smax = v;
  }
  const relmax = smax - smin === 0 ? 1 : smax - smin;
  const steps = FILL.length * ROWS;
  for (let off = 0; off < vals.length; off += COLS) {
    if (off !== 0) out += '\n';
    const len = Math.min(COLS, vals.length - off);
    for (let row = 0; ; row++) {
      let any = false;
      let line = '';
      for (let j = 0; j < len; j++) {
        const step = Math.min(steps - 1, Math.max(0, Math.trunc(((vals[off + j] - smin) * steps) / relmax)));
        let ch = ' ';
        if (row < ROWS) {
          any = true;
          const idx = step - (ROWS - row - 1) * FILL.length;
          if (idx >= 0 && idx < FILL.length) ch = FILL[idx];
          else if (idx >= FILL.length) ch = '|';
        } else if (row === ROWS) {
          // One blank row between the graph and the labels.
          any = true;
        } else {
          const label = labels[off + j];
          const k = row - ROWS - 1;
          if (k < label.length) {
            any = true;
            ch = label[k];
          }
        }
        line += ch;
      }
      if (!any) break;
      out += `${line}\n`;
    }
  }
  return out;
}
