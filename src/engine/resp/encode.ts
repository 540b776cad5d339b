/**
 * RESP2 encoder: Reply → byte string (one char per byte). Used for client replies, for the
 * replication stream (`encodeCommand`, whose length is what moves master_repl_offset), and by
 * the replica's handshake.
 */
import type { Reply } from './reply';

/** Encode a reply as RESP2. Status and error texts must not contain CR/LF (Redis replaces them). */
export function encodeReply(r: Reply): string {
  switch (r.t) {
    case 'status':
      return `+${r.s}\r\n`;
    case 'error':
      return `-${r.s}\r\n`;
    case 'int':
      return `:${r.n}\r\n`;
    case 'bulk':
      return r.s === null ? '$-1\r\n' : `$${r.s.length}\r\n${r.s}\r\n`;
    case 'array': {
      if (r.items === null) return '*-1\r\n';
      let out = `*${r.items.length}\r\n`;
      for (const it of r.items) out += encodeReply(it);
      return out;
    }
  }
}

/** Encode argv as a RESP multibulk: `*<argc>\r\n` then `$<len>\r\n<arg>\r\n` each. */
export function encodeCommand(argv: readonly string[]): string {
  let out = `*${argv.length}\r\n`;
  for (const a of argv) out += `$${a.length}\r\n${a}\r\n`;
  return out;
}
