/**
 * The Learn panel's own words in English and Chinese. The language comes from the `lang`
 * parameter or attribute, else from the browser (`zh…` → Chinese, anything else → English).
 */
import type { Lang } from '../../learn';

const EN = {
  learn: 'Learn',
  close: 'Close',
  tutorials: 'Tutorials',
  exercises: 'Exercises',
  back: 'Back',
  next: 'Next',
  list: 'All lessons',
  run: 'Run',
  running: 'Running…',
  skip: 'Skip typing',
  done: 'Done',
  stepOf: (i: number, n: number) => `Step ${i} of ${n}`,
  resetStep: 'Reset to this step',
  expected: 'Expected in the logs',
  seen: 'seen',
  waiting: 'waiting',
  solved: 'Solved',
  notSolved: (ok: number, n: number) => `${ok} of ${n} checks hold`,
  checking: 'Checking…',
  goal: 'Goal',
  hint: 'Hint',
  showHint: 'Show a hint',
  noMoreHints: 'No more hints',
  showSolution: 'Show solution',
  reset: 'Reset',
  commands: (used: number, sol: number) => `Commands used: ${used} (the solution uses ${sol})`,
  loading: 'Loading…',
  loadFailed: (what: string) => `Could not load ${what}`,
  invalid: 'This file has errors:',
  level: (n: number) => `level ${n}`,
  stepsDone: (d: number, n: number) => `${d}/${n} steps`,
  untrusted: 'Loaded from another site: its text is shown as is, without scripts.',
  language: 'Language',
};

const ZH: typeof EN = {
  learn: '学习',
  close: '关闭',
  tutorials: '教程',
  exercises: '练习',
  back: '上一步',
  next: '下一步',
  list: '全部课程',
  run: '运行',
  running: '运行中…',
  skip: '跳过输入',
  done: '完成',
  stepOf: (i, n) => `第 ${i} 步,共 ${n} 步`,
  resetStep: '重置到这一步',
  expected: '日志中应出现',
  seen: '已出现',
  waiting: '等待中',
  solved: '已完成',
  notSolved: (ok, n) => `${n} 项检查中 ${ok} 项已满足`,
  checking: '检查中…',
  goal: '目标',
  hint: '提示',
  showHint: '显示提示',
  noMoreHints: '没有更多提示了',
  showSolution: '显示答案',
  reset: '重置',
  commands: (used, sol) => `已用命令:${used}(答案用了 ${sol} 条)`,
  loading: '加载中…',
  loadFailed: (what) => `无法加载 ${what}`,
  invalid: '这个文件有错误:',
  level: (n) => `难度 ${n}`,
  stepsDone: (d, n) => `${d}/${n} 步`,
  untrusted: '来自其他网站:文本按原样显示,不运行脚本。',
  language: '语言',
};

export type Strings = typeof EN;

export function strings(lang: Lang): Strings {
  return lang === 'zh' ? ZH : EN;
}

/** `en` or `zh` from an explicit choice, else from the browser's languages. */
export function pickLang(explicit: string | null | undefined): Lang {
  if (explicit === 'zh' || explicit === 'en') return explicit;
  const nav = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return nav.some((l) => /^zh\b/i.test(l ?? '')) ? 'zh' : 'en';
}
