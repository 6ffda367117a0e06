import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson, queryString } from '../api/client';
import type { DossierList, DossierSort, DossierStatus } from '../api/types';
import { formatCount, formatMoment } from '../format/format';
import { useLanguage } from '../i18n/i18n';
import { AsOf } from '../layout/AsOf';
import { ErrorNote } from '../layout/ErrorNote';
import { nextSort, pageCount, sortMark } from './dossiers-model';

const STATUSES: DossierStatus[] = ['overdue', 'due_soon', 'open'];
const PAGE_SIZE = 50;

export const dossiersKey = (agency: string | null) => ['dossiers', agency] as const;

/** Dossiers to act on: the scope's open dossiers past due or due within 24 hours, sortable, CSV. */
export function DossiersPage(props: {
  agency: string | null;
  status?: DossierStatus;
  pageSize?: number;
  /** TV mode: no tabs, export or pager, large type. */
  tv?: boolean;
}) {
  const { t, language } = useLanguage();
  const [status, setStatus] = useState<DossierStatus>(props.status ?? 'overdue');
  const [sort, setSort] = useState<DossierSort>('due');
  const [page, setPage] = useState(1);
  const pageSize = props.pageSize ?? PAGE_SIZE;
  const params = { status, agency: props.agency, sort };
  const list = useQuery({
    queryKey: [...dossiersKey(props.agency), status, sort, page, pageSize],
    queryFn: () => getJson<DossierList>('/v1/dossiers', { ...params, page, pageSize }),
    placeholderData: (previous) => previous,
  });
  const header = (column: 'due' | 'received', label: string) => (
    <th
      aria-sort={
        sortMark(sort, column) === '▲' ? 'ascending' : sortMark(sort, column) ? 'descending' : 'none'
      }
    >
      <button
        type="button"
        data-testid={`sort-${column}`}
        onClick={() => {
          setSort(nextSort(sort, column));
          setPage(1);
        }}
      >
        {label} {sortMark(sort, column)}
      </button>
    </th>
  );
  return (
    <div className={props.tv ? 'dossiers dossiers-tv' : 'dossiers'}>
      <header className="page-header">
        <h1>{props.tv ? t(`tv.dossiers.${status}`) : t('nav.dossiers')}</h1>
        {list.data ? <AsOf moment={list.data.asOf} /> : null}
      </header>
      {props.tv ? null : (
        <div className="toolbar">
          <div className="tabs" role="tablist">
            {STATUSES.map((value) => (
              <button
                key={value}
                type="button"
                role="tab"
                aria-selected={value === status}
                data-testid={`status-${value}`}
                className={value === status ? 'tab tab-on' : 'tab'}
                onClick={() => {
                  setStatus(value);
                  setPage(1);
                }}
              >
                {t(`dossiers.status.${value}`)}
              </button>
            ))}
          </div>
          <a
            className="button"
            data-testid="export-csv"
            href={`/v1/dossiers${queryString({ ...params, format: 'csv' })}`}
          >
            {t('dossiers.export')}
          </a>
        </div>
      )}
      {list.isError ? <ErrorNote error={list.error} /> : null}
      {list.data ? (
        <>
          <p className="note" data-testid="dossiers-total">
            {t('dossiers.total', {
              count: list.data.total,
              formatted: formatCount(list.data.total, language),
            })}
          </p>
          <div className="table-wrap">
            <table className="data" data-testid="dossiers-table">
              <thead>
                <tr>
                  <th>{t('dossiers.code')}</th>
                  <th>{t('dossiers.procedure')}</th>
                  <th>{t('dossiers.agency')}</th>
                  {header('received', t('dossiers.received'))}
                  {header('due', t('dossiers.due'))}
                  <th className="num">{t('dossiers.daysOverdue')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((item) => (
                  <tr key={`${item.source}/${item.dossierCode}`} data-testid="dossier-row">
                    <td>{item.dossierCode}</td>
                    <td title={item.procedureCode}>{item.procedureName ?? item.procedureCode}</td>
                    <td title={item.agencyCode}>{item.agencyName ?? item.agencyCode}</td>
                    <td>{formatMoment(item.receivedAt, language)}</td>
                    <td>{formatMoment(item.dueAt, language)}</td>
                    <td className={item.daysOverdue > 0 ? 'num bad' : 'num'}>
                      {formatCount(item.daysOverdue, language)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.total > pageSize && !props.tv ? (
            <div className="pager">
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                ‹
              </button>
              <span>
                {page} / {pageCount(list.data.total, pageSize)}
              </span>
              <button
                type="button"
                disabled={page >= pageCount(list.data.total, pageSize)}
                onClick={() => setPage(page + 1)}
              >
                ›
              </button>
            </div>
          ) : null}
        </>
      ) : (
        <p className="loading">{t('app.loading')}</p>
      )}
    </div>
  );
}
