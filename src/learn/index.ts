/**
 * Tutorials and exercises: their file formats (front matter, scn / expect-log / goal blocks), the
 * goal-check language and its evaluation against a live playground, and the headless checker
 * behind `npm run learn -- check`. Pure: no DOM, no Node built-ins — the page and the CLI share it.
 */
export { type Check, parseChecks } from './checks';
export { type CheckResult, evaluateChecks, parseInfo, syncsFromLogs } from './evaluate';
export { type Exercise, type ParsedExercise, parseExercise } from './exercise';
export { type ExpectLine, findExpected, type LogEntry, nodeName, patternRegExp } from './expect-log';
export { type LearnError, splitLearnFile } from './markdown-blocks';
export { LANGS, type Lang, type LearnMeta } from './meta';
export { Recorder } from './recorder';
export {
  type CheckFailures,
  checkExercise,
  checkLearnFile,
  checkTutorial,
  learnKind,
  nodeOf,
  runScnStep,
  runTutorial,
  startPlayground,
} from './runner';
export { commandCount, type ScnStep } from './scn-block';
export { type ParsedTutorial, parseTutorial, type Tutorial, type TutorialPart, type TutorialStep } from './tutorial';
