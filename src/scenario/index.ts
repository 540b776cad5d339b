/** Scenario scripts: parser, redis-cli line splitting and reply formatting, the step runner. */

export { parseConsoleLine, splitCliArgs } from './cli-args';
export { formatReply } from './cli-format';
export { consoleModeOf, NO_REPLY_LINE, READING_MESSAGES_LINE } from './consoles';
export {
  formatParseErrors,
  type NodeAddr,
  type ParseOptions,
  type ParseResult,
  parseScenario,
  type Scenario,
  type Step,
} from './parse';
export {
  apiTarget,
  type ConsoleConnection,
  execConsoleLine,
  type RunOptions,
  runScenario,
  type StepRunner,
  type StepTarget,
  stepRunner,
} from './run';
