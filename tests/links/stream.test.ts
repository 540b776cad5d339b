/**
 * The MessagePort byte links, over real MessageChannels (Node's are the browser's API): the
 * free-running ByteStream keeps bytes in order across split chunks and propagates close; the
 * SequencedLink numbers chunks and hands each over only when asked, whatever the arrival order of
 * the asks.
 */
import { describe, expect, it } from 'vitest';
import { newChannel, type PortLike, portByteStream, SequencedLink } from '../../src/links';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const tick = () => new Promise((r) => setTimeout(r, 10));

describe('portByteStream', () => {
  it('delivers bytes in order, split into chunks of at most maxChunk', async () => {
    const { port1, port2 } = newChannel();
    const a = portByteStream(port1, { maxChunk: 3 });
    const b = portByteStream(port2);
    const chunks: string[] = [];
    b.onData((d) => chunks.push(text(d)));
    a.send(bytes('*1\r\n$4\r\nPING\r\n'));
    a.send(bytes('x'));
    const buf = bytes('yz');
    a.send(buf);
    buf[0] = 0x21; // the stream copied what it was given
    await tick();
    expect(chunks.every((c) => c.length <= 3)).toBe(true);
    expect(chunks.join('')).toBe('*1\r\n$4\r\nPING\r\nxyz');
    a.close();
    b.close();
  });

  it('carries both directions independently', async () => {
    const { port1, port2 } = newChannel();
    const a = portByteStream(port1);
    const b = portByteStream(port2);
    const atA: string[] = [];
    const atB: string[] = [];
    a.onData((d) => atA.push(text(d)));
    b.onData((d) => atB.push(text(d)));
    for (let i = 0; i < 20; i++) {
      a.send(bytes(`a${i};`));
      b.send(bytes(`b${i};`));
    }
    await tick();
    expect(atB.join('')).toBe(Array.from({ length: 20 }, (_, i) => `a${i};`).join(''));
    expect(atA.join('')).toBe(Array.from({ length: 20 }, (_, i) => `b${i};`).join(''));
    a.close();
  });

  it('propagates close to the other end, after the bytes sent before it', async () => {
    const { port1, port2 } = newChannel();
    const a = portByteStream(port1);
    const b = portByteStream(port2);
    const seen: string[] = [];
    b.onData((d) => seen.push(text(d)));
    b.onClose(() => seen.push('<closed>'));
    let aClosed = 0;
    a.onClose(() => aClosed++);
    a.send(bytes('last words'));
    a.close();
    expect(a.closed).toBe(true);
    expect(aClosed).toBe(1);
    a.send(bytes('ignored'));
    await tick();
    expect(seen).toEqual(['last words', '<closed>']);
    expect(b.closed).toBe(true);
    b.send(bytes('ignored too'));
    b.close();
    await tick();
    expect(aClosed).toBe(1);
  });
});

describe('SequencedLink', () => {
  it('numbers chunks and hands each over only when asked, in any order', async () => {
    const { port1, port2 } = newChannel();
    const tx = new SequencedLink(port1);
    const rx = new SequencedLink(port2);
    expect([tx.send(bytes('one')), tx.send(bytes('two')), tx.send(bytes('three'))]).toEqual([1, 2, 3]);
    // Asked before it has arrived: waits for it.
    const third = rx.take(3);
    expect(text(await rx.take(1))).toBe('one');
    expect(text(await third)).toBe('three');
    expect(text(await rx.take(2))).toBe('two');
    expect([tx.sentBytes, rx.takenBytes]).toEqual([11, 11]);
    tx.close();
  });

  it('posts a view of part of a buffer as a copy of just its bytes', async () => {
    const { port1, port2 } = newChannel();
    const tx = new SequencedLink(port1);
    const rx = new SequencedLink(port2);
    const slab = bytes('xxonexxtwo');
    tx.send(slab.subarray(2, 5));
    tx.send(slab.subarray(7));
    const one = await rx.take(1);
    const two = await rx.take(2);
    expect([text(one), text(two)]).toEqual(['one', 'two']);
    expect([one.buffer.byteLength, two.buffer.byteLength]).toEqual([3, 3]);
    tx.close();
  });

  it('waits for a chunk that is posted after the ask', async () => {
    const { port1, port2 } = newChannel();
    const tx = new SequencedLink(port1);
    const rx = new SequencedLink(port2);
    let got = '';
    const p = rx.take(1).then((b) => {
      got = text(b);
    });
    await tick();
    expect(got).toBe('');
    tx.send(bytes('late'));
    await p;
    expect(got).toBe('late');
    rx.close();
  });

  it('works over any PortLike and stops listening once abandoned', async () => {
    const posted: unknown[] = [];
    let deliver: (data: unknown) => void = () => {};
    const port: PortLike = {
      postMessage: (m) => posted.push(m),
      addEventListener: (_t, fn) => {
        deliver = (data) => fn({ data });
      },
      close: () => {},
    };
    const link = new SequencedLink(port);
    link.send(bytes('hi'));
    expect(posted).toEqual([{ seq: 1, bytes: bytes('hi') }]);
    deliver({ seq: 1, bytes: bytes('yo') });
    expect(text(await link.take(1))).toBe('yo');
    link.abandon();
    deliver({ seq: 2, bytes: bytes('dropped') });
    await expect(link.take(2)).rejects.toThrow(/closed/);
  });
});
