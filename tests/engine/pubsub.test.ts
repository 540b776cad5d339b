/**
 * Pub/sub on a bare engine whose peers the test plays: the pushed confirmations and messages
 * byte for byte (as redis-server 7.0.15 sends them), the subscribe-mode restrictions and their
 * error texts, PUBSUB introspection, INFO and CLIENT LIST fields, and PUBLISH's propagation —
 * into the master's stream, and from the master's stream to a replica's own subscribers.
 */
import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../../src/engine';
import { Wire } from './wire';

const push = (...items: (string | number | null)[]): string =>
  `*${items.length}\r\n${items
    .map((x) => (x === null ? '$-1\r\n' : typeof x === 'number' ? `:${x}\r\n` : `$${x.length}\r\n${x}\r\n`))
    .join('')}`;

function twoClients(v: '7.0' | '4.0' = '7.0'): Wire {
  const w = new Wire(v, 6379);
  w.srv.onAccept(1, '127.0.0.1:40001');
  w.srv.onAccept(2, '127.0.0.1:40002');
  return w;
}

describe('SUBSCRIBE / PUBLISH', () => {
  it('confirms each channel with its own push and delivers messages to subscribers', () => {
    const w = twoClients();
    w.send(1, 'SUBSCRIBE', 'a', 'b');
    expect(w.take(1)).toBe(push('subscribe', 'a', 1) + push('subscribe', 'b', 2));
    w.send(2, 'PUBLISH', 'a', 'hello');
    expect(w.take(2)).toBe(':1\r\n');
    expect(w.take(1)).toBe(push('message', 'a', 'hello'));
    w.send(2, 'PUBLISH', 'nobody', 'x');
    expect(w.take(2)).toBe(':0\r\n');
    expect(w.take(1)).toBe('');
  });

  it('subscribing twice to a channel keeps one subscription', () => {
    const w = twoClients();
    w.send(1, 'SUBSCRIBE', 'a', 'a');
    expect(w.take(1)).toBe(push('subscribe', 'a', 1) + push('subscribe', 'a', 1));
    w.send(2, 'PUBLISH', 'a', 'm');
    expect(w.take(2)).toBe(':1\r\n');
  });

  it('patterns get pmessage after the channel subscribers, once per matching pattern', () => {
    const w = twoClients();
    w.srv.onAccept(3, '127.0.0.1:40003');
    w.send(1, 'PSUBSCRIBE', 'n*', 'ne?s');
    expect(w.take(1)).toBe(push('psubscribe', 'n*', 1) + push('psubscribe', 'ne?s', 2));
    w.send(3, 'SUBSCRIBE', 'news');
    w.take(3);
    w.send(2, 'PUBLISH', 'news', 'x');
    expect(w.take(2)).toBe(':3\r\n');
    expect(w.take(3)).toBe(push('message', 'news', 'x'));
    expect(w.take(1)).toBe(push('pmessage', 'n*', 'news', 'x') + push('pmessage', 'ne?s', 'news', 'x'));
  });

  it('UNSUBSCRIBE names, then all, then none (a nil channel); the count is what remains', () => {
    const w = twoClients();
    w.send(1, 'SUBSCRIBE', 'a', 'b', 'c');
    w.send(1, 'PSUBSCRIBE', 'p*');
    w.take(1);
    w.send(1, 'UNSUBSCRIBE', 'b', 'zz');
    expect(w.take(1)).toBe(push('unsubscribe', 'b', 3) + push('unsubscribe', 'zz', 3));
    w.send(1, 'UNSUBSCRIBE');
    expect(w.take(1)).toBe(push('unsubscribe', 'a', 2) + push('unsubscribe', 'c', 1));
    w.send(1, 'UNSUBSCRIBE');
    expect(w.take(1)).toBe(push('unsubscribe', null, 1));
    w.send(1, 'PUNSUBSCRIBE');
    expect(w.take(1)).toBe(push('punsubscribe', 'p*', 0));
    // Out of subscribe mode: ordinary commands again.
    w.send(1, 'GET', 'k');
    expect(w.take(1)).toBe('$-1\r\n');
  });

  it('a closed subscriber is forgotten', () => {
    const w = twoClients();
    w.send(1, 'SUBSCRIBE', 'a');
    w.send(1, 'PSUBSCRIBE', '*');
    w.srv.onClosed(1);
    w.send(2, 'PUBLISH', 'a', 'x');
    expect(w.take(2)).toBe(':0\r\n');
    w.send(2, 'PUBSUB', 'NUMPAT');
    expect(w.take(2)).toBe(':0\r\n');
  });
});

describe('subscribe mode', () => {
  it('refuses other commands with 7.0 text naming the full command; PING answers an array', () => {
    const w = twoClients();
    w.send(1, 'SUBSCRIBE', 'a');
    w.take(1);
    w.send(1, 'GET', 'x');
    expect(w.take(1)).toBe(
      "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
    );
    w.send(1, 'CONFIG', 'GET', 'maxmemory');
    expect(w.take(1)).toMatch(/^-ERR Can't execute 'config\|get': only/);
    w.send(1, 'PING');
    expect(w.take(1)).toBe(push('pong', ''));
    w.send(1, 'PING', 'hi');
    expect(w.take(1)).toBe(push('pong', 'hi'));
  });

  it('under HELLO 3: confirmations and messages are push frames, and any command may run', () => {
    const w = twoClients();
    w.send(1, 'HELLO', '3');
    w.take(1);
    w.send(1, 'SUBSCRIBE', 'a');
    expect(w.take(1)).toBe('>3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n');
    w.send(1, 'SET', 'k', 'v');
    expect(w.take(1)).toBe('+OK\r\n');
    w.send(1, 'PING');
    expect(w.take(1)).toBe('+PONG\r\n');
    w.send(2, 'PUBLISH', 'a', 'hi');
    expect(w.take(1)).toBe('>3\r\n$7\r\nmessage\r\n$1\r\na\r\n$2\r\nhi\r\n');
    // Back to RESP2: the subscribe-mode rules hold again.
    w.send(1, 'HELLO', '2');
    w.take(1);
    w.send(1, 'GET', 'k');
    expect(w.take(1)).toMatch(/^-ERR Can't execute 'get': only/);
  });

  it('4.0 refuses with its own text', () => {
    const w = twoClients('4.0');
    w.send(1, 'SUBSCRIBE', 'a');
    w.take(1);
    w.send(1, 'SET', 'k', 'v');
    expect(w.take(1)).toBe('-ERR only (P)SUBSCRIBE / (P)UNSUBSCRIBE / PING / QUIT allowed in this context\r\n');
    w.send(1, 'QUIT');
    expect(w.take(1)).toBe('+OK\r\n');
  });

  it("a SUBSCRIBE queued in MULTI pushes its confirmations inside EXEC's reply (7.0.15 allows it)", () => {
    const w = twoClients();
    w.send(1, 'MULTI');
    w.send(1, 'SET', 'k', 'v');
    w.send(1, 'SUBSCRIBE', 'x', 'y');
    w.send(1, 'EXEC');
    expect(w.take(1)).toBe(
      `+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n+OK\r\n${push('subscribe', 'x', 1)}${push('subscribe', 'y', 2)}`,
    );
  });

  it('shard channels are their own namespace and count apart', () => {
    const w = twoClients();
    w.send(1, 'SUBSCRIBE', 'a');
    w.send(1, 'SSUBSCRIBE', 'a');
    expect(w.take(1)).toBe(push('subscribe', 'a', 1) + push('ssubscribe', 'a', 1));
    w.send(2, 'SPUBLISH', 'a', 'm');
    expect(w.take(2)).toBe(':1\r\n');
    expect(w.take(1)).toBe(push('smessage', 'a', 'm'));
    w.send(1, 'SUNSUBSCRIBE');
    expect(w.take(1)).toBe(push('sunsubscribe', 'a', 0));
    w.send(1, 'SUNSUBSCRIBE');
    expect(w.take(1)).toBe(push('sunsubscribe', null, 0));
    // Still subscribed to the plain channel: still in subscribe mode.
    w.send(1, 'SET', 'k', 'v');
    expect(w.take(1)).toMatch(/^-ERR Can't execute 'set'/);
  });
});

describe('PUBSUB, INFO and CLIENT LIST', () => {
  it('introspects channels, counts, patterns and shard channels', () => {
    const w = twoClients();
    w.srv.onAccept(3, '127.0.0.1:40003');
    w.send(1, 'SUBSCRIBE', 'news', 'sport');
    w.send(3, 'SUBSCRIBE', 'news');
    w.send(3, 'PSUBSCRIBE', 'n*');
    w.send(1, 'PSUBSCRIBE', 'n*');
    w.send(1, 'SSUBSCRIBE', 'sh');
    w.send(2, 'PUBSUB', 'CHANNELS');
    expect(w.take(2)).toBe(push('news', 'sport'));
    w.send(2, 'PUBSUB', 'CHANNELS', 's*');
    expect(w.take(2)).toBe(push('sport'));
    w.send(2, 'PUBSUB', 'NUMSUB', 'news', 'x');
    expect(w.take(2)).toBe(push('news', 2, 'x', 0));
    w.send(2, 'PUBSUB', 'NUMSUB');
    expect(w.take(2)).toBe('*0\r\n');
    w.send(2, 'PUBSUB', 'NUMPAT');
    expect(w.take(2)).toBe(':1\r\n');
    w.send(2, 'PUBSUB', 'SHARDCHANNELS');
    expect(w.take(2)).toBe(push('sh'));
    w.send(2, 'PUBSUB', 'SHARDNUMSUB', 'sh');
    expect(w.take(2)).toBe(push('sh', 1));
    w.send(2, 'INFO', 'stats');
    const info = w.take(2);
    expect(info).toContain('pubsub_channels:2\r\npubsub_patterns:1\r\npubsubshard_channels:1\r\n');
    w.send(2, 'CLIENT', 'LIST', 'TYPE', 'pubsub');
    const list = w.take(2);
    expect(list).toContain(' flags=P db=0 sub=2 psub=1 ssub=1 ');
    expect(list).toContain(' flags=P db=0 sub=1 psub=1 ssub=0 ');
  });

  it('answers bad subcommands and arities as 7.0 does', () => {
    const w = twoClients();
    w.send(2, 'PUBSUB', 'NUMPAT', 'x');
    expect(w.take(2)).toBe("-ERR wrong number of arguments for 'pubsub|numpat' command\r\n");
    w.send(2, 'PUBSUB', 'foo');
    expect(w.take(2)).toBe("-ERR unknown subcommand 'foo'. Try PUBSUB HELP.\r\n");
    w.send(2, 'PUBSUB', 'channels', 'a', 'b');
    expect(w.take(2)).toBe("-ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP.\r\n");
    w.send(2, 'SUBSCRIBE');
    expect(w.take(2)).toBe("-ERR wrong number of arguments for 'subscribe' command\r\n");
    w.send(2, 'PUBSUB', 'HELP');
    expect(w.take(2)).toMatch(/^\*14\r\n\+PUBSUB <subcommand> /);
  });

  it('4.0 counts pattern subscriptions, not patterns', () => {
    const w = twoClients('4.0');
    w.send(1, 'PSUBSCRIBE', 'p*');
    w.send(2, 'PSUBSCRIBE', 'p*');
    w.srv.onAccept(3, '127.0.0.1:40003');
    w.send(3, 'PUBSUB', 'NUMPAT');
    expect(w.take(3)).toBe(':2\r\n');
  });
});

describe('PUBLISH and replication', () => {
  it('is propagated to replicas whether anyone listens or not, moving the offset', () => {
    const w = new Wire('7.0', 6379, { 'repl-diskless-sync': 'no' });
    w.replica(9, 6380);
    w.take(9);
    w.srv.onAccept(1, '127.0.0.1:40001');
    const before = w.srv.repl.offset;
    w.send(1, 'PUBLISH', 'ch', 'hello');
    expect(w.take(1)).toBe(':0\r\n');
    const sent = w.take(9);
    expect(sent).toContain(encodeCommand(['PUBLISH', 'ch', 'hello']));
    expect(w.srv.repl.offset - before).toBe(sent.length);
    w.send(1, 'SPUBLISH', 'ch', 'x');
    expect(w.take(9)).toBe(encodeCommand(['SPUBLISH', 'ch', 'x']));
  });

  it("a replica delivers its master's PUBLISH to its own subscribers and answers the master nothing", () => {
    const w = new Wire('7.0', 6380);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'SLAVEOF', '127.0.0.1', '6379');
    w.runTo(1000);
    const link = w.connects[0].conn;
    w.srv.onConnected(link, '127.0.0.1:50000');
    w.answerHandshake(link);
    w.raw(link, `+CONTINUE ${'a'.repeat(40)}\r\n`);
    w.take(1);
    w.take(link);
    w.send(1, 'SUBSCRIBE', 'ch');
    w.take(1);
    const off = w.srv.rs.master?.reploff ?? 0;
    const cmd = encodeCommand(['PUBLISH', 'ch', 'from-master']);
    w.raw(link, cmd);
    expect(w.take(1)).toBe(push('message', 'ch', 'from-master'));
    expect(w.take(link)).toBe('');
    expect((w.srv.rs.master?.reploff ?? 0) - off).toBe(cmd.length);
  });
});
