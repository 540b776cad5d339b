/**
 * The client side of RESP2 (what redis-cli's hiredis does): bytes from a server → typed Reply
 * values, incrementally. The console of every node reads its replies through this.
 */
import type { Reply } from '../engine';

export class ReplyDecoder {
  private buf = '';
  private pos = 0;

  push(s: string): void {
    this.buf = this.buf.slice(this.pos) + s;
    this.pos = 0;
  }

  /** The next whole reply, or null. */
  next(): Reply | null {
    const save = this.pos;
    const r = this.parse();
    if (r === null) this.pos = save;
    return r;
  }

  private line(): string | null {
    const nl = this.buf.indexOf('\r\n', this.pos);
    if (nl < 0) return null;
    const l = this.buf.slice(this.pos, nl);
    this.pos = nl + 2;
    return l;
  }

  private parse(): Reply | null {
    if (this.pos >= this.buf.length) return null;
    const t = this.buf[this.pos];
    const l = this.line();
    if (l === null) return null;
    const body = l.slice(1);
    switch (t) {
      case '+':
        return { t: 'status', s: body };
      case '-':
        return { t: 'error', s: body };
      case ':': {
        const n = Number(body);
        return { t: 'int', n: Number.isSafeInteger(n) ? n : BigInt(body) };
      }
      case '$': {
        const len = Number(body);
        if (len < 0) return { t: 'bulk', s: null };
        if (this.pos + len + 2 > this.buf.length) return null;
        const s = this.buf.slice(this.pos, this.pos + len);
        this.pos += len + 2;
        return { t: 'bulk', s };
      }
      case '*': {
        const n = Number(body);
        if (n < 0) return { t: 'array', items: null };
        const items: Reply[] = [];
        for (let i = 0; i < n; i++) {
          const it = this.parse();
          if (it === null) return null;
          items.push(it);
        }
        return { t: 'array', items };
      }
      default:
        return { t: 'error', s: `Protocol error: unexpected '${t}'` };
    }
  }
}
