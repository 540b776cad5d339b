/// <reference types="vite/client" />
/** The embeddable widget: the `<redis-playground>` custom element, its API and events. */

/**
 * The Learn panel's loader, for an entry to hand to defineRedisPlayground: the single-file widget
 * names it here since it may not import the UI layer itself.
 */
export { loadLearnPanel } from '../ui';
export {
  defineRedisPlayground,
  type RedisPlaygroundApi,
  RedisPlaygroundElement,
  type RedisPlaygroundEventMap,
  SCENARIO_SCRIPT_TYPE,
} from './element';
/**
 * The single-file widget's console font (build/subset-font.sh: JetBrains Mono regular, cut to the
 * glyphs the UI prints), inlined by the build as a data: URL. Entries that do not name it (the
 * page, which has its own font files) leave it out of their bundle.
 */
export { default as WIDGET_FONT_URL } from './fonts/jetbrains-mono-400-subset.woff2?url&inline';
