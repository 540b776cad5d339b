/**
 * The UI layer: the playground page and widget. `mountApp(el, {createPlayground})` builds it; the
 * caller (main.ts, the <redis-playground> element) decides which host runs the nodes. Views talk
 * to nodes only through the PlaygroundApi the factory returns.
 */
import '@xterm/xterm/css/xterm.css';
import '@fontsource/jetbrains-mono/latin-400.css';
import '@fontsource/jetbrains-mono/latin-700.css';
import './styles.css';

export { type AppHandle, type AppLook, type AppOptions, type LearnOptions, mountApp, plannedNodeCount } from './app';
export type { Emit, NodeRole, PlaygroundEventMap, PlaygroundEventType } from './events';
export { UI_STYLES } from './inline-styles';
export { type PlaygroundFactory, Session } from './session';

/** Loads the Learn panel (its own chunk: the Markdown renderer, the sanitizer and the lessons). */
export type LearnPanelLoader = () => Promise<typeof import('./learn/learn-panel')>;
/**
 * The Learn panel's loader, for entries that want it (the page). An entry that never names it
 * (the single-file widget) leaves the panel, and its size, out of its bundle.
 */
export const loadLearnPanel: LearnPanelLoader = () => import('./learn/learn-panel');
export {
  describePlan,
  type HistoryMode,
  type Layout,
  MAX_NODES,
  type ParsedSettings,
  parseSettings,
  planOf,
  type SettingName,
  type SettingProblem,
  type Settings,
} from './settings';
export { type AppStore, createAppStore } from './store';
