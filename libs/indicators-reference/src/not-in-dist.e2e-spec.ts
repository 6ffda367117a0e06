import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The built output (npm run build, before e2e) carries no test-only code. */
describe('dist', () => {
  const dist = join(__dirname, '..', '..', '..', 'dist');
  const builtFiles = (readdirSync(dist, { recursive: true }) as string[]).filter((path) =>
    path.endsWith('.js'),
  );

  it('has no test-only library, no test setup, no developer tool and no specs', () => {
    expect(builtFiles.length).toBeGreaterThan(100);
    expect(existsSync(join(dist, 'libs', 'indicators-reference'))).toBe(false);
    expect(existsSync(join(dist, 'libs', 'testing'))).toBe(false);
    expect(builtFiles.filter((path) => /(^|\/)(testing|e2e)\//.test(path))).toEqual([]);
    // The operators' CLI ships; the bench, schema dump and security doc build into dist-dev.
    expect(readdirSync(join(dist, 'tools'))).toEqual(['cli']);
    expect(builtFiles.filter((path) => /\.(int-|e2e-)?spec\.js$/.test(path))).toEqual([]);
  });

  it('requires neither fast-check, the reference nor a test setup anywhere', () => {
    const requiring = builtFiles.filter((path) =>
      /require\("(fast-check|[^"]*indicators-reference[^"]*|[^"]*\/testing(\/[^"]*)?)"\)/.test(
        readFileSync(join(dist, path), 'utf8'),
      ),
    );
    expect(requiring).toEqual([]);
  });
});
