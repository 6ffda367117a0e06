import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importReportSchema } from '@dvc/catalogue';
import { createMachinePostgresDatabase } from '@dvc/testing';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'tools', 'cli', 'src', 'main.js');
const SAMPLE = join('samples', 'catalogue', 'catalogue.xlsx');

describe('the built CLI (npm run cli)', () => {
  let database: { url: string; drop(): Promise<void> };
  let dataDir: string;

  beforeAll(async () => {
    database = await createMachinePostgresDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'dvc-cli-e2e-'));
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => {
    const run = spawnSync(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: dataDir, INIT_CWD: ROOT },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('checks the sample workbook (--dry-run --json), imports it, and changes nothing the second time', () => {
    const dryRun = cli('import', SAMPLE, '--dry-run', '--json');
    expect(dryRun).toMatchObject({ status: 0 });
    const expected = { agencies: 13, lineage: 6, procedures: 8, offerings: 29, levels: 36, targets: 4 };
    const nothing = { agencies: 0, lineage: 0, procedures: 0, offerings: 0, levels: 0, targets: 0 };
    expect(importReportSchema.parse(JSON.parse(dryRun.stdout))).toEqual({
      kinds: ['agencies', 'lineage', 'procedures', 'targets'],
      dryRun: true,
      ok: true,
      failure: null,
      rows: 59,
      valid: 59,
      changes: expected,
      written: nothing,
      errors: [],
      warnings: [],
    });

    const imported = cli('import', SAMPLE, '--json');
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, written: expected });

    const again = cli('import', SAMPLE);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('changes: nothing');
  });

  it('prints bad rows as a table and exits 1; exits 2 when it cannot run at all', () => {
    const file = join(dataDir, 'agencies.csv');
    writeFileSync(
      file,
      'Mã cơ quan;Tên cơ quan;Loại;Mã cơ quan cấp trên;Hiệu lực từ\n' +
        '000.00.15.H99;Sở Y tế;sở;000.00.00.H99;01/01/2020\n' +
        '000.00.16.H99;Sở Nội vụ;sở;000.00.98.H99;01/01/2020\n',
    );
    const bad = cli('import', file, '--kind', 'agencies');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^\s+sheet\s+row\s+column\s+value\s+reason$/m);
    expect(bad.stdout).toMatch(
      /^\s+agencies\s+3\s+Mã cơ quan cấp trên\s+000\.00\.98\.H99\s+parent_code 000\.00\.98\.H99 is neither in this file nor in the catalogue$/m,
    );
    expect(bad.stdout).toContain('written: agencies 1');

    const noKind = cli('import', file);
    expect(noKind.status).toBe(2);
    expect(noKind.stderr).toContain('dvc: say which kind a CSV file holds');
  });

  it('says to use --api when a running server holds the data folder, not a ClickHouse stack trace', async () => {
    // Another process with embedded ClickHouse open on the same data folder, as `npm start` has.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { createClickHouseClient } = require(${JSON.stringify(join(ROOT, 'dist/libs/clickhouse/src'))});
         const client = createClickHouseClient({ dataDir: ${JSON.stringify(dataDir)} });
         client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then(() => console.log('holding'));
         setInterval(() => undefined, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('holding') && resolve());
        holder.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
      });
      const locked = cli('import', SAMPLE, '--dry-run');
      expect(locked.status).toBe(2);
      expect(locked.stderr).toContain(
        `dvc: the data folder ${dataDir} is in use by a running server (process ${holder.pid})`,
      );
      expect(locked.stderr).toContain('add --api http://127.0.0.1:3000');
      expect(locked.stderr).not.toMatch(/Code: 76|at /);
    } finally {
      holder.kill('SIGKILL');
    }
    // Killed, it leaves its status file behind with a dead PID: the folder is free again.
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(cli('import', SAMPLE, '--dry-run').status).toBe(0);
  });
});
