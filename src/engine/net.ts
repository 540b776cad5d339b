/**
 * What the engine needs from the network, handed in by its host. Connections are opaque ids;
 * bytes go out through `send`, and the host calls back into the engine (Engine.onAccept,
 * onData, onClosed, onConnected, onConnectFailed, onWritable) when the network has something to
 * say. The
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
  /**
   * Flow control (optional): the engine wrote as much on `conn` as the socket holds (see
   * SOCKET_CAPACITY) and wants `onWritable` once the peer has read enough for it to go on. A host
   * without this method has sockets that never fill up: the engine then writes everything at once.
   */
  wantWritable?(conn: ConnId): void;
  /**
   * Flow control (optional): `n` bytes just delivered on `conn` stay unread in the socket's
   * receive buffer (the process is blocked in DEBUG SLEEP), so its peer's writes can fill the
   * socket; `readLater` reports them read once the process has woken.
   */
  unread?(conn: ConnId, n: number): void;
  readLater?(conn: ConnId, n: number): void;
}

/*
 * Socket buffers, as on Linux loopback (the defaults of a Debian host: net.ipv4.tcp_wmem
 * "4096 16384 4194304", tcp_rmem "4096 131072 6291456"). Bytes a process writes wait in its send
 * buffer, cross the wire, and wait in the peer's receive buffer until the peer reads them; a
 * writer blocks (write() returns EAGAIN) once both are full. The send buffer autotunes up to
 * tcp_wmem's maximum, 4 MiB, as soon as a bulk transfer is under way; the receive buffer of a
 * reader that keeps up stays near its default, 128 KiB. Measured on such a host: a connection
 * whose reader never reads takes 4,265,984 bytes before EAGAIN (a plain writer of 16 KB pieces);
 * redis-server 7.0.15 relaying a diskless RDB to a replica that stopped reading after
 * +FULLRESYNC wrote 4,022,291 bytes (total_net_repl_output_bytes) and then waited, its child
 * still running, until the replica read again. Only the bulk writes that Redis
 * makes wait on a full socket are flow-controlled — a full sync's RDB (sendBulkToSlave, the
 * diskless pipe relay); replies and the replication stream go out at once. A process blocked in
 * DEBUG SLEEP reads nothing, so what is sent to it stays in its socket.
 */
/** Send buffer of one direction of a connection, once autotuned (tcp_wmem max). */
export const SOCKET_SNDBUF = 4 * 1024 * 1024;
/** Receive buffer of a reader that keeps up (tcp_rmem default). */
export const SOCKET_RCVBUF = 128 * 1024;
/** Bytes written and not yet read by the peer at which a writer blocks. */
export const SOCKET_CAPACITY = SOCKET_SNDBUF + SOCKET_RCVBUF;
/**
 * A blocked writer is woken once a third of its send buffer is free again (Linux's
 * sk_stream_is_writeable: free space at least half of what is queued).
 */
export const SOCKET_WAKE_AT = SOCKET_CAPACITY - Math.floor(SOCKET_SNDBUF / 3);
/**
 * The largest piece handed to the network in one send: 16 KiB, what Redis writes per call
 * (PROTO_IOBUF_LEN) when it sends an RDB. A big write reaches the peer as a series of pieces,
 * so a slow link shows progress, and even at 1 KB/s a piece arrives well within repl-timeout.
 */
export const SOCKET_SEGMENT = 16 * 1024;

/** Where a node keeps the files that survive a restart (dump.rdb, the rewritten config). */
export interface FileStore {
  read(name: string): Uint8Array | undefined;
  write(name: string, data: Uint8Array): void;
}
