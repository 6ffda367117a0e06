import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { getJson, queryString, type QueryValue } from '../api/client';
import { indicatorName, useIndicatorDefinitions } from '../api/indicators';
import type { IndicatorAnswer, Leaderboard, LeaderboardGrouping } from '../api/types';
import { formatDay, formatRatio, formatValue } from '../format/format';
import { useLanguage } from '../i18n/i18n';
import { AsOf } from '../layout/AsOf';
import { ErrorNote } from '../layout/ErrorNote';
import { LEADERBOARD_INDICATORS } from '../leaderboard/LeaderboardPage';
import { LeaderboardTable } from '../leaderboard/LeaderboardTable';
import { IndicatorSelect, Tabs } from '../layout/Choices';
import { chartValue, TREND_PERIODS, TREND_UNITS, trendPoints, trendUnitOf } from './trend-model';

const TrendChart = lazy(() => import('../charts/TrendChart'));

export const drillKey = (agency: string | null) => ['drill', agency] as const;

/**
 * Drill-down: a unit → its child units or its fields → a field's procedures → one procedure, with the trend of
 * whichever is chosen by day, week or month. The address holds the path (`/drill?agency=…&field=…&procedure=…`).
 */
export function DrillPage(props: { agency: string | null }) {
  const { t, language } = useLanguage();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const indicator = search.get('indicator') ?? 'dossiers.online';
  const structure = search.get('structure') === 'current' ? 'current' : 'reported';
  const field = search.get('field');
  const procedure = search.get('procedure');
  const step = trendUnitOf(search.get('step'));
  const view: LeaderboardGrouping =
    field !== null ? 'procedure' : search.get('view') === 'fields' ? 'field' : 'agency';
  const base = { agency: props.agency, indicator, structure };
  const href = (params: Record<string, QueryValue>) => `/drill${queryString({ ...base, step, ...params })}`;
  const change = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    next.set(name, value);
    navigate(`/drill?${next.toString()}`);
  };
  const definitions = useIndicatorDefinitions();
  const definitionOf = (id: string) => definitions.data?.find((definition) => definition.id === id);
  const trend = useQuery({
    queryKey: [...drillKey(props.agency), 'trend', indicator, structure, field, procedure, step],
    queryFn: () =>
      getJson<IndicatorAnswer>(`/v1/indicators/${encodeURIComponent(indicator)}`, {
        agency: props.agency,
        structure,
        field,
        procedure,
        groupBy: step,
        period: TREND_PERIODS[step],
      }),
    placeholderData: (previous) => previous,
  });
  const rows = useQuery({
    queryKey: [...drillKey(props.agency), 'rows', indicator, structure, view, field],
    queryFn: () => getJson<Leaderboard>('/v1/dashboard/leaderboard', { ...base, by: view, field }),
    placeholderData: (previous) => previous,
  });
  const board = rows.data;
  const scopeName = board?.scope.name ?? t('app.province');
  const procedureName = procedure
    ? (board?.rows.find((row) => row.key === procedure)?.name ?? procedure)
    : null;
  const points = trend.data ? trendPoints(trend.data, step, language) : [];
  const unit = trend.data?.unit ?? 'share';
  const error = trend.error ?? rows.error;
  return (
    <div className="drill">
      <header className="page-header">
        <nav className="breadcrumb" aria-label={t('drill.path')} data-testid="breadcrumb">
          <Link href={href({})}>{scopeName}</Link>
          {field !== null ? (
            <>
              {' › '}
              <Link href={href({ field })}>{field}</Link>
            </>
          ) : null}
          {procedureName ? (
            <>
              {' › '}
              <span data-testid="breadcrumb-procedure">{procedureName}</span>
            </>
          ) : null}
        </nav>
        {board ? <AsOf moment={board.asOf} /> : null}
      </header>
      <div className="toolbar">
        <IndicatorSelect
          ids={LEADERBOARD_INDICATORS}
          chosen={indicator}
          onChoose={(id) => change('indicator', id)}
          testId="drill-indicator"
        />
        <Tabs
          values={TREND_UNITS}
          chosen={step}
          label={(value) => t(`drill.steps.${value}`)}
          onChoose={(value) => change('step', value)}
          testId="step"
          ariaLabel={t('drill.step')}
        />
      </div>
      {error ? <ErrorNote error={error} /> : null}
      {trend.data ? (
        <section className="tile trend" aria-label={t('drill.trend')} data-testid="trend">
          <h2>
            {t('drill.trendOf', {
              what: procedureName ?? field ?? scopeName,
              indicator: indicatorName(definitionOf(indicator), indicator, language),
            })}
          </h2>
          <p className="figure" data-testid="trend-total">
            <span className="value">{formatValue(trend.data.value, unit, language)}</span>{' '}
            <span className="ratio">{formatRatio(trend.data, language)}</span>{' '}
            <span className="note">
              {t('leaderboard.period', {
                from: formatDay(trend.data.period.from),
                to: formatDay(trend.data.period.to),
              })}
            </span>
          </p>
          <Suspense fallback={<div className="trend-chart" />}>
            <TrendChart
              labels={points.map((point) => point.label)}
              values={points.map((point) => chartValue(point.value, unit))}
              tooltips={points.map(
                (point) => `${formatValue(point.value, unit, language)} (${formatRatio(point, language)})`,
              )}
              kind={unit === 'share' ? 'line' : 'bar'}
              suffix={unit === 'share' ? '%' : ''}
            />
          </Suspense>
          <details>
            <summary>{t('drill.figures')}</summary>
            <table className="data" data-testid="trend-table">
              <tbody>
                {points.map((point) => (
                  <tr key={point.key} data-key={point.key}>
                    <td>{point.label}</td>
                    <td className="num value">{formatValue(point.value, unit, language)}</td>
                    <td className="num ratio">{formatRatio(point, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
      ) : null}
      {field === null ? (
        <Tabs
          values={['agency', 'field'] as const}
          chosen={view === 'field' ? 'field' : 'agency'}
          label={(value) => t(`drill.views.${value}`)}
          onChoose={(value) => change('view', value === 'field' ? 'fields' : 'units')}
          testId="view"
          className="drill-views"
        />
      ) : (
        <h2 className="section-title">{t('drill.procedures', { field })}</h2>
      )}
      {board ? (
        <LeaderboardTable
          board={board}
          testId="drill-table"
          targets={view === 'agency'}
          hrefOf={(row) => {
            if (row.key === null) return null;
            if (view === 'agency')
              return row.key === board.scope.groupedUnder
                ? null
                : `/drill${queryString({ ...base, step, agency: row.key })}`;
            if (view === 'field') return href({ field: row.key });
            return href({ field, procedure: row.key });
          }}
        />
      ) : null}
    </div>
  );
}
