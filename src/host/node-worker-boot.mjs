// Boots a worker thread that runs TypeScript: worker threads do not inherit the main thread's
// loader hooks, so register tsx's here before loading the real entry.
import { register } from 'tsx/esm/api';

register();
await import('./node-worker.ts');
