/**
 * `npm run --silent learn -- check FILE…`: checks tutorials and exercises headless (learn/runner)
 * and prints each failure as `FILE:LINE: message`. Exit status 0 when every file passes, 1 when
 * one fails, 2 for a usage error or an unreadable file — so a docs site can run it in CI.
 */
import { readFileSync } from 'node:fs';
import { checkLearnFile, learnKind } from './learn';

const USAGE = 'usage: npm run --silent learn -- check FILE...';

async function main(args: string[]): Promise<number> {
  if (args[0] !== 'check' || args.length < 2) {
    process.stderr.write(`${args[0] === 'check' ? 'missing FILE' : `unknown command '${args[0] ?? ''}'`}\n${USAGE}\n`);
    return 2;
  }
  let failed = 0;
  for (const file of args.slice(1)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`${file}: cannot read: ${(e as Error).message}\n`);
      return 2;
    }
    const failures = await checkLearnFile(text);
    if (failures.length === 0) process.stdout.write(`ok   ${file} (${learnKind(text)})\n`);
    else {
      failed++;
      for (const f of failures) process.stderr.write(`${file}:${f.line}: ${f.message}\n`);
    }
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
