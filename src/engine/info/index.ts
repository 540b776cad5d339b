/**
 * INFO [section ...] (server.c genRedisInfoString): which sections an INFO call prints, in
 * Redis's fixed order, one blank line between them. Each section lives in its own file.
 *
 * 7.0 takes any number of section names, case-insensitively: `default` (also what no argument
 * means) is server, clients, memory, persistence, stats, replication, cpu, modules, errorstats,
 * cluster and keyspace; `all` adds commandstats and latencystats; `everything` is `all` plus the
 * sections modules add (there are none); `modules` and `module_list` name the Modules section;
 * unknown names print nothing.
 * 4.0 takes at most one: `default` (no commandstats), `all`, or one section name; more than one
 * argument is a syntax error, and `everything` is just an unknown name.
 */
import { error, type Reply, verbatim } from '../resp';
import type { Server } from '../server';
import { commandstatsSection, errorstatsSection, latencystatsSection } from './commandstats';
import { cpuSection } from './cpu';
import { Section } from './format';
import { keyspaceSection } from './keyspace';
import { memorySection } from './memory';
import { persistenceSection } from './persistence';
import { replicationSection } from './replication';
import { clientsSection, serverSection } from './server';
import { statsSection } from './stats';

type Name =
  | 'server'
  | 'clients'
  | 'memory'
  | 'persistence'
  | 'stats'
  | 'replication'
  | 'cpu'
  | 'modules'
  | 'commandstats'
  | 'errorstats'
  | 'latencystats'
  | 'cluster'
  | 'keyspace';

const GENERATORS: Record<Name, (srv: Server) => Section> = {
  server: serverSection,
  clients: clientsSection,
  memory: memorySection,
  persistence: persistenceSection,
  stats: statsSection,
  replication: replicationSection,
  cpu: cpuSection,
  // No module is ever loaded.
  modules: () => new Section('Modules'),
  commandstats: commandstatsSection,
  errorstats: errorstatsSection,
  latencystats: latencystatsSection,
  cluster: () => {
    const sec = new Section('Cluster');
    sec.add('cluster_enabled', 0);
    return sec;
  },
  keyspace: keyspaceSection,
};

/** Every section in output order, per version ("all"). */
const ALL_7: readonly Name[] = [
  'server',
  'clients',
  'memory',
  'persistence',
  'stats',
  'replication',
  'cpu',
  'modules',
  'commandstats',
  'errorstats',
  'latencystats',
  'cluster',
  'keyspace',
];
const ALL_4: readonly Name[] = [
  'server',
  'clients',
  'memory',
  'persistence',
  'stats',
  'replication',
  'cpu',
  'commandstats',
  'cluster',
  'keyspace',
];
const DEFAULT_7 = new Set<string>(ALL_7.filter((n) => n !== 'commandstats' && n !== 'latencystats'));
const DEFAULT_4 = new Set<string>(ALL_4.filter((n) => n !== 'commandstats'));

/** The sections an INFO call asks for, or an error reply. */
function wanted(srv: Server, args: string[]): readonly Name[] | Reply {
  const names = args.map((a) => a.toLowerCase());
  if (!srv.d.is7) {
    if (names.length > 1) return error('ERR syntax error');
    const name = names[0] ?? 'default';
    if (name === 'all') return ALL_4;
    if (name === 'default') return ALL_4.filter((n) => DEFAULT_4.has(n));
    return ALL_4.filter((n) => n === name);
  }
  if (names.length === 0) return ALL_7.filter((n) => DEFAULT_7.has(n));
  if (names.includes('all') || names.includes('everything')) return ALL_7;
  const asked = new Set<string>();
  for (const n of names) {
    if (n === 'default') for (const d of DEFAULT_7) asked.add(d);
    else asked.add(n === 'module_list' ? 'modules' : n);
  }
  return ALL_7.filter((n) => asked.has(n));
}

/** INFO's reply: the sections' text as a bulk string (7.0's verbatim string, to a RESP2 client), or an error. */
export function infoReply(srv: Server, args: string[]): Reply {
  const names = wanted(srv, args);
  if (!Array.isArray(names)) return names as Reply;
  return verbatim((names as readonly Name[]).map((n) => GENERATORS[n](srv).toString()).join('\r\n'));
}
