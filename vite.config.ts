import { defineConfig } from 'vitest/config';

export default defineConfig({
  worker: { format: 'es' },
  build: {
    // The page, and a demo of <redis-playground> embedded twice in one page.
    rollupOptions: { input: { main: 'index.html', embed: 'docs/embed.html' } },
    // The first view is xterm.js + the UI (~100 KB gzip); the engine loads in the node workers.
    chunkSizeWarningLimit: 600,
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
