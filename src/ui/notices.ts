/**
 * Notices: messages the playground shows inside itself (role="alert"), each also written to the
 * browser console with console.warn — a setting that could not be used, a node limit reached, a
 * start scenario that failed. Text only: a message is set as textContent, never parsed as markup.
 */
import { h } from './dom';

/** The notice area of one playground. */
export interface Notices {
  readonly el: HTMLElement;
  /** Show a message (and warn on the console). */
  show(message: string): void;
  clear(): void;
}

/** Make the (empty) notice area; the app puts `el` at its top. */
export function createNotices(): Notices {
  const el = h('div', { class: 'rp-notices' });
  return {
    el,
    show(message) {
      console.warn(`redis-playground: ${message}`);
      const item = h(
        'div',
        { class: 'rp-notice', role: 'alert' },
        h('span', { class: 'rp-notice-text', text: message }),
      );
      item.append(
        h('button', {
          type: 'button',
          class: 'rp-small',
          text: 'Dismiss',
          'aria-label': 'Dismiss this message',
          onclick: () => item.remove(),
        }),
      );
      el.append(item);
    },
    clear: () => el.replaceChildren(),
  };
}
