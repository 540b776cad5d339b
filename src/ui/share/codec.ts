/**
 * The share link's fragment: a recorded session (a .scn script, see shared/scenario-format.md)
 * plus the seed it ran with, as JSON, deflated with fflate and written in base64url after
 * `#rp1=`. Everything read back is data from a stranger: the fragment's length, the inflated
 * size, the JSON's shape and the script itself are all checked, and every failure is a plain
 * sentence (never markup, never an exception) that the page shows as text.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { parseScenario, type Scenario } from '../../scenario';

/** What a share link carries. */
export interface SharePayload {
  /** The recorded session as a scenario script. */
  readonly scn: string;
  /** The seed of the playground's randomness (replication IDs, pids), so a replay matches. */
  readonly seed: number;
}

/** The fragment's prefix; the digit is the payload's format version. */
export const FRAGMENT_PREFIX = '#rp1=';

/**
 * The fragment prefix for one playground: the page's is `#rp1=`; a `<redis-playground>` element's
 * is `#rp1-TARGET=` (its id, or its 1-based position among the document's elements), so a link
 * made in one widget replays in that widget only, and the page's own links leave widgets alone.
 */
export function fragmentPrefix(target?: string): string {
  return target === undefined ? FRAGMENT_PREFIX : `#rp1-${target}=`;
}
/** Longest fragment accepted (characters): far above what a typed session compresses to. */
export const MAX_FRAGMENT_CHARS = 60_000;
/** Largest inflated payload accepted (bytes): a small deflate stream may expand enormously. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
/** Most nodes a playground holds. */
export const MAX_SHARED_NODES = 32;
/** Most steps a shared or imported script may have. */
export const MAX_STEPS = 5000;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** base64url (no padding) back to bytes; null when a character is not base64url or the length is impossible. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    const chunk = text.slice(i, i + 4);
    for (let k = 0; k < 4; k++) {
      const v = k < chunk.length ? B64_INDEX.get(chunk[k]) : 0;
      if (v === undefined) return null;
      n = (n << 6) | v;
    }
    out[o++] = (n >> 16) & 255;
    if (chunk.length > 2) out[o++] = (n >> 8) & 255;
    if (chunk.length > 3) out[o++] = n & 255;
  }
  return out.subarray(0, o);
}

/** The fragment (with its `#`) for a payload. */
export function encodeShare(p: SharePayload, target?: string): string {
  const json = JSON.stringify({ v: 1, seed: p.seed, scn: p.scn });
  return fragmentPrefix(target) + toBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

/** Whether a location hash is meant for us (so a page can ignore other fragments silently). */
export function isShareFragment(hash: string, target?: string): boolean {
  return hash.startsWith(fragmentPrefix(target));
}

export type DecodeResult =
  | { readonly ok: true; readonly payload: SharePayload; readonly scenario: Scenario }
  | { readonly ok: false; readonly message: string };

const fail = (message: string): DecodeResult => ({ ok: false, message });

/** Read a fragment back, checking everything. Never throws. */
export function decodeShare(hash: string, target?: string): DecodeResult {
  if (!isShareFragment(hash, target)) return fail('This link holds no playground session.');
  const body = hash.slice(fragmentPrefix(target).length);
  if (body.length > MAX_FRAGMENT_CHARS)
    return fail(`This share link is too long (${body.length} characters; at most ${MAX_FRAGMENT_CHARS}).`);
  const packed = fromBase64Url(body);
  if (!packed || packed.length === 0) return fail('This share link is damaged (it is not base64url).');
  let raw: Uint8Array;
  try {
    // One byte more than allowed: a result that fills it was cut short, so it is too large.
    raw = inflateSync(packed, { out: new Uint8Array(MAX_PAYLOAD_BYTES + 1) });
  } catch {
    return fail('This share link is damaged (its data does not decompress).');
  }
  if (raw.length > MAX_PAYLOAD_BYTES) return fail('This share link holds too much data.');
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(raw));
  } catch {
    return fail('This share link is damaged (its data is not JSON).');
  }
  if (typeof json !== 'object' || json === null) return fail('This share link is damaged (unexpected data).');
  const o = json as Record<string, unknown>;
  if (o.v !== 1) return fail('This share link was made by another version of the playground.');
  if (typeof o.scn !== 'string') return fail('This share link is damaged (no session in it).');
  const seed = o.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    return fail('This share link is damaged (its seed is not a whole number).');
  const checked = checkScript(o.scn);
  if (!checked.ok) return checked;
  return { ok: true, payload: { scn: o.scn, seed }, scenario: checked.scenario };
}

/**
 * Whether a script (from a link or a file) can be replayed on the page: it parses, its nodes are
 * the page's (127.0.0.1, at most 32), it is not absurdly long, and no line carries control
 * characters (they would act on the terminal instead of being typed).
 */
export function checkScript(text: string): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  if (text.length > MAX_PAYLOAD_BYTES) return { ok: false, message: 'The scenario is too large.' };
  const ctl = text.split(/\r?\n/).findIndex((l) => /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(l));
  if (ctl >= 0) return { ok: false, message: `line ${ctl + 1}: a control character cannot be typed into a console` };
  const parsed = parseScenario(text);
  if (!parsed.ok)
    return {
      ok: false,
      message: parsed.errors
        .slice(0, 5)
        .map((e) => e.message)
        .join('\n'),
    };
  const sc = parsed.scenario;
  if (sc.nodes.length > MAX_SHARED_NODES)
    return { ok: false, message: `The scenario has ${sc.nodes.length} nodes; the playground holds at most 32.` };
  const foreign = sc.nodes.find((n) => n.host !== '127.0.0.1');
  if (foreign) return { ok: false, message: `Node ${foreign.name}: the page's nodes all listen on 127.0.0.1.` };
  if (sc.steps.length > MAX_STEPS) return { ok: false, message: `The scenario has more than ${MAX_STEPS} steps.` };
  return { ok: true, scenario: sc };
}
