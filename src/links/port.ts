/**
 * The subset of a MessagePort every environment shares: Node's worker_threads ports and the
 * browser's MessageChannel ports both post structured-cloneable messages, deliver them in order
 * through a `message` listener, and can be closed. Everything in links/ and host/ talks to ports
 * through this type, so one code path serves worker threads, Web Workers and same-thread channels.
 */

/** A `message` event as both environments deliver it. */
export interface PortMessageEvent {
  readonly data: unknown;
}

/** One end of a MessageChannel (Node's `worker_threads.MessagePort` or the DOM's `MessagePort`). */
export interface PortLike {
  // biome-ignore lint/suspicious/noExplicitAny: the two environments type their transfer lists differently
  postMessage(message: unknown, transfer?: any[]): void;
  addEventListener(type: 'message', listener: (ev: PortMessageEvent) => void): void;
  /** Browsers queue messages until a port is started; Node starts on the first listener. */
  start?(): void;
  close(): void;
}

/** A pair of entangled ports: what `new MessageChannel()` returns. */
export interface ChannelLike {
  readonly port1: PortLike;
  readonly port2: PortLike;
}

/** A new MessageChannel from the environment (both Node ≥ 15 and browsers have the global). */
export function newChannel(): ChannelLike {
  const C = (globalThis as unknown as { MessageChannel?: new () => ChannelLike }).MessageChannel;
  if (!C) throw new Error('this environment has no MessageChannel');
  return new C();
}

/** Listen to a port's messages and start it (browsers need the explicit start). */
export function listen(port: PortLike, fn: (data: unknown) => void): void {
  port.addEventListener('message', (ev) => fn(ev.data));
  port.start?.();
}
