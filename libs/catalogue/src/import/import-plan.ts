import { DomainError } from '@dvc/domain-errors';
import { agencyCodeSchema, agencyCodeWarning, normaliseAgencyCode } from '../agencies/agency-code';
import { parentChangeRefusal } from '../agencies/agency-parent';
import { findParentCycle } from '../agencies/agency-rollup';
import { Agency, AgencyInput, Lineage, LineageInput } from '../agencies/agency.schema';
import {
  LevelChange,
  LevelChangeInput,
  Offering,
  OfferingInput,
  Procedure,
  ProcedureInput,
} from '../procedures/procedure.schema';
import { targetColumns } from '../targets/target.entity';
import { Target, TargetInput } from '../targets/target.schema';
import {
  IMPORT_LAYOUTS,
  ImportInputs,
  ImportLayout,
  kindOfSheetName,
  mapRow,
  resolveHeaders,
} from './import-layouts';
import {
  IMPORT_KINDS,
  ImportCounts,
  ImportKind,
  ImportProblems,
  placeOf,
  RowPlace,
  SheetInfo,
} from './import-report';
import { Sheet } from './sheet-reader';

/**
 * The pure part of an import: which sheets hold what, each row read into the catalogue's inputs, then the checks
 * across rows (duplicates, references to agencies in the file or the catalogue, one name per procedure) and the
 * comparison with the catalogue that leaves only what changes.
 */

/** A row that read well, with its cells by canonical column (for error messages). */
export interface ReadRow<K extends ImportKind> extends RowPlace {
  input: ImportInputs[K];
  cells: Readonly<Record<string, string>>;
}

/** A row that did not read: its cells are kept to tell which agency code it was meant to define. */
export interface UnreadRow extends RowPlace {
  cells: Readonly<Record<string, string>>;
}

export type ReadSheets = {
  [K in ImportKind]: { read: ReadRow<K>[]; unread: UnreadRow[] };
};

/** A sheet picked for import and the kind it holds. */
export interface ChosenSheet {
  sheet: Sheet;
  kind: ImportKind;
}

/**
 * Which sheets to import, in writing order. A CSV file is its `kind`. In a workbook, sheets are recognised by
 * name; with `kind` given, the sheet of that name, or else the first sheet, is imported alone.
 */
export function chooseSheets(
  sheets: readonly Sheet[],
  kind: ImportKind | undefined,
  problems: ImportProblems,
) {
  const named = sheets.map((sheet) => ({ sheet, kind: kindOfSheetName(sheet.name) }));
  let chosen: ChosenSheet[];
  if (kind) {
    const match = named.filter((entry) => entry.kind === kind);
    chosen = (match.length ? match : named.slice(0, 1)).map(({ sheet }) => ({ sheet, kind }));
  } else {
    chosen = named.filter((entry): entry is ChosenSheet => entry.kind !== null);
    if (!chosen.length) {
      throw new DomainError(
        'invalid',
        `no sheet to import: name the sheets ${IMPORT_KINDS.join(', ')} (or Cơ quan, Kế thừa, Thủ tục, Chỉ tiêu)` +
          ', or say which kind the file holds',
      );
    }
  }
  for (const { sheet } of named) {
    if (!chosen.some((entry) => entry.sheet === sheet)) {
      problems.warning(sheet.name, null, null, 'sheet ignored: its name is not one of the kinds imported');
    }
  }
  return chosen.sort((a, b) => IMPORT_KINDS.indexOf(a.kind) - IMPORT_KINDS.indexOf(b.kind));
}

/** Reads every row of the chosen sheets; `onRow` is told after each row. */
export function readRows(
  chosen: readonly ChosenSheet[],
  problems: ImportProblems,
  onRow: () => void = () => undefined,
): ReadSheets {
  const result: ReadSheets = {
    agencies: { read: [], unread: [] },
    lineage: { read: [], unread: [] },
    procedures: { read: [], unread: [] },
    targets: { read: [], unread: [] },
  };
  for (const { sheet, kind } of chosen) readSheet(IMPORT_LAYOUTS[kind], sheet, result[kind], problems, onRow);
  return result;
}

function readSheet<K extends ImportKind>(
  layout: ImportLayout<K>,
  sheet: Sheet,
  into: ReadSheets[K],
  problems: ImportProblems,
  onRow: () => void,
): void {
  const resolved = resolveHeaders(layout as unknown as ImportLayout, sheet.headers);
  const info: SheetInfo = { name: sheet.name, kind: layout.kind, headers: resolved.columns };
  for (const warning of resolved.warnings)
    problems.warning(info, sheet.headerRow, warning.column, warning.reason);
  const headerPlace = { sheet: info, row: sheet.headerRow };
  for (const error of resolved.errors) problems.headerError(headerPlace, error.column, error.reason);
  for (const record of sheet.records) {
    const place = { sheet: info, row: record.row };
    const cells: Record<string, string> = {};
    for (const [column, header] of resolved.columns) cells[column] = record.values[header] ?? '';
    if (resolved.errors.length) {
      problems.markBad(place);
      into.unread.push({ ...place, cells });
    } else {
      const mapped = mapRow(layout, cells);
      if (mapped.ok) {
        into.read.push({ ...place, input: mapped.input, cells });
      } else {
        for (const { column, reason } of mapped.problems) problems.error(place, column, reason, cells);
        into.unread.push({ ...place, cells });
      }
    }
    onRow();
  }
}

/** The catalogue as it is, by key, for references and for telling what an import changes. */
export interface CatalogueState {
  agencies: ReadonlyMap<string, Agency>;
  lineage: ReadonlyMap<string, Lineage>;
  procedures: ReadonlyMap<string, Procedure>;
  offerings: ReadonlyMap<string, Offering>;
  levels: ReadonlyMap<string, LevelChange>;
  targets: ReadonlyMap<string, Target>;
}

export const lineageKey = (link: Pick<Lineage, 'fromCode' | 'toCode'>) => `${link.fromCode} → ${link.toCode}`;
export const offeringKey = (offering: Pick<Offering, 'procedureCode' | 'agencyCode'>) =>
  `${offering.procedureCode} | ${offering.agencyCode}`;
export const levelKey = (level: Pick<LevelChange, 'procedureCode' | 'agencyCode' | 'effectiveFrom'>) =>
  `${level.procedureCode} | ${level.agencyCode} | ${level.effectiveFrom}`;

export function catalogueState(contents: {
  agencies?: readonly Agency[];
  lineage?: readonly Lineage[];
  procedures?: readonly Procedure[];
  offerings?: readonly Offering[];
  levels?: readonly LevelChange[];
  targets?: readonly Target[];
}): CatalogueState {
  const by = <T>(rows: readonly T[] | undefined, key: (row: T) => string) =>
    new Map((rows ?? []).map((row) => [key(row), row]));
  return {
    agencies: by(contents.agencies, (agency) => agency.code),
    lineage: by(contents.lineage, lineageKey),
    procedures: by(contents.procedures, (procedure) => procedure.code),
    offerings: by(contents.offerings, offeringKey),
    levels: by(contents.levels, levelKey),
    targets: by(contents.targets, (target) => target.key),
  };
}

/** What an import writes: only rows new to the catalogue or different from it. */
export interface ImportPlan {
  agencies: AgencyInput[];
  lineage: LineageInput[];
  procedures: ProcedureInput[];
  offerings: OfferingInput[];
  levels: LevelChangeInput[];
  targets: TargetInput[];
}

export const countPlan = (plan: ImportPlan): ImportCounts => ({
  agencies: plan.agencies.length,
  lineage: plan.lineage.length,
  procedures: plan.procedures.length,
  offerings: plan.offerings.length,
  levels: plan.levels.length,
  targets: plan.targets.length,
});

/** Checks the rows against each other and the catalogue, reports the bad ones, and plans the rest. */
export function planImport(
  rows: ReadSheets,
  catalogue: CatalogueState,
  problems: ImportProblems,
): ImportPlan {
  const agencies = checkAgencies(rows.agencies, catalogue, problems);
  const agencyReference = (column: string, code: string, from: SheetInfo): string | null => {
    if (agencies.accepted.has(code) || catalogue.agencies.has(code)) return null;
    const place = agencies.unread.get(code);
    return place
      ? `${column} ${code} is on ${placeOf(place, from)}, which has errors`
      : `${column} ${code} is neither in this file nor in the catalogue`;
  };
  const lineage = checkLineage(rows.lineage.read, agencyReference, problems);
  const procedures = checkProcedures(rows.procedures.read, agencyReference, problems);
  const targets = checkTargets(rows.targets.read, agencyReference, problems);

  return {
    agencies: [...agencies.accepted.values()]
      .map((row) => row.input)
      .filter((input) => !sameAgency(catalogue.agencies.get(input.code), input)),
    lineage: lineage.filter(
      (input) => catalogue.lineage.get(lineageKey(input))?.effectiveDate !== input.effectiveDate,
    ),
    procedures: procedures.procedures.filter(
      (input) => !sameProcedure(catalogue.procedures.get(input.code), input),
    ),
    offerings: procedures.offerings.filter(
      (input) => !sameOffering(catalogue.offerings.get(offeringKey(input)), input),
    ),
    levels: procedures.levels.filter((input) => !sameLevel(catalogue.levels.get(levelKey(input)), input)),
    targets: targets.filter((input) => !sameTarget(catalogue.targets.get(input.key), input)),
  };
}

/** Keeps the first row of each key; a later row is a warning when identical and an error when it differs. */
function firstOfEachKey<K extends ImportKind>(
  layout: ImportLayout<K>,
  rows: readonly ReadRow<K>[],
  problems: ImportProblems,
): ReadRow<K>[] {
  const first = new Map<string, ReadRow<K>>();
  const kept: ReadRow<K>[] = [];
  for (const row of rows) {
    const key = layout.keyOf(row.input);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, row);
      kept.push(row);
    } else if (stableJson(earlier.input) === stableJson(row.input)) {
      problems.warning(
        row.sheet,
        row.row,
        layout.keyColumn,
        `repeats ${placeOf(earlier, row.sheet)} (${layout.describeKey(row.input)}); imported once`,
      );
    } else {
      problems.error(
        row,
        layout.keyColumn,
        `${layout.describeKey(row.input)} is already on ${placeOf(earlier, row.sheet)} with different values: ` +
          'keep one of the two rows',
        row.cells,
      );
    }
  }
  return kept;
}

type AgencyReference = (column: string, code: string, from: SheetInfo) => string | null;

/**
 * Agencies that keep the parent the catalogue has for them, whose parent is in the file or the catalogue, and
 * whose parents form no loop. Dropping a bad row can leave its children without a parent, so the check repeats
 * until nothing more drops.
 */
function checkAgencies(
  rows: ReadSheets['agencies'],
  catalogue: CatalogueState,
  problems: ImportProblems,
): { accepted: Map<string, ReadRow<'agencies'>>; unread: Map<string, RowPlace> } {
  const accepted = new Map(
    firstOfEachKey(IMPORT_LAYOUTS.agencies, rows.read, problems).map((row) => [row.input.code, row]),
  );
  const unread = new Map<string, RowPlace>();
  for (const row of rows.unread) {
    const code = row.cells.code ? normaliseAgencyCode(row.cells.code) : '';
    if (code && !unread.has(code)) unread.set(code, row);
  }
  // A row with a bad cell is not imported, but its other cells are still checked: every problem at once.
  for (const row of rows.unread) {
    const parent = agencyCodeSchema.safeParse(row.cells.parent_code ?? '');
    if (!parent.success || !parent.data) continue;
    if (accepted.has(parent.data) || unread.has(parent.data) || catalogue.agencies.has(parent.data)) continue;
    problems.error(
      row,
      'parent_code',
      `parent_code ${parent.data} is neither in this file nor in the catalogue`,
      row.cells,
    );
  }
  for (const row of accepted.values()) {
    const warning = agencyCodeWarning(row.input.code);
    if (warning) problems.warning(row.sheet, row.row, 'code', warning);
  }
  const drop = (row: ReadRow<'agencies'>, reason: string) => {
    problems.error(row, 'parent_code', reason, row.cells);
    accepted.delete(row.input.code);
    if (!unread.has(row.input.code)) unread.set(row.input.code, row);
  };
  for (const row of [...accepted.values()]) {
    const refusal = parentChangeRefusal(catalogue.agencies.get(row.input.code), row.input.parentCode);
    if (refusal) drop(row, refusal);
  }
  for (let dropped = true; dropped;) {
    dropped = false;
    for (const row of [...accepted.values()]) {
      const parent = row.input.parentCode;
      if (!parent || accepted.has(parent) || catalogue.agencies.has(parent)) continue;
      const place = unread.get(parent);
      drop(
        row,
        place
          ? `parent_code ${parent} is on ${placeOf(place, row.sheet)}, which has errors`
          : `parent_code ${parent} is neither in this file nor in the catalogue`,
      );
      dropped = true;
    }
    const parents = new Map(
      [...catalogue.agencies.values()].map((agency) => [agency.code, agency.parentCode]),
    );
    for (const row of accepted.values()) parents.set(row.input.code, row.input.parentCode ?? null);
    const cycle = findParentCycle([...parents].map(([code, parentCode]) => ({ code, parentCode })));
    if (cycle) {
      for (const code of new Set(cycle)) {
        const row = accepted.get(code);
        if (row) {
          drop(row, `parents would form a loop: ${cycle.join(' → ')}`);
          dropped = true;
        }
      }
    }
  }
  return { accepted, unread };
}

function checkLineage(
  rows: readonly ReadRow<'lineage'>[],
  agencyReference: AgencyReference,
  problems: ImportProblems,
): LineageInput[] {
  return firstOfEachKey(IMPORT_LAYOUTS.lineage, rows, problems)
    .filter((row) => {
      const from = agencyReference('from_code', row.input.fromCode, row.sheet);
      const to = agencyReference('to_code', row.input.toCode, row.sheet);
      if (from) problems.error(row, 'from_code', from, row.cells);
      if (to) problems.error(row, 'to_code', to, row.cells);
      return !from && !to;
    })
    .map((row) => row.input);
}

/**
 * Each row brings a level change, its offering and its procedure. A procedure has one name and field: the first
 * good row gives them and a row that disagrees is an error. End dates may be on one row or on all of them.
 */
function checkProcedures(
  rows: readonly ReadRow<'procedures'>[],
  agencyReference: AgencyReference,
  problems: ImportProblems,
): { procedures: ProcedureInput[]; offerings: OfferingInput[]; levels: LevelChangeInput[] } {
  const procedures = new Map<
    string,
    { input: ProcedureRowFields; place: RowPlace; validToPlace?: RowPlace }
  >();
  const offerings = new Map<
    string,
    { input: OfferingInput & { validTo: string | null }; validToPlace?: RowPlace }
  >();
  const levels: LevelChangeInput[] = [];
  for (const row of firstOfEachKey(IMPORT_LAYOUTS.procedures, rows, problems)) {
    const { procedure, offering, level } = row.input;
    const problemsOfRow: [string, string][] = [];
    const agency = agencyReference('agency_code', offering.agencyCode, row.sheet);
    if (agency) problemsOfRow.push(['agency_code', agency]);
    const known = procedures.get(procedure.code);
    if (known) {
      const at = placeOf(known.place, row.sheet);
      if (known.input.name !== procedure.name) {
        problemsOfRow.push([
          'procedure_name',
          `procedure ${procedure.code} is named "${known.input.name}" on ${at}: a procedure has one name`,
        ]);
      }
      if (known.input.field !== procedure.field) {
        problemsOfRow.push([
          'field',
          `procedure ${procedure.code} is in field "${known.input.field}" on ${at}: a procedure has one field`,
        ]);
      }
    }
    const knownValidTo = known?.input.validTo;
    if (procedure.validTo && knownValidTo && procedure.validTo !== knownValidTo) {
      problemsOfRow.push([
        'procedure_valid_to',
        `procedure ${procedure.code} ends on ${knownValidTo} on ${placeOf(known.validToPlace!, row.sheet)}`,
      ]);
    }
    const knownOffering = offerings.get(offeringKey(offering));
    const offeringValidTo = knownOffering?.input.validTo;
    if (offering.validTo && offeringValidTo && offering.validTo !== offeringValidTo) {
      problemsOfRow.push([
        'offering_valid_to',
        `${offering.agencyCode} stops offering ${offering.procedureCode} on ${offeringValidTo} on ` +
          placeOf(knownOffering.validToPlace!, row.sheet),
      ]);
    }
    if (problemsOfRow.length) {
      for (const [column, reason] of problemsOfRow) problems.error(row, column, reason, row.cells);
      continue;
    }
    if (!known) procedures.set(procedure.code, { input: { ...procedure, validTo: null }, place: row });
    const entry = procedures.get(procedure.code)!;
    if (procedure.validTo && !entry.input.validTo) {
      entry.input.validTo = procedure.validTo;
      entry.validToPlace = row;
    }
    if (!knownOffering) offerings.set(offeringKey(offering), { input: { ...offering, validTo: null } });
    const offeringEntry = offerings.get(offeringKey(offering))!;
    if (offering.validTo && !offeringEntry.input.validTo) {
      offeringEntry.input.validTo = offering.validTo;
      offeringEntry.validToPlace = row;
    }
    levels.push(level);
  }
  return {
    procedures: [...procedures.values()].map((entry) => entry.input),
    offerings: [...offerings.values()].map((entry) => entry.input),
    levels,
  };
}

type ProcedureRowFields = ProcedureInput & { validTo: string | null };

function checkTargets(
  rows: readonly ReadRow<'targets'>[],
  agencyReference: AgencyReference,
  problems: ImportProblems,
): (TargetInput & { key: string })[] {
  return firstOfEachKey(IMPORT_LAYOUTS.targets, rows, problems)
    .filter((row) => {
      const reason = row.input.agencyCode
        ? agencyReference('agency_code', row.input.agencyCode, row.sheet)
        : null;
      if (reason) problems.error(row, 'agency_code', reason, row.cells);
      return !reason;
    })
    .map((row) => row.input);
}

const sameAgency = (existing: Agency | undefined, input: AgencyInput) =>
  !!existing &&
  existing.name === input.name &&
  existing.kind === input.kind &&
  existing.parentCode === (input.parentCode ?? null) &&
  existing.validFrom === input.validFrom &&
  existing.validTo === (input.validTo ?? null);

const sameProcedure = (existing: Procedure | undefined, input: ProcedureInput) =>
  !!existing &&
  existing.name === input.name &&
  existing.field === input.field &&
  existing.validTo === (input.validTo ?? null);

const sameOffering = (existing: Offering | undefined, input: OfferingInput) =>
  !!existing && existing.validTo === (input.validTo ?? null);

const sameLevel = (existing: LevelChange | undefined, input: LevelChangeInput) =>
  !!existing &&
  existing.level === input.level &&
  existing.mode === input.mode &&
  existing.portal === input.portal &&
  existing.fee === input.fee;

const sameTarget = (existing: Target | undefined, input: TargetInput & { key: string }) => {
  if (!existing) return false;
  const { id: _id, ...fields } = existing;
  return stableJson(targetColumns(fields)) === stableJson(targetColumns(input));
};

/** JSON with object keys sorted, so equal values compare equal whatever order their keys were written in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
