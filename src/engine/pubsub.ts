/**
 * Publish/subscribe state of one server (pubsub.c): which clients listen on which channels,
 * patterns and (7.0) shard channels, and the pushed replies a subscription change or a published
 * message produces. A client's own subscriptions live on the Client (`subs`, `psubs`, `ssubs`);
 * the server keeps the reverse maps so PUBLISH finds its receivers. Maps keep insertion order:
 * real Redis walks a dict whose order depends on a per-process random hash seed, so any fixed
 * order is one it could have shown.
 *
 * The pushes are RESP2 arrays, or RESP3 push frames (`>`) for a client that sent HELLO 3 (the
 * confirmations too, as 7.0 sends them), written into the receiving client's output and flushed
 * with the rest of the event's output (a subscriber sees a message in the same event loop turn
 * the PUBLISH ran).
 */
import type { Client } from './client';
import { globMatch } from './commands/util/glob';
import { array, bulk, int, NIL, type Reply } from './resp';
import type { Server } from './server';

/** The three kinds of subscription, with the push names each answers with. */
export type SubKind = 'channel' | 'pattern' | 'shard';

const NAMES: Record<SubKind, { sub: string; unsub: string }> = {
  channel: { sub: 'subscribe', unsub: 'unsubscribe' },
  pattern: { sub: 'psubscribe', unsub: 'punsubscribe' },
  shard: { sub: 'ssubscribe', unsub: 'sunsubscribe' },
};

export class PubSub {
  /** channel → its subscribers, in subscription order. */
  readonly channels = new Map<string, Set<Client>>();
  /** pattern → its subscribers. */
  readonly patterns = new Map<string, Set<Client>>();
  /** shard channel → its subscribers (7.0; outside cluster mode a separate namespace). */
  readonly shardChannels = new Map<string, Set<Client>>();

  private map(kind: SubKind): Map<string, Set<Client>> {
    return kind === 'channel' ? this.channels : kind === 'pattern' ? this.patterns : this.shardChannels;
  }

  /**
   * Subscribe a client to one channel/pattern/shard channel and push the confirmation. The
   * count pushed is the client's subscription count: channels plus patterns, or for shard
   * channels its shard subscriptions alone (clientSubscriptionsCount / clientShardSubscriptionsCount).
   */
  subscribe(srv: Server, c: Client, kind: SubKind, name: string): void {
    const own = subsOf(c, kind);
    if (!own.has(name)) {
      own.add(name);
      const m = this.map(kind);
      let set = m.get(name);
      if (set === undefined) m.set(name, (set = new Set()));
      set.add(c);
    }
    srv.reply(c, push([bulk(NAMES[kind].sub), bulk(name), int(countFor(c, kind))]));
  }

  /** Unsubscribe one; pushes the confirmation when `notify` (not when a connection closes or RESETs). */
  unsubscribe(srv: Server, c: Client, kind: SubKind, name: string, notify: boolean): void {
    const own = subsOf(c, kind);
    if (own.delete(name)) {
      const m = this.map(kind);
      const set = m.get(name);
      if (set !== undefined) {
        set.delete(c);
        if (set.size === 0) m.delete(name);
      }
    }
    if (notify) srv.reply(c, push([bulk(NAMES[kind].unsub), bulk(name), int(countFor(c, kind))]));
  }

  /**
   * Unsubscribe from every subscription of a kind (UNSUBSCRIBE with no argument). With none to
   * drop, one confirmation with a nil name still answers the command.
   */
  unsubscribeAll(srv: Server, c: Client, kind: SubKind, notify: boolean): void {
    const own = subsOf(c, kind);
    if (own.size === 0) {
      if (notify) srv.reply(c, push([bulk(NAMES[kind].unsub), NIL, int(countFor(c, kind))]));
      return;
    }
    for (const name of [...own]) this.unsubscribe(srv, c, kind, name, notify);
  }

  /** Drop every subscription of a client silently (the connection closed, or RESET). */
  dropClient(srv: Server, c: Client): void {
    if (c.subs.size > 0) this.unsubscribeAll(srv, c, 'channel', false);
    if (c.psubs.size > 0) this.unsubscribeAll(srv, c, 'pattern', false);
    if (c.ssubs.size > 0) this.unsubscribeAll(srv, c, 'shard', false);
  }

  /**
   * Deliver a message: first to the channel's subscribers (`message`), then to every client of
   * every matching pattern (`pmessage`, once per matching pattern). Returns the receiver count.
   */
  publish(srv: Server, channel: string, message: string): number {
    let n = 0;
    const subs = this.channels.get(channel);
    if (subs !== undefined) {
      const msg = push([bulk('message'), bulk(channel), bulk(message)]);
      for (const c of subs) {
        srv.reply(c, msg);
        n++;
      }
    }
    for (const [pattern, clients] of this.patterns) {
      if (!globMatch(pattern, channel)) continue;
      const msg = push([bulk('pmessage'), bulk(pattern), bulk(channel), bulk(message)]);
      for (const c of clients) {
        srv.reply(c, msg);
        n++;
      }
    }
    return n;
  }

  /** SPUBLISH: deliver to a shard channel's subscribers (`smessage`). */
  publishShard(srv: Server, channel: string, message: string): number {
    const subs = this.shardChannels.get(channel);
    if (subs === undefined) return 0;
    const msg = push([bulk('smessage'), bulk(channel), bulk(message)]);
    for (const c of subs) srv.reply(c, msg);
    return subs.size;
  }

  /** 7.0 PUBSUB NUMPAT and INFO pubsub_patterns: distinct patterns. */
  get numPatterns(): number {
    return this.patterns.size;
  }

  /** 4.0 counts pattern subscriptions instead (its pubsub_patterns is a list of client/pattern pairs). */
  get patternSubscriptions(): number {
    let n = 0;
    for (const set of this.patterns.values()) n += set.size;
    return n;
  }
}

function subsOf(c: Client, kind: SubKind): Set<string> {
  return kind === 'channel' ? c.subs : kind === 'pattern' ? c.psubs : c.ssubs;
}

function countFor(c: Client, kind: SubKind): number {
  return kind === 'shard' ? c.ssubs.size : c.subs.size + c.psubs.size;
}

/** A pushed reply: `>` for RESP3, a plain array for RESP2 (the encoder picks by the client's protocol). */
function push(items: Reply[]): Reply {
  return { t: 'push', items };
}

/** Whether a client is in subscribe mode (CLIENT_PUBSUB): any subscription of any kind. */
export function inPubSubMode(c: Client): boolean {
  return c.subs.size + c.psubs.size + c.ssubs.size > 0;
}

/**
 * Whether a client is held to the subscribe-mode command set: a RESP2 one in subscribe mode. A
 * RESP3 client can tell pushes from replies, so 7.0 lets it run anything while subscribed.
 */
export function subscribeModeRestricted(c: Client): boolean {
  return c.resp === 2 && inPubSubMode(c);
}

/** The reply PING gives a RESP2 client in subscribe mode: a two-element array, not a status. */
export function pubsubPong(message: string | undefined): Reply {
  return array([bulk('pong'), bulk(message ?? '')]);
}
