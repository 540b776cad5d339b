/**
 * `ByteStream`, the one shape a link between two endpoints has (architecture: "links carry only
 * bytes"), and its MessagePort adapter. The adapter is free-running: bytes sent on one end arrive
 * at the other in order, as fast as the environment delivers port messages, and closing either end
 * is seen by the other as `onClose`. The deterministic playground links use `SequencedLink`
 * (sequenced.ts) instead, which waits for the coordinator to say when each chunk is applied.
 */
import type { Disposer } from '../lib';
import { listen, type PortLike } from './port';

/** A bidirectional, ordered byte link (TCP-like) between two endpoints. */
export interface ByteStream {
  /** Queue bytes for the other end (ignored once closed). */
  send(bytes: Uint8Array): void;
  /** Bytes from the other end, in order. */
  onData(fn: (bytes: Uint8Array) => void): Disposer;
  /** Called once, when either end closed the stream. */
  onClose(fn: () => void): Disposer;
  /** Close both directions; bytes already sent are still delivered. */
  close(): void;
  readonly closed: boolean;
}

/** What travels on a port carrying a ByteStream. */
export type StreamMessage = { t: 'data'; bytes: Uint8Array } | { t: 'close' };

export interface PortStreamOptions {
  /** Split each send into chunks of at most this many bytes (exercises partial frames). */
  maxChunk?: number;
}

/**
 * A ByteStream over one end of a MessageChannel. Close travels as an in-band `close` message (a
 * browser port fires no event when its peer closes), after which the receiving end closes the port
 * pair; Node's own `close` event is honoured too.
 */
export function portByteStream(port: PortLike, opts: PortStreamOptions = {}): ByteStream {
  const data = new Set<(b: Uint8Array) => void>();
  const closes = new Set<() => void>();
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    for (const fn of closes) fn();
    data.clear();
    closes.clear();
  };
  listen(port, (m) => {
    const msg = m as StreamMessage;
    if (closed) return;
    if (msg.t === 'data') for (const fn of data) fn(msg.bytes);
    else if (msg.t === 'close') {
      finish();
      port.close();
    }
  });
  (port as { addEventListener(type: string, fn: () => void): void }).addEventListener('close', finish);
  const max = opts.maxChunk && opts.maxChunk > 0 ? opts.maxChunk : Number.POSITIVE_INFINITY;
  return {
    send(bytes) {
      if (closed) return;
      if (bytes.length <= max) {
        port.postMessage({ t: 'data', bytes: bytes.slice() } satisfies StreamMessage);
        return;
      }
      for (let i = 0; i < bytes.length; i += max) {
        port.postMessage({ t: 'data', bytes: bytes.slice(i, i + max) } satisfies StreamMessage);
      }
    },
    onData(fn) {
      data.add(fn);
      return () => data.delete(fn);
    },
    onClose(fn) {
      closes.add(fn);
      return () => closes.delete(fn);
    },
    close() {
      if (closed) return;
      port.postMessage({ t: 'close' } satisfies StreamMessage);
      finish();
    },
    get closed() {
      return closed;
    },
  };
}
