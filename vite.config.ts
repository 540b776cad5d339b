import { defineConfig } from 'vitest/config';
import { devWidget, serviceWorker, slimFengari } from './build/plugins';

export default defineConfig(({ command }) => ({
  // Relative URLs everywhere: the built page works from any folder of any static host.
  base: './',
  worker: { format: 'es', plugins: () => [slimFengari()] },
  plugins: [serviceWorker(), devWidget(), slimFengari()],
  // The built page registers its service worker (main.ts); the dev server has none. (Not
  // import.meta.env.PROD: that follows NODE_ENV, which is "test" when the browser tests build.)
  define: { 'import.meta.env.RP_OFFLINE': JSON.stringify(command === 'build') },
  build: {
    // The page. The widget and its demo (docs/embed.html) are built from src/widget.ts into one
    // file by build/build.ts.
    rollupOptions: { input: { main: 'index.html' } },
    // The first view is xterm.js + the UI (~100 KB gzip); the engine loads in the node workers.
    chunkSizeWarningLimit: 600,
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
}));
