import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

/**
 * The lint rules that keep the libs a tree and test code out of production, shown failing on planted files (a
 * folder inside the repository, so the repository's config and path aliases apply).
 */
describe('import rules (eslint.config.mjs)', () => {
  // ESLint loads the TypeScript parser and resolver on first use: seconds on a busy machine.
  jest.setTimeout(120_000);
  const root = join(__dirname, '..', '..');
  let planted: string;
  const eslint = new ESLint({ cwd: root, ignore: false });
  const plant = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(planted, name), text);
    return Object.keys(files).map((name) => join(planted, name));
  };
  const rulesFailing = async (paths: string[]) =>
    (await eslint.lintFiles(paths)).flatMap((result) => result.messages.map((message) => message.ruleId));

  beforeEach(() => {
    planted = mkdtempSync(join(root, 'libs', 'planted-'));
  });
  afterEach(() => rmSync(planted, { recursive: true, force: true }));

  it('fails a cycle between two files', async () => {
    const paths = plant({
      'first.ts': "import { second } from './second';\nexport const first = () => second();\n",
      'second.ts': "import { first } from './first';\nexport const second = (): number => first.length;\n",
    });
    expect(await rulesFailing(paths)).toContain('import-x/no-cycle');
  });

  it('fails a cycle between libs through their index files', async () => {
    // Two planted libs, each importing the other by its '@dvc/…' name (tsconfig paths: libs/*/src).
    const lib = (name: string, other: string) => {
      const folder = join(root, 'libs', name, 'src');
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, 'part.ts'),
        `import { ${other.replace(/-/g, '')} } from '@dvc/${other}';\nexport const uses = ${other.replace(/-/g, '')};\n`,
      );
      writeFileSync(
        join(folder, 'index.ts'),
        `export * from './part';\nexport const ${name.replace(/-/g, '')} = 1;\n`,
      );
      return join(folder, 'part.ts');
    };
    const [a, b] = [`planted-a${process.pid}`, `planted-b${process.pid}`];
    try {
      const paths = [lib(a, b), lib(b, a)];
      expect(await rulesFailing(paths)).toEqual(['import-x/no-cycle', 'import-x/no-cycle']);
    } finally {
      for (const name of [a, b]) rmSync(join(root, 'libs', name), { recursive: true, force: true });
    }
  });

  it('fails production code that imports the reference or fast-check, and passes the same in a spec', async () => {
    const source =
      "import fc from 'fast-check';\nimport { referenceIndicator } from '@dvc/indicators-reference';\nexport const used = [fc, referenceIndicator];\n";
    const [production, spec] = plant({ 'production.ts': source, 'production.spec.ts': source });
    const messages = async (path: string) =>
      (await eslint.lintFiles([path])).flatMap((result) => result.messages.map((message) => message.ruleId));
    expect(await messages(production)).toEqual(['no-restricted-imports', 'no-restricted-imports']);
    expect(await messages(spec)).toEqual([]);
  });

  it('fails production code that imports libs/testing or a test setup; the bench may use libs/testing', async () => {
    const source =
      "import { waitFor } from '@dvc/testing';\nimport { startTestApiApp } from '../../apps/api/src/testing/test-api-app';\nexport const used = [waitFor, startTestApiApp];\n";
    const [production] = plant({ 'production.ts': source });
    expect(await rulesFailing([production])).toEqual(['no-restricted-imports', 'no-restricted-imports']);
    expect(await rulesFailing([join(root, 'tools', 'bench', 'src', 'kafka-throughput.ts')])).toEqual([]);
  });
});
