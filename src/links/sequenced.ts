/**
 * A byte link whose chunks are applied only when the coordinator says so. Each `send` posts one
 * numbered chunk (`LinkChunk`) on the port and returns its sequence number, which the sender
 * reports to the coordinator with the chunk's length; the receiver buffers what arrives by number
 * until it is told "apply chunk k" (`take(k)`). The bytes themselves never pass through the
 * coordinator, yet the order in which every receiver applies them is the coordinator's — which is
 * what makes a run on worker threads replay the single-threaded simulator exactly.
 *
 * Counters (`sentBytes`, `takenBytes`) let an owner see what is still in flight.
 */
import { listen, type PortLike } from './port';
import type { LinkChunk } from './protocol';

/** How long `take` waits for a chunk the coordinator says was sent before giving up (a bug guard). */
const TAKE_TIMEOUT_MS = 30_000;

export class SequencedLink {
  private sent = 0;
  private readonly inbox = new Map<number, Uint8Array>();
  private readonly waiters = new Map<number, (b: Uint8Array) => void>();
  private dead = false;
  /** Bytes posted on this end. */
  sentBytes = 0;
  /** Bytes applied (taken) at this end. */
  takenBytes = 0;

  constructor(private readonly port: PortLike) {
    listen(port, (m) => {
      if (this.dead) return;
      const { seq, bytes } = m as LinkChunk;
      const w = this.waiters.get(seq);
      if (w) {
        this.waiters.delete(seq);
        w(bytes);
      } else this.inbox.set(seq, bytes);
    });
  }

  /** Post a chunk; returns its sequence number (1, 2, …). */
  send(bytes: Uint8Array): number {
    const seq = ++this.sent;
    this.sentBytes += bytes.length;
    if (!this.dead) {
      // Posting a view clones its whole buffer: a view of part of one (an engine's output slab)
      // is posted as a copy of just its bytes.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
      this.port.postMessage({ seq, bytes: own } satisfies LinkChunk);
    }
    return seq;
  }

  /** The chunk numbered `seq`, once it has arrived. */
  take(seq: number): Promise<Uint8Array> {
    const have = this.inbox.get(seq);
    if (have) {
      this.inbox.delete(seq);
      this.takenBytes += have.length;
      return Promise.resolve(have);
    }
    if (this.dead) return Promise.reject(new Error(`link closed before chunk ${seq} was applied`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(seq);
        reject(new Error(`link chunk ${seq} never arrived`));
      }, TAKE_TIMEOUT_MS);
      this.waiters.set(seq, (b) => {
        clearTimeout(timer);
        this.takenBytes += b.length;
        resolve(b);
      });
    });
  }

  /** Stop receiving and forget what is buffered, without closing the port (its peer may still read). */
  abandon(): void {
    this.dead = true;
    this.inbox.clear();
  }

  /** Close the port pair: both ends are done with this link. */
  close(): void {
    this.abandon();
    this.port.close();
  }
}
