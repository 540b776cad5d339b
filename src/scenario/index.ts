/** Scenario scripts: parser, redis-cli line splitting and reply formatting, the step runner. */
export { parseScenario, formatParseErrors, type Scenario, type Step, type ParseResult } from './parse';
export { parseConsoleLine, splitCliArgs } from './cli-args';
export { formatReply } from './cli-format';
export { runScenario, type RunOptions } from './run';
