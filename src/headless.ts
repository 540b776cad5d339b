/**
 * Package entry for Node and bundlers (`import … from 'redis-replication-playground'`): the
 * headless playground and scenario runner, with no DOM and no workers. `new Playground()` runs
 * nodes in this thread on a virtual clock; `runScenario(parseScenario(text).scenario, opts, out)`
 * replays a .scn as `npm run scenario` does; `createInlineWorkerPlayground` runs the same nodes
 * through the worker protocol on this thread. Built into dist/node/index.js (build/build.ts).
 */
export { createInlineWorkerPlayground } from './host/inline';
export {
  asApi,
  DEFAULT_EPOCH,
  type InFlight,
  type NetworkShape,
  type NodeSnapshot,
  Playground,
  type PlaygroundApi,
  type PlaygroundEvent,
  type PlaygroundOptions,
  type PsyncDecision,
  type PsyncReason,
  type RedisVersion,
  type Reply,
} from './playground';
export {
  formatParseErrors,
  formatReply,
  type ParseResult,
  parseConsoleLine,
  parseScenario,
  type RunOptions,
  runScenario,
  type Scenario,
  type Step,
  splitCliArgs,
} from './scenario';
