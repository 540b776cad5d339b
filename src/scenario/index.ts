/** Scenario scripts: parser, redis-cli line splitting and reply formatting, the step runner. */

export { parseConsoleLine, splitCliArgs } from './cli-args';
export { formatReply } from './cli-format';
export { formatParseErrors, type ParseResult, parseScenario, type Scenario, type Step } from './parse';
export { type RunOptions, runScenario } from './run';
