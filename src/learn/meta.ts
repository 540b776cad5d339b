/**
 * The front matter every tutorial and exercise shares: what it is (`id`, `title`, `lang`) and the
 * playground it starts from (`redis`, `preset`, `nodes` — the page's own version, preset and node
 * count, so a learning file opens in exactly the playground the page would build from
 * `?version=…&preset=…&nodes=…`). Unknown keys are errors: a misspelt `presett:` would otherwise
 * silently start the wrong playground.
 */
import { PRESETS, type PresetId, presetById } from '../content';
import type { RedisVersion } from '../playground';
import type { LearnError, SplitFile } from './markdown-blocks';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

export interface LearnMeta {
  /** Lower-case letters, digits and dashes; the same in every language of one tutorial. */
  readonly id: string;
  readonly title: string;
  readonly lang: Lang;
  readonly redis: RedisVersion;
  readonly preset: PresetId;
  readonly nodes: number;
  /** The ports the preset makes (127.0.0.1:PORT). */
  readonly ports: readonly number[];
  /** The lines the preset types at start (`SLAVEOF …`), as `PORT> LINE`. */
  readonly setupLines: readonly { port: number; line: string }[];
  /** Optional one-line summary for the list. */
  readonly summary: string;
  /** Exercises only: a difficulty from 1 to 5 (default 1). */
  readonly level: number;
  /** Where the lesson comes in a list (lower first; default 100). */
  readonly order: number;
}

const KNOWN = ['id', 'title', 'lang', 'redis', 'preset', 'nodes', 'summary', 'level', 'order'];

/** Read and check the front matter; reports into `errors`. */
export function readMeta(file: SplitFile, errors: LearnError[]): LearnMeta {
  const get = (k: string) => file.meta.get(k);
  for (const [k, v] of file.meta) {
    if (!KNOWN.includes(k))
      errors.push({ line: v.line, message: `front matter: unknown key "${k}" (known: ${KNOWN.join(', ')})` });
  }
  const need = (k: string): string => {
    const v = get(k);
    if (!v || v.value === '') {
      errors.push({ line: 1, message: `front matter: "${k}" is required` });
      return '';
    }
    return v.value;
  };
  const id = need('id');
  if (id && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id))
    errors.push({
      line: get('id')!.line,
      message: `front matter: id "${id}" must be lower-case letters, digits and dashes`,
    });
  const title = need('title');
  const langText = need('lang');
  let lang: Lang = 'en';
  if (langText) {
    if ((LANGS as readonly string[]).includes(langText)) lang = langText as Lang;
    else errors.push({ line: get('lang')!.line, message: `front matter: lang must be en or zh, got "${langText}"` });
  }
  let redis: RedisVersion = '7.0';
  const r = get('redis');
  if (r) {
    if (r.value === '4.0' || r.value === '7.0') redis = r.value;
    else errors.push({ line: r.line, message: `front matter: redis must be 4.0 or 7.0, got "${r.value}"` });
  }
  let preset: PresetId = 'masters';
  const p = get('preset');
  if (p) {
    if (PRESETS.some((x) => x.id === p.value)) preset = p.value as PresetId;
    else
      errors.push({
        line: p.line,
        message: `front matter: preset must be one of ${PRESETS.map((x) => x.id).join(', ')}, got "${p.value}"`,
      });
  }
  const pr = presetById(preset);
  let nodes = pr.defaultNodes;
  const n = get('nodes');
  if (n) {
    if (/^\d+$/.test(n.value) && Number(n.value) >= 1 && Number(n.value) <= 32) nodes = Number(n.value);
    else errors.push({ line: n.line, message: `front matter: nodes must be a number from 1 to 32, got "${n.value}"` });
  }
  let level = 1;
  const lv = get('level');
  if (lv) {
    if (/^[1-5]$/.test(lv.value)) level = Number(lv.value);
    else errors.push({ line: lv.line, message: `front matter: level must be 1 to 5, got "${lv.value}"` });
  }
  let order = 100;
  const od = get('order');
  if (od) {
    if (/^\d{1,4}$/.test(od.value)) order = Number(od.value);
    else errors.push({ line: od.line, message: `front matter: order must be a whole number, got "${od.value}"` });
  }
  const plan = pr.plan(nodes);
  return {
    id,
    title,
    lang,
    redis,
    preset,
    nodes,
    ports: plan.ports,
    setupLines: plan.setup.map((s) => ({ port: s.port, line: s.line })),
    summary: get('summary')?.value ?? '',
    level,
    order,
  };
}
