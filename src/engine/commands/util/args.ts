/**
 * Option keywords the way Redis compares them: strcasecmp on C strings, so matching is ASCII
 * case-insensitive and stops at the first NUL byte of the argument ("NX\0junk" reads as "NX").
 */

/** The C-string view of a byte string: everything before the first NUL. */
export function cstr(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}

/** strcasecmp(arg, keyword) === 0, `keyword` given in lowercase ASCII. */
export function eqi(arg: string, keyword: string): boolean {
  const a = cstr(arg);
  if (a.length !== keyword.length) return false;
  for (let i = 0; i < a.length; i++) {
    let c = a.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== keyword.charCodeAt(i)) return false;
  }
  return true;
}
