/**
 * Byte strings (the engine's values: one char per byte) to and from Lua strings (fengari's
 * Uint8Array), and Lua 5.1's number-to-string format ("%.14g"), which Redis's Lua uses when a
 * script passes a number to redis.call and which Lua 5.3 no longer uses for floats ("3.0").
 */

/** A byte string as a Lua string. */
export function toLua(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 255;
  return b;
}

/** A Lua string as a byte string. */
export function fromLua(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

/** C's printf("%.14g", x): 14 significant digits, trailing zeros dropped, exponent when C uses one. */
export function fmt14g(x: number): string {
  if (Number.isNaN(x)) return x < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const exp = Number.parseInt(x.toExponential(13).split('e')[1], 10);
  if (exp < -4 || exp >= 14) {
    const [m, e] = x.toExponential(13).split('e');
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const n = Number.parseInt(e, 10);
    return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const f = x.toFixed(Math.max(0, 13 - exp));
  return f.includes('.') ? f.replace(/0+$/, '').replace(/\.$/, '') : f;
}
