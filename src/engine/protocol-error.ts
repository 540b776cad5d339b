/**
 * What happens after the request decoder meets bytes that are not RESP (networking.c
 * setProtocolError): the client gets the error reply and is closed once it is flushed, and the
 * log gets one line naming the client and sampling what was left in its query buffer — at
 * verbose level for an ordinary client, at warning for the master's link in 7.0 (which is then
 * dropped instead of answered).
 */
import type { Client } from './client';
import { clientInfoString } from './clientinfo';
import type { Server } from './server';

/** How much of the query buffer the log line samples (PROTO_DUMP_LEN). */
const PROTO_DUMP_LEN = 128;

/** A %s of C: the bytes up to the first NUL, at most `max` of them. */
function cString(b: Uint8Array, from: number, to: number, max: number): string {
  let s = '';
  for (let i = from; i < to && i - from < max; i++) {
    if (b[i] === 0) break;
    s += String.fromCharCode(b[i]);
  }
  return s;
}

/** The "Query buffer during protocol error: …" sample, unprintable bytes shown as '.'. */
export function queryBufferSample(pending: Uint8Array): string {
  const n = pending.length;
  let text =
    n < PROTO_DUMP_LEN
      ? `Query buffer during protocol error: '${cString(pending, 0, n, n)}'`
      : `Query buffer during protocol error: '${cString(pending, 0, n, PROTO_DUMP_LEN / 2)}' (... more ${n - PROTO_DUMP_LEN} bytes ...) '${cString(pending, n - PROTO_DUMP_LEN / 2, n, PROTO_DUMP_LEN / 2)}'`;
  // Redis formats it into a 256-byte buffer (255 characters and the NUL).
  text = text.slice(0, 255);
  return text.replace(/[^\x20-\x7e]/g, '.');
}

/** Log the protocol error of `c` as Redis does (only when loglevel lets it, or for a master link in 7.0). */
export function logProtocolError(srv: Server, c: Client, reason: string): void {
  const master = c.isMaster && srv.d.is7;
  const level = master ? 'warning' : 'verbose';
  const sample = queryBufferSample(c.decoder.unparsed);
  srv.log(level, `Protocol error (${reason}) from client: ${clientInfoString(srv, c)}. ${sample}`);
}
