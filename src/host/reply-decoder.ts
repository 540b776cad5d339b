/**
 * The client side of RESP2 and RESP3 (what redis-cli's hiredis does): bytes from a server → typed
 * Reply values, incrementally. The console of every node reads its replies through this; after
 * HELLO 3 the server sends RESP3's maps, sets, doubles, nulls, verbatim strings and pushes.
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

  /**
   * One whole reply. Aggregates are read with an explicit stack rather than recursion: a script
   * can answer a table nested thousands of levels deep, which would overflow the call stack.
   */
  private parse(): Reply | null {
    const stack: Frame[] = [];
    for (;;) {
      const v = this.header();
      if (v === null) return null;
      let done: Reply;
      if ('left' in v) {
        if (v.left > 0) {
          stack.push(v);
          continue;
        }
        done = closed(v);
      } else done = v;
      // Hand the finished reply to the aggregates it completes, innermost first.
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) return done;
        top.items.push(done);
        if (--top.left > 0) break;
        stack.pop();
        done = closed(top);
      }
    }
  }

  /** A scalar reply, an aggregate's header (its elements follow), or null while incomplete. */
  private header(): Reply | Frame | null {
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
        return { kind: 'array', items: [], left: n };
      }
      case '%':
        return { kind: 'map', items: [], left: Number(body) * 2 };
      case '~':
        return { kind: 'set', items: [], left: Number(body) };
      case '>':
        return { kind: 'push', items: [], left: Number(body) };
      case '_':
        return { t: 'bulk', s: null };
      case ',':
        return { t: 'double', s: body };
      case '(': // a big number (DEBUG PROTOCOL bignum)
        return { t: 'bignum', s: body };
      case '#': // a boolean (scripts, DEBUG PROTOCOL): redis-cli prints (true)/(false)
        return { t: 'bool', b: body === 't' };
      case '=': {
        const len = Number(body);
        if (this.pos + len + 2 > this.buf.length) return null;
        const s = this.buf.slice(this.pos + 4, this.pos + len); // after the `txt:` format
        this.pos += len + 2;
        return { t: 'verbatim', s };
      }
      default:
        return { t: 'error', s: `Protocol error: unexpected '${t}'` };
    }
  }
}

/** An aggregate being read: its kind, the elements so far, and how many are still to come. */
interface Frame {
  kind: 'array' | 'map' | 'set' | 'push';
  items: Reply[];
  left: number;
}

/** The reply an aggregate makes once all its elements are in. */
function closed(f: Frame): Reply {
  return { t: f.kind, items: f.items } as Reply;
}
