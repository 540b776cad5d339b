/**
 * The element's shadow root: the playground renders inside it, with its own copy of the UI's
 * stylesheets, so the host page's CSS does not reach the widget (`div { color: red }` on the page
 * changes nothing inside) and the widget's CSS does not reach the page. `:host { all: initial }`
 * also stops inherited properties (colour, font, line height) from flowing in from the page.
 */
import { UI_STYLES } from '../ui';

/** Only the host box is styled from here; everything else is the UI's own stylesheet. */
const HOST_CSS = ':host{all:initial;display:block}:host([hidden]){display:none}';

/**
 * Give `host` an open shadow root holding the styles and an empty container, and return the
 * container to mount the playground into (reusing the shadow root if the element had one).
 */
export function shadowContainer(host: HTMLElement): HTMLElement {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `${HOST_CSS}\n${UI_STYLES}`;
  const container = document.createElement('div');
  container.className = 'rp-shadow';
  shadow.replaceChildren(style, container);
  return container;
}
