/**
 * A bare engine on a fake network whose peers are played by the test: it records what the engine
 * sends per connection (as byte strings) and which connections it closes, and the test drives
 * time by calling serverCron every 100 ms of a SimClock. Connection ids are the test's own (the
 * engine's outgoing connections get 1000, 1001, …).
 */
import { encodeCommand, type Net, Server } from '../../src/engine';
import { binFromBytes, bytesFromBin, SimClock, seededRng } from '../../src/lib';
import { DEFAULT_EPOCH, type RedisVersion } from '../../src/playground';

export class Wire {
  readonly clock = new SimClock(DEFAULT_EPOCH);
  readonly out = new Map<number, string>();
  readonly closed = new Set<number>();
  readonly logs: string[] = [];
  readonly srv: Server;
  connects: { conn: number; host: string; port: number }[] = [];
  exited = false;
  private nextConn = 1000;

  /** The node's files (dump.rdb), as its host would keep them. */
  readonly files = new Map<string, Uint8Array>();

  constructor(
    readonly v: RedisVersion,
    port: number,
    config: Record<string, string> = {},
    files: Record<string, Uint8Array> = {},
  ) {
    for (const [name, data] of Object.entries(files)) this.files.set(name, data);
    const net: Net = {
      connect: (host, p) => {
        const conn = this.nextConn++;
        this.connects.push({ conn, host, port: p });
        return conn;
      },
      send: (conn, data) => this.out.set(conn, (this.out.get(conn) ?? '') + binFromBytes(data)),
      close: (conn) => {
        this.closed.add(conn);
      },
    };
    const store = this.files;
    let pid = 100;
    this.srv = new Server({
      version: v,
      host: '127.0.0.1',
      port,
      clock: this.clock,
      rng: seededRng(3),
      net,
      files: { read: (f) => store.get(f), write: (f, d) => store.set(f, d) },
      pid: pid++,
      nextPid: () => pid++,
      // Log lines without pid, role, timestamp: "L message".
      log: (line) => this.logs.push(line.replace(/^\d+:[MSC] .*?\.\d{3} /, '')),
      emit: (ev) => {
        if (ev.type === 'exit') this.exited = true;
      },
      config,
    });
    this.srv.cron();
  }

  /** Everything sent on `conn` since the last take. */
  take(conn: number): string {
    const s = this.out.get(conn) ?? '';
    this.out.delete(conn);
    return s;
  }
  /** Send a command (RESP multibulk) on `conn`. */
  send(conn: number, ...argv: string[]): void {
    this.srv.onData(conn, bytesFromBin(encodeCommand(argv)));
  }
  /** Send raw bytes (a byte string) on `conn`. */
  raw(conn: number, bytes: string): void {
    this.srv.onData(conn, bytesFromBin(bytes));
  }
  /** ms since the engine started. */
  now(): number {
    return this.clock.now() - DEFAULT_EPOCH;
  }
  /** Run serverCron every 100 ms for `ms`. */
  run(ms: number): void {
    for (let t = 0; t < ms; t += 100) {
      this.clock.advance(100);
      this.srv.cron();
    }
  }
  /** Run serverCron every 100 ms up to `ms` after the start. */
  runTo(ms: number): void {
    while (this.now() + 100 <= ms) {
      this.clock.advance(100);
      this.srv.cron();
    }
  }
  /** A replica on `conn` announcing `port`, fully synced and online (it has ACKed our offset). */
  replica(conn: number, port: number): void {
    this.srv.onAccept(conn, `127.0.0.1:${40000 + conn}`);
    this.send(conn, 'REPLCONF', 'listening-port', String(port));
    this.send(conn, 'REPLCONF', 'capa', 'eof', 'capa', 'psync2');
    this.send(conn, 'PSYNC', '?', '-1');
    this.run(100); // the BGSAVE child is reaped, the RDB goes out, the replica is online
    this.take(conn);
    this.ack(conn);
  }
  /**
   * Play the master on the replica's link `conn` up to its PSYNC: answer the PING and the
   * REPLCONFs (4.0 sends them one at a time, 7.0 both at once) and drop what the replica sent.
   * The reply to the PSYNC is the test's.
   */
  answerHandshake(conn: number): void {
    this.raw(conn, '+PONG\r\n');
    if (this.v === '7.0') {
      this.raw(conn, '+OK\r\n+OK\r\n');
    } else {
      this.raw(conn, '+OK\r\n');
      this.raw(conn, '+OK\r\n');
    }
    this.take(conn);
  }
  ack(conn: number, offset = this.srv.repl.offset): void {
    this.send(conn, 'REPLCONF', 'ACK', String(offset));
  }
}
