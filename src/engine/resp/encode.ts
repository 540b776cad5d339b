/**
 * RESP encoder: Reply → byte string (one char per byte). Used for client replies (RESP2, or RESP3
 * for a client that sent HELLO 3), for the replication stream (`encodeCommand`, whose length is
 * what moves master_repl_offset), and by the replica's handshake.
 */
import type { Reply } from './reply';

/**
 * Encode a reply as RESP2 (default) or RESP3. Status and error texts must not contain CR/LF
 * (Redis replaces them). In RESP3 both nils (`$-1`, `*-1`) are the one null `_`.
 */
export function encodeReply(r: Reply, resp: 2 | 3 = 2): string {
  switch (r.t) {
    case 'status':
      return `+${r.s}\r\n`;
    case 'error':
      return `-${r.s}\r\n`;
    case 'int':
      return `:${r.n}\r\n`;
    case 'bulk':
      if (r.s === null) return resp === 3 ? '_\r\n' : '$-1\r\n';
      return `$${r.s.length}\r\n${r.s}\r\n`;
    case 'array': {
      if (r.items === null) return resp === 3 ? '_\r\n' : '*-1\r\n';
      return aggregate('*', r.items.length, r.items, resp);
    }
    case 'map':
      return aggregate(resp === 3 ? '%' : '*', resp === 3 ? r.items.length / 2 : r.items.length, r.items, resp);
    case 'set':
      return aggregate(resp === 3 ? '~' : '*', r.items.length, r.items, resp);
    case 'push':
      return aggregate(resp === 3 ? '>' : '*', r.items.length, r.items, resp);
    case 'double':
      return resp === 3 ? `,${r.s}\r\n` : `$${r.s.length}\r\n${r.s}\r\n`;
    case 'verbatim':
      return resp === 3 ? `=${r.s.length + 4}\r\ntxt:${r.s}\r\n` : `$${r.s.length}\r\n${r.s}\r\n`;
    case 'bool':
      return resp === 3 ? `#${r.b ? 't' : 'f'}\r\n` : `:${r.b ? 1 : 0}\r\n`;
    case 'bignum':
      return resp === 3 ? `(${r.s}\r\n` : `$${r.s.length}\r\n${r.s}\r\n`;
    case 'attr':
      return (resp === 3 ? aggregate('|', r.items.length / 2, r.items, resp) : '') + encodeReply(r.reply, resp);
  }
}

function aggregate(type: string, n: number, items: readonly Reply[], resp: 2 | 3): string {
  let out = `${type}${n}\r\n`;
  for (const it of items) out += encodeReply(it, resp);
  return out;
}

/** Encode argv as a RESP multibulk: `*<argc>\r\n` then `$<len>\r\n<arg>\r\n` each. */
export function encodeCommand(argv: readonly string[]): string {
  let out = `*${argv.length}\r\n`;
  for (const a of argv) out += `$${a.length}\r\n${a}\r\n`;
  return out;
}
