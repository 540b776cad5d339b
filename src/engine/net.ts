/**
 * What the engine needs from the network, handed in by its host. Connections are opaque ids;
 * bytes go out through `send`, and the host calls back into the engine (Engine.onAccept,
 * onData, onClosed, onConnected, onConnectFailed) when the network has something to say. The
 * engine never knows whether the other end is a MessagePort, an in-memory pipe or a socket.
 */
export type ConnId = number;

export interface Net {
  /** Start an outgoing connection; the outcome is reported later through onConnected/onConnectFailed. */
  connect(host: string, port: number): ConnId;
  /**
   * Queue bytes on a connection. `data` is the host's to keep and never changes afterwards, but
   * it may be a view of a larger buffer shared with other chunks: to move it to another thread,
   * post a copy of the view (or its exact range), never its `.buffer`.
   */
  send(conn: ConnId, data: Uint8Array): void;
  /** Close a connection (after what was sent is delivered). */
  close(conn: ConnId): void;
}

/** Where a node keeps the files that survive a restart (dump.rdb, the rewritten config). */
export interface FileStore {
  read(name: string): Uint8Array | undefined;
  write(name: string, data: Uint8Array): void;
}
