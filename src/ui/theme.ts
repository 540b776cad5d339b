/** Terminal colours for the light and dark page themes (the page's own colours live in CSS). */
import type { ITheme } from '@xterm/xterm';
import type { Theme } from './store';

export const TERMINAL_THEMES: Record<Theme, ITheme> = {
  dark: {
    background: '#0f1115',
    foreground: '#d7dae0',
    cursor: '#f5f5f5',
    cursorAccent: '#0f1115',
    selectionBackground: '#3a4556',
    black: '#1c1f26',
    red: '#ff6b6b',
    green: '#8bd17c',
    yellow: '#e5c07b',
    blue: '#6cb6ff',
    magenta: '#d19afc',
    cyan: '#56d4dd',
    white: '#d7dae0',
    brightBlack: '#7d8590',
    brightRed: '#ff8e8e',
    brightGreen: '#a6e39a',
    brightYellow: '#f0d58c',
    brightBlue: '#8ec8ff',
    brightMagenta: '#e0b8ff',
    brightCyan: '#7ee3ea',
    brightWhite: '#ffffff',
  },
  light: {
    background: '#fbfbfa',
    foreground: '#1f2328',
    cursor: '#1f2328',
    cursorAccent: '#fbfbfa',
    selectionBackground: '#c8d8f0',
    black: '#1f2328',
    red: '#c0362c',
    green: '#2f7a1f',
    yellow: '#8a6100',
    blue: '#0b5cad',
    magenta: '#8a3fb8',
    cyan: '#0f7580',
    white: '#6e7781',
    brightBlack: '#6e7781',
    brightRed: '#d1453b',
    brightGreen: '#3a8f28',
    brightYellow: '#9a6d00',
    brightBlue: '#2a6fc0',
    brightMagenta: '#9c52c9',
    brightCyan: '#178896',
    brightWhite: '#24292f',
  },
};

/** The monospace font bundled with the page, with fallbacks. */
export const MONO_FONT = '"JetBrains Mono", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace';
