/**
 * INFO keyspace: keys and keys with a TTL per non-empty database, and avg_ttl — the running
 * average (ms) the active expire cycle keeps of the TTLs it sees (expire.ts). Replicas do not run
 * the cycle, so theirs stays 0.
 */
import type { Server } from '../server';
import { Section } from './format';

export function keyspaceSection(srv: Server): Section {
  const sec = new Section('Keyspace');
  for (const db of srv.dbs) {
    const keys = db.dict.size;
    const expires = db.expires.size;
    if (keys || expires) sec.line(`db${db.id}:keys=${keys},expires=${expires},avg_ttl=${db.avgTtl}`);
  }
  return sec;
}
