/**
 * The npm package as a docs site would consume it: build the package outputs into a staging copy,
 * `npm pack` it, install the tarball (offline, from the local npm cache) into a throwaway Vite
 * project, and
 * - build that project with Vite: `import 'redis-replication-playground/element'` must bundle the
 *   widget (one module, worker inlined: the build emits no worker or font file of its own);
 * - run the headless entry in Node: `import { parseScenario, runScenario } from
 *   'redis-replication-playground'` replays a scenario;
 * - type-check a consumer file against the shipped .d.ts files.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHeadless, buildWidget } from '../../build/build';
import { ROOT } from '../../build/plugins';

const NAME = 'redis-replication-playground';

describe('the packed package in a throwaway Vite project', () => {
  let work: string;
  let app: string;
  let files: string[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'rp-pack-'));
    const stage = join(work, 'stage');
    mkdirSync(stage);
    for (const f of ['package.json', 'README.md']) copyFileSync(join(ROOT, f), join(stage, f));
    await buildWidget(join(stage, 'dist'), true);
    await buildHeadless(join(stage, 'dist'), true);
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: stage, encoding: 'utf8' });
    const packed = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    files = packed[0].files.map((f) => f.path).sort();
    app = join(work, 'app');
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'docs-site', private: true, type: 'module' }));
    execFileSync(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, packed[0].filename)],
      { cwd: app, stdio: 'pipe' },
    );
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships the widget file, the single-file page, the Node entry and the types, and nothing of src/', () => {
    expect(files).toContain('dist/redis-playground.js');
    expect(files).toContain('dist/node/index.js');
    expect(files).toContain('dist/types/headless.d.ts');
    expect(files).toContain('dist/types/widget.d.ts');
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('tests/'))).toEqual([]);
  });

  it('bundles the element into a Vite build', async () => {
    writeFileSync(
      join(app, 'index.html'),
      '<!doctype html><html><body><redis-playground></redis-playground><script type="module" src="/src/main.js"></script></body></html>',
    );
    writeFileSync(
      join(app, 'src/main.js'),
      `import { RedisPlaygroundElement } from '${NAME}/element';\nconsole.log(customElements.get('redis-playground') === RedisPlaygroundElement);\n`,
    );
    const { build } = await import('vite');
    await build({ root: app, configFile: false, logLevel: 'error', build: { outDir: join(app, 'dist') } });
    const assets = readdirSync(join(app, 'dist/assets'));
    // One script: the widget with its worker and fonts inside; nothing else to serve.
    expect(assets.filter((f) => f.endsWith('.js'))).toHaveLength(1);
    expect(assets.filter((f) => !f.endsWith('.js'))).toEqual([]);
    const js = readFileSync(join(app, 'dist/assets', assets[0]), 'utf8');
    expect(js).toContain('redis-playground');
    expect(js).toContain('MASTER <-> REPLICA sync');
  });

  it('runs a scenario from the headless entry in Node', () => {
    writeFileSync(
      join(app, 'run.mjs'),
      `import { parseScenario, runScenario } from '${NAME}';
const parsed = parseScenario('nodes 6379 6380\\n6380> REPLICAOF 127.0.0.1 6379\\nsettle\\n6379> SET k v\\nsettle\\n6380> GET k\\n');
if (!parsed.ok) throw new Error('parse');
let out = '';
const pg = await runScenario(parsed.scenario, {}, (s) => { out += s; });
pg.dispose();
process.stdout.write(out);
`,
    );
    const out = execFileSync(process.execPath, ['run.mjs'], { cwd: app, encoding: 'utf8' });
    expect(out).toContain('6380> GET k\n"v"');
  });

  it('type-checks a consumer against the shipped types', () => {
    writeFileSync(
      join(app, 'consumer.ts'),
      `import { Playground, type Reply, type RedisVersion } from '${NAME}';
import { RedisPlaygroundElement } from '${NAME}/element';
const v: RedisVersion = '7.0';
const pg = new Playground({ version: v });
const r: Reply | null = pg.exec(pg.addNode('127.0.0.1', 6379), ['PING']);
const el: typeof RedisPlaygroundElement = RedisPlaygroundElement;
export { el, r };
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2022', 'DOM'],
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: [],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    expect(existsSync(tsc)).toBe(true);
    execFileSync(process.execPath, [tsc, '-p', join(app, 'tsconfig.json')], { cwd: app, encoding: 'utf8' });
  });
});
