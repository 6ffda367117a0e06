import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
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

  it('creates, lists and revokes API tokens; the secret is printed once and never listed', () => {
    const created = cli(
      'tokens',
      'create',
      'motcua vendor',
      '--role',
      'source',
      '--source',
      'motcua',
      '--json',
    );
    expect(created.status).toBe(0);
    const issued = JSON.parse(created.stdout) as { token: string; record: { prefix: string } };
    expect(issued.token.startsWith(`${issued.record.prefix}_`)).toBe(true);
    expect(issued.record).toMatchObject({ owner: 'motcua vendor', role: 'source', sourceId: 'motcua' });

    const listed = cli('tokens', 'list');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(issued.record.prefix);
    expect(listed.stdout).not.toContain(issued.token);

    const revoked = cli('tokens', 'revoke', issued.record.prefix, '--json');
    expect(revoked.status).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ revokedAt: expect.any(String) });
    expect(cli('tokens', 'list').stdout).toMatch(/revoked/);

    const noScope = cli('tokens', 'create', 'someone', '--role', 'department');
    expect(noScope.status).toBe(2);
    expect(noScope.stderr).toMatch(/agencyCode/);
  });

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

  it('writes II.06a with --sheets unit as a workbook (the total, then a sheet per child unit with dossiers) and refuses it as CSV or PDF', async () => {
    // The catalogue imported above: the province and its units, no dossiers yet (every count 0).
    const out = join(dataDir, 'reports');
    mkdirSync(out);
    const march = (...more: string[]) =>
      cli('report', 'ii06a', '--period', '2026-03', '--sheets', 'unit', '--out', out, ...more);
    const refused = march('--format', 'csv');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      'dvc: --sheets unit is a workbook of sheets and cannot be one CSV: ask --format xlsx (or json) for it',
    );
    expect(march('--format', 'pdf').stderr).toMatch(/dvc: --sheets unit .* cannot be one PDF/);
    expect(readdirSync(out)).toEqual([]);

    const made = march();
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const file = join(out, 'II.06a-VPCP-KSTT_province_2026-03_statutory_units.xlsx');
    expect(made.stdout.trim()).toBe(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    // A unit gets its sheet once it has dossiers (the API's int spec reads them sheet by sheet): none here yet.
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['II.06a-VPCP-KSTT']);
    expect(workbook.worksheets[0].getCell('A1').value).toBeTruthy();

    const json = march('--format', 'json');
    expect(json.status).toBe(0);
    expect(json.stdout.trim()).toBe(join(out, 'II.06a-VPCP-KSTT_province_2026-03_statutory_units.json'));
    expect(JSON.parse(readFileSync(json.stdout.trim(), 'utf8'))).toMatchObject({ sheets: [] });
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
