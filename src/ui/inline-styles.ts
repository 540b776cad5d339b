/// <reference types="vite/client" />
/**
 * The UI's stylesheets as text, for a playground mounted inside a shadow root (the
 * <redis-playground> element): page styles do not reach into a shadow root, so it carries its own
 * copy of xterm's CSS and the playground's. The page itself gets the same files as ordinary
 * stylesheets (ui/index.ts imports them); fonts are registered by whoever loads the UI, at
 * document level, since @font-face inside a shadow root is ignored by some browsers.
 */
import xtermCss from '@xterm/xterm/css/xterm.css?inline';
import appCss from './styles.css?inline';

/** xterm's stylesheet followed by the playground's. */
export const UI_STYLES: string = `${xtermCss}\n${appCss}`;
