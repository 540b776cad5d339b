/**
 * The two Redis dialects the playground speaks. Anything that differs between 4.0.14 and 7.0.15
 * — wording in logs, command names, INFO fields, defaults, propagation rules — asks `Dialect`.
 */
export type RedisVersion = '4.0' | '7.0';

export class Dialect {
  /** 7.0 (a field: the dispatcher asks for every command). */
  readonly is7: boolean;
  constructor(readonly version: RedisVersion) {
    this.is7 = version === '7.0';
  }
  /** "replica" (7.0) or "slave" (4.0), as used mid-sentence in logs. */
  get replica(): string {
    return this.is7 ? 'replica' : 'slave';
  }
  /** "Replica" / "Slave" at the start of a sentence. */
  get Replica(): string {
    return this.is7 ? 'Replica' : 'Slave';
  }
  /** "MASTER <-> REPLICA" / "MASTER <-> SLAVE". */
  get link(): string {
    return this.is7 ? 'MASTER <-> REPLICA' : 'MASTER <-> SLAVE';
  }
  /** "REPLICAOF" / "SLAVE OF" as the enabled-line prefix. */
  get replicaof(): string {
    return this.is7 ? 'REPLICAOF' : 'SLAVE OF';
  }
  /** redis_version reported in INFO and the RDB. */
  get redisVer(): string {
    return this.is7 ? '7.0.15' : '4.0.14';
  }
}
