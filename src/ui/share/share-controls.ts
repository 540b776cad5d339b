/**
 * The toolbar's Share / Export / Import group. Share writes the session (its .scn and seed) into
 * the address's fragment and copies the link; Export downloads the session as a .scn the headless
 * runner replays; Import (a file picker, or a .scn dropped anywhere on the playground) replays a
 * script in the consoles. A message line says what happened — as text: file names and parse
 * errors come from strangers.
 */
import { copyText, Disposables, downloadText, h } from '../dom';
import { checkScript, encodeShare } from './codec';

/** What the group needs from the app. */
export interface ShareDeps {
  /** The session so far as a scenario script and the seed it ran with (null: nothing loaded). */
  recording(): { scn: string; seed: number } | null;
  /** Replay a checked script (from a file) with a fresh seed. */
  replay(text: string, from: string): Promise<void>;
  /** Where drops are accepted (the app's root). */
  dropZone: HTMLElement;
  /** Put the fragment into the address bar (the page does; a widget on someone's page does not). */
  updateUrl: boolean;
  /** The playground's share target (codec.ts's fragmentPrefix): set in a `<redis-playground>`. */
  target?: string;
}

/** Largest .scn file read (bytes). */
export const MAX_IMPORT_BYTES = 256 * 1024;

/** The group's handle: the app reports replay outcomes through `say`. */
export interface ShareControls {
  say(text: string, isError?: boolean): void;
  dispose(): void;
}

/** Mount the group at the end of `el`. */
export function mountShareControls(el: HTMLElement, deps: ShareDeps): ShareControls {
  const d = new Disposables();
  const message = h('output', { class: 'rp-share-msg', 'aria-live': 'polite' });
  const say = (text: string, isError = false) => {
    message.textContent = text;
    message.dataset.error = String(isError);
    message.setAttribute('role', isError ? 'alert' : 'status');
  };

  const share = h('button', {
    type: 'button',
    text: 'Share',
    title: 'Copy a link that replays this session (set-up and everything typed so far)',
  });
  d.listen(share, 'click', async () => {
    const rec = deps.recording();
    if (!rec) return;
    const fragment = encodeShare(rec, deps.target);
    const base = location.href.replace(/#.*$/s, '');
    const url = base + fragment;
    if (deps.updateUrl) history.replaceState(history.state, '', fragment);
    const copied = await copyText(url);
    say(copied ? `Link copied (${url.length} characters).` : 'The link is in the address bar; copy it from there.');
    share.dataset.url = url;
  });

  const exportBtn = h('button', {
    type: 'button',
    text: 'Export .scn',
    title: 'Download this session as a scenario the headless runner replays',
  });
  d.listen(exportBtn, 'click', () => {
    const rec = deps.recording();
    if (!rec) return;
    downloadText('session.scn', rec.scn);
    say('Exported session.scn.');
  });

  const file = h('input', { type: 'file', accept: '.scn,text/plain', hidden: true, 'aria-hidden': 'true' });
  const importBtn = h('button', {
    type: 'button',
    text: 'Import .scn',
    title: 'Replay a scenario file in the consoles (or drop one onto the playground)',
  });
  d.listen(importBtn, 'click', () => file.click());
  const readFile = async (f: File) => {
    if (f.size > MAX_IMPORT_BYTES) {
      say(`${f.name}: too large (${f.size} bytes; at most ${MAX_IMPORT_BYTES}).`, true);
      return;
    }
    let text: string;
    try {
      text = await f.text();
    } catch {
      say(`${f.name}: could not be read.`, true);
      return;
    }
    const checked = checkScript(text);
    if (!checked.ok) {
      say(`${f.name}: ${checked.message}`, true);
      return;
    }
    await deps.replay(text, f.name);
  };
  d.listen(file, 'change', () => {
    const f = file.files?.[0];
    file.value = '';
    if (f) void readFile(f);
  });

  // Drag and drop onto the playground: only files are taken, never dropped text or links.
  const hasFiles = (ev: DragEvent) => ev.dataTransfer?.types.includes('Files') ?? false;
  d.listen(deps.dropZone, 'dragover', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'copy';
    deps.dropZone.dataset.dropping = 'true';
  });
  d.listen(deps.dropZone, 'dragleave', () => {
    delete deps.dropZone.dataset.dropping;
  });
  d.listen(deps.dropZone, 'drop', (ev) => {
    delete deps.dropZone.dataset.dropping;
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    const f = ev.dataTransfer?.files[0];
    if (f) void readFile(f);
  });

  const group = h(
    'div',
    { class: 'rp-group', role: 'group', 'aria-label': 'Session' },
    share,
    exportBtn,
    importBtn,
    file,
  );
  el.append(group, message);
  d.add(() => {
    group.remove();
    message.remove();
  });
  return { say, dispose: () => d.dispose() };
}
