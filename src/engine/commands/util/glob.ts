/**
 * Redis's glob matcher (util.c stringmatchlen) for KEYS and SCAN MATCH (and, ignoring ASCII case,
 * COMMAND LIST FILTERBY PATTERN): `*`, `?`, `[...]` with `^` negation and `a-z` ranges, and `\`
 * escapes. Quirks kept on purpose: bytes compare as C `char`, which is signed, so in ranges bytes
 * 128-255 sort below 0; an unterminated `[` matches up to the end of the pattern; reading one past
 * the pattern end sees the C terminator (0); ignoring case, an escaped byte inside `[...]` still
 * compares case-sensitively.
 */

/** Byte `i` of a byte string as a signed C char, 0 past the end (the NUL terminator). */
function sc(s: string, i: number): number {
  if (i >= s.length) return 0;
  const b = s.charCodeAt(i);
  return b >= 128 ? b - 256 : b;
}

/** C's tolower in the C locale: ASCII letters only. */
function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Whether `str` matches the glob `pattern` (both byte strings), case-sensitively unless `nocase`. */
export function globMatch(pattern: string, str: string, nocase = false): boolean {
  const skip = { longer: false, nocase };
  return matchImpl(pattern, 0, pattern.length, str, 0, str.length, skip);
}

function matchImpl(
  pat: string,
  p0: number,
  plen0: number,
  str: string,
  s0: number,
  slen0: number,
  skip: { longer: boolean; nocase: boolean },
): boolean {
  let p = p0;
  let plen = plen0;
  let s = s0;
  let slen = slen0;
  while (plen > 0 && slen > 0) {
    const pc = sc(pat, p);
    if (pc === 42) {
      // '*': collapse runs, then try every suffix of the string.
      while (plen > 0 && sc(pat, p + 1) === 42) {
        p++;
        plen--;
      }
      if (plen === 1) return true;
      while (slen > 0) {
        if (matchImpl(pat, p + 1, plen - 1, str, s, slen, skip)) return true;
        // Once a suffix failed everywhere, longer matches for earlier stars cannot help.
        if (skip.longer) return false;
        s++;
        slen--;
      }
      skip.longer = true;
      return false;
    } else if (pc === 63) {
      // '?'
      s++;
      slen--;
    } else if (pc === 91) {
      // '['
      p++;
      plen--;
      const not = sc(pat, p) === 94; // '^'
      if (not) {
        p++;
        plen--;
      }
      let match = false;
      const c = sc(str, s);
      for (;;) {
        if (sc(pat, p) === 92 && plen >= 2) {
          p++;
          plen--;
          if (sc(pat, p) === c) match = true;
        } else if (sc(pat, p) === 93) {
          break;
        } else if (plen === 0) {
          p--;
          plen++;
          break;
        } else if (plen >= 3 && sc(pat, p + 1) === 45) {
          let start = sc(pat, p);
          let end = sc(pat, p + 2);
          let ch = c;
          if (start > end) {
            const t = start;
            start = end;
            end = t;
          }
          if (skip.nocase) {
            start = lower(start);
            end = lower(end);
            ch = lower(ch);
          }
          p += 2;
          plen -= 2;
          if (ch >= start && ch <= end) match = true;
        } else if (skip.nocase ? lower(sc(pat, p)) === lower(c) : sc(pat, p) === c) {
          match = true;
        }
        p++;
        plen--;
      }
      if (not) match = !match;
      if (!match) return false;
      s++;
      slen--;
    } else {
      if (pc === 92 && plen >= 2) {
        // '\': the next byte is literal.
        p++;
        plen--;
      }
      if (skip.nocase ? lower(sc(pat, p)) !== lower(sc(str, s)) : sc(pat, p) !== sc(str, s)) return false;
      s++;
      slen--;
    }
    p++;
    plen--;
    if (slen === 0) {
      while (sc(pat, p) === 42) {
        p++;
        plen--;
      }
      break;
    }
  }
  return plen === 0 && slen === 0;
}
