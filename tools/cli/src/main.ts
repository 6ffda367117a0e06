import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { ApiToken, apiTokenSchema, ApiTokensService, ROLES, Role } from '@dvc/access';
import {
  CatalogueImportService,
  IMPORT_KINDS,
  ImportKind,
  ImportReport,
  importReportSchema,
  ImportStage,
  sheetFormatOfFileName,
  TargetsService,
  XLSX_CONTENT_TYPE,
  PRESET_DOCUMENTS,
} from '@dvc/catalogue';
import { AlertRulesService, AlertsModule } from '@dvc/alerts';
import { runAsProcess } from '@dvc/audit';
import { ConfigError } from '@dvc/config';
import { DomainError } from '@dvc/domain-errors';
import { DataFolderInUse, withCatalogue } from './catalogue-context';
import { addReportCommand } from './report-command';
import { formatReport, formatTable } from './report-format';

/** Exit codes: 0 done, 1 some rows (or the write) failed, 2 the command could not run at all. */
const ROWS_FAILED = 1;
const CANNOT_RUN = 2;

class CannotRun extends Error {}

const LABELS: Record<ImportStage, string> = { read: 'reading', check: 'checking', write: 'writing ' };

/** A progress bar on stderr for files worth waiting for; nothing for small ones or when stderr is no terminal. */
function progressBar(minimum = 500) {
  const bar = new SingleBar(
    { format: '{stage} [{bar}] {percentage}% {value}/{total}', hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress(done: number, total: number, stage: ImportStage) {
      if (total < minimum) return;
      if (!started) {
        bar.start(total, done, { stage: LABELS[stage] });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { stage: LABELS[stage] });
    },
    stop: () => started && bar.stop(),
  };
}

/** npm runs scripts from the package root; INIT_CWD is where the command was typed. */
const fromCallerDirectory = (file: string) => resolve(process.env.INIT_CWD ?? process.cwd(), file);

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(fromCallerDirectory(file));
  } catch (error) {
    throw new CannotRun(`cannot read ${file}: ${(error as Error).message}`);
  }
}

const serverErrorSchema = z.object({ message: z.string(), errors: z.array(z.string()).optional() });

/** A running API's address and the token to call it with (`--token` or DVC_TOKEN). */
interface ApiTarget {
  api?: string;
  token?: string;
}

/** Sends the request to a running API (works while `npm start` holds the embedded database). */
async function callApi(target: ApiTarget, path: string, init: RequestInit): Promise<unknown> {
  const url = new URL(path, target.api);
  if (!target.token) throw new CannotRun('--api needs a token: --token <token> or DVC_TOKEN');
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${target.token}` },
    });
  } catch (error) {
    throw new CannotRun(`cannot reach ${url.origin}: ${(error as Error).message}`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = serverErrorSchema.safeParse(body);
    const detail = refusal.success
      ? [refusal.data.message, ...(refusal.data.errors ?? [])].join('; ')
      : response.statusText;
    throw new CannotRun(`${url.origin} refused (${response.status}): ${detail}`);
  }
  return body;
}

interface ImportCommandOptions extends ApiTarget {
  kind?: ImportKind;
  dryRun?: boolean;
  json?: boolean;
}

async function importCommand(file: string, options: ImportCommandOptions): Promise<number> {
  const content = await readInput(file);
  const format = sheetFormatOfFileName(file, content);
  let report: ImportReport;
  if (options.api) {
    const query = new URLSearchParams({ dryRun: String(Boolean(options.dryRun)) });
    if (options.kind) query.set('kind', options.kind);
    const body = await callApi(options, `/v1/catalogue/imports?${query}`, {
      method: 'POST',
      headers: { 'content-type': format === 'xlsx' ? XLSX_CONTENT_TYPE : 'text/csv' },
      body: content,
    });
    report = importReportSchema.parse(body);
  } else {
    const bar = progressBar();
    try {
      report = await withCatalogue((app) =>
        app
          .get(CatalogueImportService)
          .import(
            { content, format },
            { kind: options.kind, dryRun: options.dryRun, onProgress: bar.onProgress },
          ),
      );
    } finally {
      bar.stop();
    }
  }
  console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report, file));
  return report.ok ? 0 : ROWS_FAILED;
}

/** Every active target becomes its "below its target" alert rule (target.<key>); importing again updates them. */
async function importAlertRulesCommand(options: { json?: boolean } & ApiTarget): Promise<number> {
  const { rules } = options.api
    ? z
        .object({ rules: z.array(z.object({ key: z.string(), name: z.string() }).passthrough()) })
        .parse(await callApi(options, '/v1/alert-rules/import-targets', { method: 'POST' }))
    : await withCatalogue((app) => app.get(AlertRulesService).importTargets(), [AlertsModule]);
  if (options.json) {
    console.log(JSON.stringify(rules, null, 2));
  } else {
    console.log(
      `Imported ${rules.length} alert rules from the active targets (importing again updates them):`,
    );
    console.log(
      formatTable(
        ['key', 'name'],
        rules.map((rule) => [rule.key, rule.name]),
      ),
    );
  }
  return 0;
}

interface LoadPresetsOptions extends ApiTarget {
  json?: boolean;
  documents?: string;
}

async function loadPresetsCommand(options: LoadPresetsOptions): Promise<number> {
  const documents = options.documents
    ?.split(',')
    .map((document) => document.trim())
    .filter(Boolean);
  const query = documents ? `?documents=${encodeURIComponent(documents.join(','))}` : '';
  const targets = options.api
    ? z
        .array(z.object({ key: z.string() }).passthrough())
        .parse(await callApi(options, `/v1/targets/presets${query}`, { method: 'POST' }))
    : await withCatalogue((app) => app.get(TargetsService).loadPresets(documents));
  if (options.json) {
    console.log(JSON.stringify(targets, null, 2));
  } else {
    console.log(`Loaded ${targets.length} preset targets (loading again updates them in place):`);
    console.log(
      formatTable(
        ['key', 'indicator', 'target', 'legal basis'],
        targets.map((target) => {
          const fields = target as Record<string, unknown>;
          return [
            target.key,
            String(fields.indicatorId ?? ''),
            `${fields.comparator ?? ''} ${fields.threshold ?? ''}`,
            String(fields.legalBasis ?? ''),
          ];
        }),
      ),
    );
  }
  return 0;
}

interface TokenCreateOptions extends ApiTarget {
  role: Role;
  agency?: string;
  source?: string;
  expiresInDays?: string;
  json?: boolean;
}

const tokenRow = (token: ApiToken) => [
  token.prefix,
  token.owner,
  token.role,
  token.agencyCode ?? token.sourceId ?? '',
  token.expiresAt ?? 'never',
  token.lastUsedAt ?? 'never',
  token.revokedAt ? `revoked ${token.revokedAt}` : 'active',
];
const TOKEN_COLUMNS = ['prefix', 'owner', 'role', 'scope', 'expires', 'last used', 'state'];

async function createTokenCommand(owner: string, options: TokenCreateOptions): Promise<number> {
  const input = {
    owner,
    role: options.role,
    agencyCode: options.agency ?? null,
    sourceId: options.source ?? null,
    expiresInDays: options.expiresInDays ? Number(options.expiresInDays) : null,
  };
  const issued = options.api
    ? z.object({ token: z.string(), record: apiTokenSchema }).parse(
        await callApi(options, '/v1/tokens', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
        }),
      )
    : await withCatalogue((app) =>
        app.get(ApiTokensService).issue({
          owner,
          scope: { role: input.role, agencyCode: input.agencyCode, sourceId: input.sourceId },
          expiresInDays: input.expiresInDays,
          createdBy: 'cli',
        }),
      );
  if (options.json) console.log(JSON.stringify(issued, null, 2));
  else {
    console.log(formatTable(TOKEN_COLUMNS, [tokenRow(issued.record)]));
    console.log(`\n${issued.token}\n\nThe token is shown this once; only its hash is kept.`);
  }
  return 0;
}

async function listTokensCommand(options: { json?: boolean } & ApiTarget): Promise<number> {
  const tokens = options.api
    ? z.array(apiTokenSchema).parse(await callApi(options, '/v1/tokens', { method: 'GET' }))
    : await withCatalogue((app) => app.get(ApiTokensService).list());
  console.log(
    options.json ? JSON.stringify(tokens, null, 2) : formatTable(TOKEN_COLUMNS, tokens.map(tokenRow)),
  );
  return 0;
}

async function revokeTokenCommand(
  idOrPrefix: string,
  options: { json?: boolean } & ApiTarget,
): Promise<number> {
  const token = options.api
    ? apiTokenSchema.parse(
        await callApi(options, `/v1/tokens/${encodeURIComponent(idOrPrefix)}`, { method: 'DELETE' }),
      )
    : await withCatalogue((app) => app.get(ApiTokensService).revoke(idOrPrefix));
  console.log(options.json ? JSON.stringify(token, null, 2) : formatTable(TOKEN_COLUMNS, [tokenRow(token)]));
  return 0;
}

function buildProgram(run: (work: () => Promise<number>) => void): Command {
  const program = new Command('dvc')
    .description('DVC metrics pipeline: catalogue tools. Engines as configured for the apps (README).')
    .exitOverride()
    .showHelpAfterError();
  const api = () =>
    new Option(
      '--api <url>',
      'send it to a running API (e.g. http://127.0.0.1:3000) instead of the database',
    );
  const token = () =>
    new Option('--token <token>', "the API token --api sends (an admin's)").env('DVC_TOKEN');

  program
    .command('import')
    .description('Import agencies, lineage, procedures with levels and targets from CSV or XLSX')
    .argument('<file>', '.xlsx workbook (sheets named by kind) or .csv file (needs --kind)')
    .addOption(new Option('-k, --kind <kind>', 'what the file holds').choices(IMPORT_KINDS))
    .option('--dry-run', 'check every row (against the catalogue too) and write nothing')
    .option('--json', 'print the report as JSON')
    .addOption(api())
    .addOption(token())
    .action((file: string, options: ImportCommandOptions) => run(() => importCommand(file, options)));

  program
    .command('targets')
    .description('Targets')
    .command('load-presets')
    .description('Load the targets of the documents that apply; loading again updates them in place')
    .option(
      '--documents <list>',
      `comma-separated: national (default: every national document) and/or ${PRESET_DOCUMENTS.join(', ')}`,
    )
    .option('--json', 'print the targets as JSON')
    .addOption(api())
    .addOption(token())
    .action((options: LoadPresetsOptions) => run(() => loadPresetsCommand(options)));

  const tokens = program.command('tokens').description('API tokens for systems and scripts');
  tokens
    .command('create')
    .description('Issue a token; it is printed this once')
    .argument('<owner>', 'who or what uses it, e.g. "motcua vendor"')
    .addOption(new Option('--role <role>', 'its role').choices(ROLES).makeOptionMandatory())
    .option('--agency <code>', "a department's agency (and a source's, to narrow it)")
    .option('--source <id>', "a source's `source` id")
    .option('--expires-in-days <days>', 'absent: never expires')
    .option('--json', 'print as JSON')
    .addOption(api())
    .addOption(token())
    .action((owner: string, options: TokenCreateOptions) => run(() => createTokenCommand(owner, options)));
  tokens
    .command('list')
    .description('Every token: prefix, owner, role, scope, expiry, last use, state')
    .option('--json', 'print as JSON')
    .addOption(api())
    .addOption(token())
    .action((options: { json?: boolean } & ApiTarget) => run(() => listTokensCommand(options)));
  tokens
    .command('revoke')
    .description('Revoke a token by prefix (dvc_xxxxxxxx) or id')
    .argument('<token>', 'prefix or id')
    .option('--json', 'print as JSON')
    .addOption(api())
    .addOption(token())
    .action((idOrPrefix: string, options: { json?: boolean } & ApiTarget) =>
      run(() => revokeTokenCommand(idOrPrefix, options)),
    );
  program
    .command('alerts')
    .description('Alert rules')
    .command('import-targets')
    .description(
      'Make every active target an alert rule on the units it concerns; importing again updates them',
    )
    .option('--json', 'print the rules as JSON')
    .addOption(api())
    .addOption(token())
    .action((options: { json?: boolean } & ApiTarget) => run(() => importAlertRulesCommand(options)));

  addReportCommand(program, run);
  return program;
}

async function main(): Promise<void> {
  let work: (() => Promise<number>) | undefined;
  let code: number;
  try {
    buildProgram((command) => (work = command)).parse(process.argv);
    // Writes on the database are kept in the audit log under the command and the operating-system user.
    const command = `dvc ${process.argv.slice(2, 4).join(' ')} (${userInfo().username})`;
    code = work ? await runAsProcess(command, work) : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      code = error.exitCode === 0 ? 0 : CANNOT_RUN;
    } else {
      const known =
        error instanceof CannotRun ||
        error instanceof DataFolderInUse ||
        error instanceof DomainError ||
        error instanceof ConfigError;
      const details =
        error instanceof DomainError && error.details.length ? `: ${error.details.join('; ')}` : '';
      console.error(known ? `dvc: ${(error as Error).message}${details}` : error);
      code = CANNOT_RUN;
    }
  }
  // Exit even if an engine client keeps a handle open; stdout and stderr are flushed first.
  await new Promise((done) => process.stdout.write('', done));
  process.exit(code);
}

void main();
