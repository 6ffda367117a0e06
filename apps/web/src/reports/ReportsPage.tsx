import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, getJson, postJson, queryString } from '../api/client';
import type { IssuedReport, Principal, ReportKind, ReportTable } from '../api/types';
import { formatCount, formatDay, formatMoment } from '../format/format';
import { useLanguage } from '../i18n/i18n';
import { AsOf } from '../layout/AsOf';
import {
  canIssueLayout,
  canIssueReports,
  canListIssued,
  chosenLayout,
  headerRows,
  latestEndedMonth,
  layoutFormats,
  layoutParams,
  type PeriodCut,
  reportLayouts,
  vietnamDay,
} from './reports-model';

/**
 * Reports in the official forms: pick a kind, a period and its cut, and a layout (rows by field, rows by child
 * unit, or one sheet per child unit), see the table as the form lays it out, download it as Excel, PDF or CSV
 * (one sheet per unit: Excel or JSON), and (analysts, administrators) issue it; below, what has been issued.
 */
export function ReportsPage(props: { agency: string | null; principal: Principal | null }) {
  const { t, language } = useLanguage();
  const client = useQueryClient();
  const kinds = useQuery({
    queryKey: ['report-kinds'],
    queryFn: () => getJson<{ kinds: ReportKind[] }>('/v1/reports'),
  });
  const [kindId, setKindId] = useState('ii06a');
  const [cut, setCut] = useState<PeriodCut>('statutory');
  const [period, setPeriod] = useState(() => latestEndedMonth(vietnamDay(new Date()), 'statutory'));
  const [layoutId, setLayoutId] = useState<string | null>(null);
  const kind = kinds.data?.kinds.find((candidate) => candidate.id === kindId);
  const layouts = kind ? reportLayouts(kind) : [];
  const layout = kind ? chosenLayout(kind, layoutId) : null;
  const params = { period, cut, agency: props.agency, ...(layout ? layoutParams(layout) : {}) };
  const table = useQuery({
    queryKey: ['report', kindId, params],
    queryFn: () => getJson<ReportTable>(`/v1/reports/${kindId}`, params),
    enabled: kind !== undefined && period.length > 0,
    retry: false,
  });
  const issued = useQuery({
    queryKey: ['reports-issued'],
    queryFn: () => getJson<{ issued: IssuedReport[] }>('/v1/reports/issued'),
    enabled: canListIssued(props.principal?.role),
  });
  const issue = useMutation({
    mutationFn: () =>
      postJson<IssuedReport>(`/v1/reports/${kindId}/issue`, {
        period,
        cut,
        ...(props.agency ? { agency: props.agency } : {}),
        ...(layout ? { rows: layout.rows } : {}),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports-issued'] }),
  });
  const name = (candidate: ReportKind) => (language === 'vi' ? candidate.nameVi : candidate.nameEn);
  return (
    <div className="reports">
      <header className="page-header">
        <h1>{t('nav.reports')}</h1>
        {table.data ? <AsOf moment={table.data.asOf} /> : null}
      </header>
      <form className="toolbar report-form" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('reports.kind')}{' '}
          <select
            data-testid="report-kind"
            value={kindId}
            onChange={(event) => setKindId(event.target.value)}
          >
            {(kinds.data?.kinds ?? []).map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {name(candidate)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.period')}{' '}
          <input
            data-testid="report-period"
            value={period}
            size={10}
            onChange={(event) => setPeriod(event.target.value.trim())}
          />
        </label>
        <label>
          {t('reports.cut')}{' '}
          <select
            data-testid="report-cut"
            value={cut}
            onChange={(event) => setCut(event.target.value as PeriodCut)}
          >
            <option value="statutory">{t('reports.cuts.statutory')}</option>
            <option value="calendar">{t('reports.cuts.calendar')}</option>
          </select>
        </label>
        {layout && layouts.length > 1 ? (
          <label>
            {t('reports.layout')}{' '}
            <select
              data-testid="report-layout"
              value={layout.id}
              onChange={(event) => setLayoutId(event.target.value)}
            >
              {layouts.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {t(`reports.layouts.${candidate.id}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <span className="downloads">
          {(layout ? layoutFormats(layout) : []).map((format) => (
            <a
              key={format}
              className="button"
              data-testid={`report-download-${format}`}
              href={`/v1/reports/${kindId}${queryString({ ...params, format })}`}
            >
              {format.toUpperCase()}
            </a>
          ))}
        </span>
        {canIssueReports(props.principal?.role) ? (
          <button
            type="button"
            className="primary"
            data-testid="report-issue"
            disabled={issue.isPending || !table.data || (layout !== null && !canIssueLayout(layout))}
            onClick={() => issue.mutate()}
          >
            {t('reports.issue')}
          </button>
        ) : null}
      </form>
      {layout?.sheets === 'unit' ? (
        <p className="note" data-testid="report-unit-sheets-note">
          {t('reports.unitSheetsNote')}
        </p>
      ) : null}
      {issue.isError ? (
        <p className="error" data-testid="report-issue-error">
          {issue.error instanceof ApiError ? issue.error.message : String(issue.error)}
        </p>
      ) : null}
      {issue.data ? (
        <p className="note" data-testid="report-issued">
          {t('reports.issuedAs', { id: issue.data.id, checksum: issue.data.checksum.slice(0, 12) })}
        </p>
      ) : null}
      {table.isError ? <p className="error">{t('app.error', { message: table.error.message })}</p> : null}
      {table.data ? (
        <>
          <FormTable table={table.data} />
          {(table.data.sheets ?? []).map((sheet, index) => (
            <FormTable key={`${index}:${sheet.sheetName}`} table={sheet} sheetName={sheet.sheetName} />
          ))}
        </>
      ) : table.isLoading ? (
        <p className="loading">{t('app.loading')}</p>
      ) : null}
      {issued.data ? (
        <section className="quality-section" data-testid="issued-reports">
          <h2>{t('reports.issued')}</h2>
          {issued.data.issued.length === 0 ? (
            <p className="note">{t('reports.noneIssued')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th>{t('reports.kind')}</th>
                    <th>{t('reports.period')}</th>
                    <th>{t('reports.scope')}</th>
                    <th>{t('reports.issuedBy')}</th>
                    <th>{t('reports.issuedAt')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {issued.data.issued.map((report) => (
                    <tr key={report.id} data-testid="issued-row" data-id={report.id}>
                      <td>
                        {kinds.data?.kinds.find((candidate) => candidate.id === report.kind)?.nameVi ??
                          report.kind}
                      </td>
                      <td>
                        {report.period.key} ({formatDay(report.period.from)} – {formatDay(report.period.to)})
                      </td>
                      <td>{report.agency ?? t('app.province')}</td>
                      <td>{report.issuedBy}</td>
                      <td>{formatMoment(report.issuedAt, language)}</td>
                      <td>
                        <a href={`/v1/reports/issued/${report.id}?format=xlsx`}>XLSX</a>{' '}
                        <a href={`/v1/reports/issued/${report.id}?format=pdf`}>PDF</a>{' '}
                        <a href={`/v1/reports/issued/${report.id}/revisions`}>{t('reports.revisions')}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** The report as the form lays it out: title, period, two-level header, numbered columns, rows, total, notes. */
function FormTable(props: { table: ReportTable; sheetName?: string }) {
  const { language } = useLanguage();
  const { table } = props;
  const [upper, lower] = headerRows(table.columns);
  const cell = (value: string | number | null, index: number) => {
    const column = table.columns[index];
    if (value === null) return '';
    if (typeof value === 'string') return value;
    if (column.kind === 'count') return formatCount(value, language);
    return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 }).format(
      value,
    );
  };
  return (
    <section
      className="form-report"
      data-testid={props.sheetName === undefined ? 'report-table' : 'report-unit-sheet'}
    >
      {props.sheetName === undefined ? null : (
        <h3 className="form-sheet" data-testid="report-sheet-name">
          {props.sheetName}
        </h3>
      )}
      <p className="form-code">{table.formCode}</p>
      <h2 className="form-title">{table.title}</h2>
      <p className="form-scope">{table.scopeLine}</p>
      <p className="form-period" data-testid="report-period-line">
        {table.period.labelVi} ({formatDay(table.period.from)} – {formatDay(table.period.to)})
      </p>
      <p className="note">{table.unit}</p>
      <div className="table-wrap">
        <table className="data form">
          <thead>
            <tr>
              {upper.map((header, index) => (
                <th key={index} colSpan={header.colSpan} rowSpan={header.rowSpan}>
                  {header.label}
                </th>
              ))}
            </tr>
            <tr>
              {lower.map((header, index) => (
                <th key={index}>{header.label}</th>
              ))}
            </tr>
            <tr className="numbers">
              {table.columns.map((column, index) => (
                <th key={column.key}>({index + 1})</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, rowIndex) => (
              <tr key={row.key ?? rowIndex} data-testid="report-row">
                {row.cells.map((value, index) => (
                  <td key={index} className={table.columns[index].kind === 'text' ? undefined : 'num'}>
                    {cell(value, index)}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="total" data-testid="report-total">
              {table.total.cells.map((value, index) => (
                <td key={index} className={table.columns[index].kind === 'text' ? undefined : 'num'}>
                  {cell(value, index)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      {table.notes.map((note) => (
        <p key={note} className="note">
          {note}
        </p>
      ))}
    </section>
  );
}
