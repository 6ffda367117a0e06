import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The built output (npm run build, before e2e) carries no test-only code. */
describe('dist', () => {
  const dist = join(__dirname, '..', '..', '..', 'dist');
  const builtFiles = (readdirSync(dist, { recursive: true }) as string[]).filter((path) =>
    path.endsWith('.js'),
  );

  it('has no test-only library and no specs', () => {
    expect(builtFiles.length).toBeGreaterThan(100);
    expect(existsSync(join(dist, 'libs', 'indicators-reference'))).toBe(false);
    expect(builtFiles.filter((path) => /\.(int-|e2e-)?spec\.js$/.test(path))).toEqual([]);
  });

  it('requires neither fast-check nor the reference anywhere', () => {
    const requiring = builtFiles.filter((path) =>
      /require\("(fast-check|[^"]*indicators-reference[^"]*)"\)/.test(readFileSync(join(dist, path), 'utf8')),
    );
    expect(requiring).toEqual([]);
  });
});
