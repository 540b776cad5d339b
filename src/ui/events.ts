/**
 * The playground's DOM events, as the `<redis-playground>` element dispatches them (CustomEvent,
 * bubbling and composed): what one session reports — log lines, replies, role changes, PSYNC
 * decisions — turned into typed event details. Roles and PSYNC decisions come from the store's
 * snapshots, so an event fires once per change, whichever host runs the nodes.
 */
import { formatReply } from '../scenario';
import type { Session } from './session';
import { type AppStore, watch } from './store';

/** The role a node has in a `redis-role` event. */
export type NodeRole = 'master' | 'replica' | 'down';

/** Every event a playground dispatches, by type, with its `detail`. */
export interface PlaygroundEventMap {
  /** A node wrote a log line (Redis's own format). */
  'redis-log': { node: string; line: string };
  /** A console (or `exec`) received a reply: the command as sent and the text redis-cli prints (LF-ended). */
  'redis-reply': { node: string; command: string; argv: string[]; text: string };
  /** A node became a master or a replica (of `master`), or went down. */
  'redis-role': { node: string; role: NodeRole; master: string | null };
  /** A master answered a PSYNC: `+CONTINUE` (partial resync) or `+FULLRESYNC`. */
  'redis-psync': {
    master: string;
    replica: string;
    outcome: '+CONTINUE' | '+FULLRESYNC';
    /** The replication ID and offset the replica asked for ('?' and -1 for none). */
    replid: string;
    offset: number;
  };
  /** The start set-up (preset and start scenario) is done; also after `reset()` and a rebuild. */
  'redis-ready': { nodes: string[] };
}

export type PlaygroundEventType = keyof PlaygroundEventMap;

/** Where events go (the element dispatches them on itself). */
export type Emit = <K extends PlaygroundEventType>(type: K, detail: PlaygroundEventMap[K]) => void;

/** Report one session's news through `emit` until disposed. */
export function mountEvents(store: AppStore, session: Session, emit: Emit): () => void {
  const offs: (() => void)[] = [];
  offs.push(
    session.api.on((ev) => {
      if (ev.type === 'log') emit('redis-log', { node: ev.node, line: ev.line });
    }),
  );
  offs.push(
    session.onReply((node, argv, reply) => {
      // As exec() returns it: LF line ends, ending in one.
      let text = formatReply(reply, [...argv]).replace(/\r\n/g, '\n');
      if (text !== '' && !text.endsWith('\n')) text += '\n';
      emit('redis-reply', { node, command: argv.join(' '), argv: [...argv], text });
    }),
  );

  // Roles: one event per change of (role, master); a node still starting has none yet.
  const roles = new Map<string, string>();
  const checkRoles = () => {
    const s = store.getState();
    for (const name of [...roles.keys()]) if (!s.nodes[name]) roles.delete(name);
    for (const name of s.nodeOrder) {
      const n = s.nodes[name];
      let role: NodeRole;
      let master: string | null = null;
      if (!n.running) role = 'down';
      else if (!n.snapshot) continue;
      else if (n.snapshot.role === 'master') role = 'master';
      else {
        role = 'replica';
        master = `${n.snapshot.masterHost}:${n.snapshot.masterPort}`;
      }
      const key = `${role}|${master}`;
      if (roles.get(name) === key) continue;
      roles.set(name, key);
      emit('redis-role', { node: name, role, master });
    }
  };
  offs.push(watch(store, (s) => s.nodes, checkRoles));

  // PSYNC decisions: each new one once.
  const seen = new Set(store.getState().psyncs.map((p) => p.key));
  offs.push(
    watch(
      store,
      (s) => s.psyncs,
      (list) => {
        for (const p of list) {
          if (seen.has(p.key)) continue;
          seen.add(p.key);
          emit('redis-psync', {
            master: p.master,
            replica: p.replica,
            outcome: p.result === 'continue' ? '+CONTINUE' : '+FULLRESYNC',
            replid: p.replid,
            offset: p.offset,
          });
        }
      },
    ),
  );
  return () => {
    for (const off of offs.splice(0).reverse()) off();
  };
}
