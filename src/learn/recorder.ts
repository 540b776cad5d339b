/**
 * What the checks look at besides live state: every node's log lines and the writes a learner got
 * a non-error reply for, since a mark (the start of an exercise, or of a tutorial step). The
 * recorder listens to a `PlaygroundApi`'s events for logs; commands reach it from whoever types
 * them (the headless runner through `type`, the page's consoles through `noteReply`), so it never
 * needs to know how a console works.
 *
 * Acknowledged writes are tracked per key: a write command's keys are added, deletions remove
 * them, FLUSHALL/FLUSHDB forget everything; commands queued in MULTI count when EXEC answers with
 * an array. Only the commands the exercises use are known (the string, hash, list, set and sorted
 * set writes and the expire family); anything else is not a tracked write.
 */
import type { PlaygroundApi, Reply } from '../playground';
import { parseConsoleLine } from '../scenario';
import type { LogEntry } from './expect-log';

/** Write commands → where their keys are: 1 = argv[1]; 'pairs' = argv[1], argv[3], … */
const WRITES: Record<string, 1 | 'pairs'> = {};
for (const c of [
  'set',
  'setnx',
  'setex',
  'psetex',
  'getset',
  'append',
  'incr',
  'incrby',
  'incrbyfloat',
  'decr',
  'decrby',
  'hset',
  'hmset',
  'hsetnx',
  'hdel',
  'hincrby',
  'hincrbyfloat',
  'lpush',
  'rpush',
  'lpop',
  'rpop',
  'sadd',
  'srem',
  'spop',
  'zadd',
  'zincrby',
  'zrem',
  'expire',
  'pexpire',
  'expireat',
  'pexpireat',
  'persist',
])
  WRITES[c] = 1;
WRITES.mset = 'pairs';
WRITES.msetnx = 'pairs';
const DELETES = new Set(['del', 'unlink', 'getdel']);

export interface RecordedCommand {
  readonly node: string;
  readonly argv: readonly string[];
  readonly reply: Reply | null;
}

export class Recorder {
  private readonly all: LogEntry[] = [];
  private start = 0;
  private readonly acked = new Set<string>();
  private readonly queued = new Map<string, string[][]>();
  private readonly typed: RecordedCommand[] = [];
  private typedStart = 0;
  private readonly off: () => void;

  constructor(readonly pg: PlaygroundApi) {
    this.off = pg.on((ev) => {
      if (ev.type === 'log') this.all.push({ node: ev.node, line: ev.line });
    });
  }

  /** Forget what happened so far: checks look only at what comes next. */
  mark(): void {
    this.start = this.all.length;
    this.typedStart = this.typed.length;
    this.acked.clear();
    this.queued.clear();
  }

  /** Log lines since the mark, in the order they happened. */
  get logs(): readonly LogEntry[] {
    return this.all.slice(this.start);
  }

  /** Every log line, and where the mark is (for a tutorial step's window). */
  get allLogs(): readonly LogEntry[] {
    return this.all;
  }

  /** Commands typed since the mark. */
  get commands(): readonly RecordedCommand[] {
    return this.typed.slice(this.typedStart);
  }

  /** Keys that acknowledged writes touched since the mark (and were not deleted since). */
  get ackedKeys(): readonly string[] {
    return [...this.acked];
  }

  /** Note a command typed into `node`'s console and the reply it got (null: not running). */
  noteReply(node: string, argv: readonly string[], reply: Reply | null): void {
    this.typed.push({ node, argv, reply });
    if (reply === null || reply.t === 'error') return;
    const name = argv[0]?.toLowerCase() ?? '';
    if (reply.t === 'status' && reply.s === 'QUEUED') {
      const q = this.queued.get(node) ?? [];
      q.push([...argv]);
      this.queued.set(node, q);
      return;
    }
    if (name === 'multi' || name === 'discard') {
      this.queued.delete(node);
      return;
    }
    if (name === 'exec') {
      const q = this.queued.get(node) ?? [];
      this.queued.delete(node);
      const items = reply.t === 'array' ? reply.items : null;
      if (items) for (let i = 0; i < q.length; i++) this.apply(q[i], items[i]);
      return;
    }
    this.apply(argv, reply);
  }

  private apply(argv: readonly string[], reply: Reply | undefined): void {
    if (!reply || reply.t === 'error') return;
    const name = argv[0].toLowerCase();
    if (name === 'flushall' || name === 'flushdb') this.acked.clear();
    else if (DELETES.has(name)) for (const k of argv.slice(1)) this.acked.delete(k);
    else if (name === 'rename' && argv.length === 3) {
      this.acked.delete(argv[1]);
      this.acked.add(argv[2]);
    } else if (WRITES[name] === 1 && argv.length > 1) this.acked.add(argv[1]);
    else if (WRITES[name] === 'pairs') for (let i = 1; i < argv.length; i += 2) this.acked.add(argv[i]);
  }

  /**
   * Type a console line into a node, as the headless runner does: the repeat count and
   * redis-cli's quoting apply. Returns what redis-cli would show for an invalid line, or the
   * replies.
   */
  async type(node: string, input: string): Promise<{ invalid: string } | { replies: (Reply | null)[] }> {
    const line = parseConsoleLine(input);
    if (line.kind === 'empty') return { replies: [] };
    if (line.kind === 'invalid') return { invalid: line.message };
    const replies: (Reply | null)[] = [];
    for (let i = 0; i < line.repeat; i++) {
      const r = await this.pg.exec(node, line.argv);
      this.noteReply(node, line.argv, r);
      replies.push(r);
      if (r === null) break;
    }
    return { replies };
  }

  dispose(): void {
    this.off();
  }
}
