// LOLWUT [VERSION version] [version-specific arguments]
//
// Computer art and the Redis version. VERSION 5 draws Georg Nees's "Schotter" (squares that tilt
// and shift more and more down the rows, at random, as Redis draws them with rand(): here with
// the engine's seeded generator) in Braille characters, 2x4 pixels each: LOLWUT VERSION 5
// [columns [squares-per-row [squares-per-column]]]. Any other version — 7.0.15's own included —
// prints the version line alone (the VERSION 6 landscape is not drawn: it answers that way too).
import { ERR, type Reply, verbatim } from '../resp';
import type { Server } from '../server';
import type { Command } from './types';
import { parseLL } from './util/int';

/** A long argument (getLongFromObjectOrReply), or null. */
function long(s: string): number | null {
  const v = parseLL(s);
  return v === null ? null : Number(v);
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Bresenham's line on a pixel grid. */
function line(px: Uint8Array, w: number, h: number, x1: number, y1: number, x2: number, y2: number): void {
  const dx = Math.abs(x2 - x1);
  const dy = Math.abs(y2 - y1);
  const sx = x1 < x2 ? 1 : -1;
  const sy = y1 < y2 ? 1 : -1;
  let err = dx - dy;
  for (;;) {
    if (x1 >= 0 && x1 < w && y1 >= 0 && y1 < h) px[x1 + y1 * w] = 1;
    if (x1 === x2 && y1 === y2) break;
    const e2 = err * 2;
    if (e2 > -dy) {
      err -= dy;
      x1 += sx;
    }
    if (e2 < dx) {
      err += dx;
      y1 += sy;
    }
  }
}

function schotter(srv: Server, cols: number, perRow: number, perCol: number): string {
  const w = cols * 2;
  const pad = w > 4 ? 2 : 0;
  const side = Math.fround((w - pad * 2) / perRow);
  const h = Math.trunc(side * perCol + pad * 2);
  const px = new Uint8Array(w * h);
  const rand = () => srv.random();
  for (let y = 0; y < perCol; y++) {
    for (let x = 0; x < perRow; x++) {
      let sx = Math.trunc(x * side + side / 2 + pad);
      let sy = Math.trunc(y * side + side / 2 + pad);
      let angle = 0;
      if (y > 1) {
        const r = [0, 1, 2].map(() => (rand() / perCol) * y * (rand() < 0.5 ? -1 : 1));
        angle = r[0];
        sx = Math.trunc(sx + (r[1] * side) / 3);
        sy = Math.trunc(sy + (r[2] * side) / 3);
      }
      // The square inscribed in a circle of the given size, turned by `angle`.
      const size = Math.round(side / Math.SQRT2);
      const cx: number[] = [];
      const cy: number[] = [];
      for (let j = 0, k = Math.PI / 4 + angle; j < 4; j++, k += Math.PI / 2) {
        cx.push(Math.round(Math.sin(k) * size + sx));
        cy.push(Math.round(Math.cos(k) * size + sy));
      }
      for (let j = 0; j < 4; j++) line(px, w, h, cx[j], cy[j], cx[(j + 1) % 4], cy[(j + 1) % 4]);
    }
  }
  const at = (x: number, y: number) => (x < w && y < h ? px[x + y * w] : 0);
  let out = '';
  for (let y = 0; y < h; y += 4) {
    for (let x = 0; x < w; x += 2) {
      // Braille dots 1-8 in their bit order: the left column top-down, then the right, then row 4.
      const bits = [
        at(x, y),
        at(x, y + 1),
        at(x, y + 2),
        at(x + 1, y),
        at(x + 1, y + 1),
        at(x + 1, y + 2),
        at(x, y + 3),
        at(x + 1, y + 3),
      ];
      const code = 0x2800 + bits.reduce((a, b, i) => a | (b << i), 0);
      out += String.fromCharCode(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    }
    if (y !== h - 1) out += '\n';
  }
  return out;
}

export const lolwutCommand: Command = {
  name: 'lolwut',
  arity: -1,
  versions: ['7.0'],
  flags: ['readonly', 'fast'],
  acl: [],
  args: [{ name: 'version', type: 'integer', token: 'VERSION', optional: true }],
  docs: {},
  run(ctx): Reply {
    let argv = ctx.argv;
    const redisVer = ctx.srv.d.redisVer;
    let major = Number(redisVer.split('.')[0]);
    if (argv.length >= 3 && argv[1].toLowerCase() === 'version') {
      const v = long(argv[2]);
      if (v === null) return ERR.notInteger;
      // Redis prints the number as an unsigned int and reads its major version back.
      major = v >>> 0;
      argv = argv.slice(2);
    }
    if (major !== 5) return verbatim(`Redis ver. ${redisVer}\n`);
    const args = [66, 8, 12];
    for (let i = 1; i < Math.min(argv.length, 4); i++) {
      const v = long(argv[i]);
      if (v === null) return ERR.notInteger;
      args[i - 1] = v;
    }
    const art = schotter(ctx.srv, clamp(args[0], 1, 1000), clamp(args[1], 1, 200), clamp(args[2], 1, 200));
    return verbatim(`${art}\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. ${redisVer}\n`);
  },
};
