// Boots a soak worker thread: worker threads do not inherit the main thread's loader hooks, so
// register tsx's here, then load run.ts, which acts as the worker when it is not the main thread.
import { register } from 'tsx/esm/api';

register();
await import('./run.ts');
