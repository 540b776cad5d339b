/**
 * Server-assisted client-side caching (tracking.c, 7.0): CLIENT TRACKING's state and the
 * invalidation messages. In the default mode the server remembers which client read which key
 * (the tracking table: key → client ids) and, when the key changes, tells each of them once and
 * forgets; in BCAST mode a client subscribes to key prefixes instead and gets, at the end of the
 * event loop turn, every key under its prefixes that changed during it. A key changes for
 * tracking wherever WATCH sees it change (signalModifiedKey): a write from any client (the
 * master's link on a replica included), an expiry carried out, and a flush (which invalidates
 * everything at once with a null key list).
 *
 * A message goes to a RESP3 client as a push `invalidate [keys]`; with REDIRECT to another
 * connection, which may be a RESP2 one subscribed to `__redis__:invalidate` (a pub/sub message
 * there). A RESP2 client tracking without redirection is sent nothing, as in Redis.
 */
import type { Client } from './client';
import type { Command } from './commands/types';
import { getKeys70 } from './commands/util/getkeys';
import { inPubSubMode } from './pubsub';
import { array, bulk, bulkArray, int, NIL, type Reply } from './resp';
import type { Server } from './server';

/** One client's CLIENT TRACKING options (the CLIENT_TRACKING_* flags). */
export interface TrackingMode {
  redirect: number;
  bcast: boolean;
  optin: boolean;
  optout: boolean;
  noloop: boolean;
  /** CLIENT CACHING given for the next command (or transaction). */
  caching: boolean;
  /** The redirect client went away (flag R). */
  brokenRedir: boolean;
  /** BCAST prefixes, sorted as Redis's radix tree walks them. */
  prefixes: string[];
}

/** Per-prefix broadcast state: its clients, and the keys changed this turn with who changed them. */
interface BcastState {
  clients: Set<Client>;
  keys: Map<string, Client | null>;
}

export class Tracking {
  /** key → ids of the clients that read it (TrackingTable). */
  readonly table = new Map<string, Set<number>>();
  /** prefix → its broadcast state (PrefixTable). */
  readonly prefixes = new Map<string, BcastState>();
  /** Clients with tracking on (server.tracking_clients). */
  clients = 0;
  /** Ids stored across the table (TrackingTableTotalItems). */
  items = 0;
  /** Invalidations for the running client, sent after its reply (a null entry: a flush). */
  pending: (string | null)[] = [];
  /** Some prefix got a key this turn. */
  bcastDue = false;
}

const CHANNEL = '__redis__:invalidate';

function pushOf(items: Reply[]): Reply {
  return { t: 'push', items };
}

function clientById(srv: Server, id: number): Client | undefined {
  for (const c of srv.clients.values()) if (c.id === id) return c;
  return undefined;
}

/** enableTracking: switch tracking on with these options (already checked by CLIENT TRACKING). */
export function enableTracking(srv: Server, c: Client, mode: Omit<TrackingMode, 'caching' | 'brokenRedir'>): void {
  const t = srv.tracking;
  const old = c.tracking;
  if (old === null) t.clients++;
  // Prefixes accumulate while BCAST stays on, as Redis's per-client prefix tree does.
  const prefixes = old?.bcast ? [...old.prefixes] : [];
  if (mode.bcast) {
    for (const p of mode.prefixes.length === 0 ? [''] : mode.prefixes) {
      let bs = t.prefixes.get(p);
      if (bs === undefined) t.prefixes.set(p, (bs = { clients: new Set(), keys: new Map() }));
      if (!bs.clients.has(c)) {
        bs.clients.add(c);
        if (!prefixes.includes(p)) prefixes.push(p);
      }
    }
    prefixes.sort();
  }
  c.tracking = { ...mode, prefixes, caching: old?.caching ?? false, brokenRedir: false };
}

/** disableTracking: tracking off; the client leaves every prefix it broadcast for. */
export function disableTracking(srv: Server, c: Client): void {
  const mode = c.tracking;
  if (mode === null) return;
  for (const p of mode.prefixes) {
    const bs = srv.tracking.prefixes.get(p);
    if (bs === undefined) continue;
    bs.clients.delete(c);
    if (bs.clients.size === 0) srv.tracking.prefixes.delete(p);
  }
  srv.tracking.clients--;
  c.tracking = null;
}

/** The error CLIENT TRACKING ON gives when two prefixes overlap (one starts the other), or null. */
export function prefixCollision(existing: readonly string[], given: readonly string[]): string | null {
  const overlap = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);
  for (let i = 0; i < given.length; i++) {
    for (const p of existing) {
      if (overlap(p, given[i])) {
        return `ERR Prefix '${given[i]}' overlaps with an existing prefix '${p}'. Prefixes for a single client must not overlap.`;
      }
    }
    for (let j = i + 1; j < given.length; j++) {
      if (overlap(given[i], given[j])) {
        return `ERR Prefix '${given[i]}' overlaps with another provided prefix '${given[j]}'. Prefixes for a single client must not overlap.`;
      }
    }
  }
  return null;
}

/**
 * trackingRememberKeys: after a read-only command of a client tracking in the default mode, note
 * the keys it read — unless OPTIN without CACHING YES, or OPTOUT with CACHING NO, says not to.
 */
export function rememberKeys(srv: Server, c: Client, cmd: Command, argv: string[]): void {
  rememberKeyNames(
    srv,
    c,
    getKeys70(cmd, argv).map((k) => argv[k.pos]),
  );
}

/**
 * A script that read something: its caller remembers the keys the script declared (EVAL/EVAL_RO
 * `numkeys key...`, read from the arguments as Redis's key specs for them say).
 */
export function rememberScriptKeys(srv: Server, caller: Client, argv: string[]): void {
  const n = Number(argv[2]);
  if (Number.isSafeInteger(n) && n > 0) rememberKeyNames(srv, caller, argv.slice(3, 3 + n));
}

function rememberKeyNames(srv: Server, c: Client, keys: readonly string[]): void {
  const mode = c.tracking!;
  if ((mode.optin && !mode.caching) || (mode.optout && mode.caching)) return;
  const t = srv.tracking;
  for (const key of keys) {
    let ids = t.table.get(key);
    if (ids === undefined) t.table.set(key, (ids = new Set()));
    if (!ids.has(c.id)) {
      ids.add(c.id);
      t.items++;
    }
  }
}

/**
 * sendTrackingMessage: tell a tracking client (or the client it redirects to) that `keys` changed;
 * null keys means everything (a flush). A push, so CLIENT REPLY OFF does not silence it.
 */
function send(srv: Server, c: Client, keys: readonly string[] | null): void {
  const mode = c.tracking;
  let target = c;
  if (mode !== null && mode.redirect !== 0) {
    const redir = clientById(srv, mode.redirect);
    if (redir === undefined) {
      mode.brokenRedir = true;
      if (c.resp === 3) srv.reply(c, pushOf([bulk('tracking-redir-broken'), int(mode.redirect)]));
      return;
    }
    target = redir;
  }
  const body = keys === null ? NIL : bulkArray(keys);
  if (target.resp === 3) srv.reply(target, pushOf([bulk('invalidate'), body]));
  else if (target !== c && inPubSubMode(target)) srv.reply(target, pushOf([bulk('message'), bulk(CHANNEL), body]));
}

/**
 * trackingInvalidateKey: `key` changed (by `by`, null outside a client: expiry). Default-mode
 * readers are told now — the running client after its reply — and the key leaves the table;
 * broadcast prefixes note it for the end of the turn.
 */
export function invalidateKey(srv: Server, by: Client | null, key: string): void {
  const t = srv.tracking;
  if (t.prefixes.size > 0) {
    for (const [p, bs] of t.prefixes) {
      if (key.startsWith(p)) {
        bs.keys.set(key, by);
        t.bcastDue = true;
      }
    }
  }
  const ids = t.table.get(key);
  if (ids === undefined) return;
  // The client running a command: call() has restored current_client by the time it signals its writes.
  const current = srv.currentClient ?? by;
  for (const id of ids) {
    const target = clientById(srv, id);
    if (target === undefined || target.tracking === null || target.tracking.bcast) continue;
    if (target === current) {
      if (!target.tracking.noloop) t.pending.push(key);
    } else send(srv, target, [key]);
  }
  t.items -= ids.size;
  t.table.delete(key);
}

/** trackingInvalidateKeysOnFlush: every tracking client is told "everything", the table is emptied. */
export function invalidateOnFlush(srv: Server): void {
  const t = srv.tracking;
  if (t.clients > 0) {
    for (const c of srv.clients.values()) {
      if (c.tracking === null) continue;
      if (c === srv.currentClient) t.pending.push(null);
      else send(srv, c, null);
    }
  }
  t.table.clear();
  t.items = 0;
}

/** trackingHandlePendingKeyInvalidations: after the running client's reply, its own invalidations. */
export function sendPending(srv: Server, c: Client): void {
  const pending = srv.tracking.pending;
  srv.tracking.pending = [];
  if (c.closed) return;
  for (const key of pending) send(srv, c, key === null ? null : [key]);
}

/** trackingBroadcastInvalidationMessages (beforeSleep): each prefix's changed keys, in key order. */
export function broadcast(srv: Server): void {
  const t = srv.tracking;
  t.bcastDue = false;
  for (const bs of t.prefixes.values()) {
    if (bs.keys.size === 0) continue;
    const keys = [...bs.keys.keys()].sort();
    for (const c of bs.clients) {
      if (c.tracking?.noloop) {
        const own = keys.filter((k) => bs.keys.get(k) !== c);
        if (own.length > 0) send(srv, c, own);
      } else send(srv, c, keys);
    }
    bs.keys.clear();
  }
}

/** CLIENT TRACKINGINFO's reply. */
export function trackingInfo(c: Client): Reply {
  const m = c.tracking;
  const flags = [m === null ? 'off' : 'on'];
  if (m !== null) {
    if (m.bcast) flags.push('bcast');
    if (m.optin) flags.push('optin');
    if (m.optin && m.caching) flags.push('caching-yes');
    if (m.optout) flags.push('optout');
    if (m.optout && m.caching) flags.push('caching-no');
    if (m.noloop) flags.push('noloop');
    if (m.brokenRedir) flags.push('broken_redirect');
  }
  return {
    t: 'map',
    items: [
      bulk('flags'),
      { t: 'set', items: flags.map((f) => bulk(f)) },
      bulk('redirect'),
      int(m === null ? -1 : m.redirect),
      bulk('prefixes'),
      array(m === null ? [] : m.prefixes.map((p) => bulk(p))),
    ],
  };
}
