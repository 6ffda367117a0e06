import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson } from '../api/client';
import { LEVER_INDICATORS, type LeverIndicator, type Levers } from '../api/types';
import { formatCount, formatDay, formatPoints, formatShare } from '../format/format';
import { useLanguage } from '../i18n/i18n';
import { AsOf } from '../layout/AsOf';
import { barWidth, LEVER_PERIODS, type LeverPeriod, leversHeadline } from './levers-model';

const LIMIT = 15;

/**
 * Biggest levers: the procedures whose dossiers would raise the scope's online (or on-time) share most, with the
 * points each adds and where the list would take the scope if every one of them were pulled.
 */
export function LeversPage(props: { agency: string | null }) {
  const { t, language } = useLanguage();
  const [indicator, setIndicator] = useState<LeverIndicator>('dossiers.online');
  const [period, setPeriod] = useState<LeverPeriod>('ytd');
  const answer = useQuery({
    queryKey: ['levers', props.agency, indicator, period],
    queryFn: () => getJson<Levers>('/v1/levers', { indicator, period, agency: props.agency, limit: LIMIT }),
    placeholderData: (previous) => previous,
  });
  const headline = answer.data ? leversHeadline(answer.data) : null;
  const largest = answer.data?.levers[0]?.gainPoints ?? 0;
  return (
    <div className="levers">
      <header className="page-header">
        <h1>{t('nav.levers')}</h1>
        {answer.data ? <AsOf moment={answer.data.asOf ?? new Date().toISOString()} /> : null}
      </header>
      <div className="toolbar">
        <div className="tabs" role="tablist">
          {LEVER_INDICATORS.map((value) => (
            <button
              key={value}
              type="button"
              role="tab"
              aria-selected={value === indicator}
              data-testid={`lever-${value}`}
              className={value === indicator ? 'tab tab-on' : 'tab'}
              onClick={() => setIndicator(value)}
            >
              {t(`levers.indicator.${value === 'dossiers.online' ? 'online' : 'onTime'}`)}
            </button>
          ))}
        </div>
        <label>
          {t('levers.period')}{' '}
          <select
            data-testid="lever-period"
            value={period}
            onChange={(event) => setPeriod(event.target.value as LeverPeriod)}
          >
            {LEVER_PERIODS.map((value) => (
              <option key={value} value={value}>
                {t(`levers.periods.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {answer.isError ? <p className="error">{t('app.error', { message: answer.error.message })}</p> : null}
      {answer.data && headline ? (
        <>
          <p className="note" data-testid="levers-headline">
            {t('levers.headline', {
              from: formatDay(answer.data.period.from),
              to: formatDay(answer.data.period.to),
              share: formatShare(headline.share, language),
              ratio: `${formatCount(answer.data.share.numerator, language)} / ${formatCount(answer.data.share.denominator, language)}`,
            })}{' '}
            {headline.shareIfShownPulled === null
              ? t('levers.none')
              : t('levers.ifPulled', {
                  n: headline.shown,
                  points: formatPoints(headline.pointsIfShownPulled, language),
                  share: formatShare(headline.shareIfShownPulled, language),
                })}
          </p>
          <p className="note">
            {t(`levers.explain.${indicator === 'dossiers.online' ? 'online' : 'onTime'}`)}
          </p>
          <div className="table-wrap">
            <table className="data" data-testid="levers-table">
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>{t('levers.procedure')}</th>
                  <th className="num">{t('levers.dossiers')}</th>
                  <th className="num">
                    {t(`levers.meeting.${indicator === 'dossiers.online' ? 'online' : 'onTime'}`)}
                  </th>
                  <th className="num">
                    {t(`levers.missing.${indicator === 'dossiers.online' ? 'online' : 'onTime'}`)}
                  </th>
                  <th>{t('levers.gain')}</th>
                  <th className="num">{t('levers.shareIfPulled')}</th>
                </tr>
              </thead>
              <tbody>
                {answer.data.levers.map((lever, index) => (
                  <tr key={lever.procedureCode} data-testid="lever-row" data-procedure={lever.procedureCode}>
                    <td className="num">{index + 1}</td>
                    <td title={lever.procedureCode}>
                      {lever.procedureName ?? lever.procedureCode}
                      {lever.field ? <span className="sub"> · {lever.field}</span> : null}
                    </td>
                    <td className="num">{formatCount(lever.dossiers, language)}</td>
                    <td className="num">{formatCount(lever.meeting, language)}</td>
                    <td className="num bad" data-testid="lever-missing">
                      {formatCount(lever.missing, language)}
                    </td>
                    <td className="gain" data-testid="lever-gain">
                      <span
                        className="bar"
                        style={{ width: `${(6 * barWidth(lever.gainPoints, largest)) / 100}rem` }}
                      />
                      <span>{formatPoints(lever.gainPoints, language)}</span>
                    </td>
                    <td className="num">{formatShare(lever.shareIfPulled, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {answer.data.totalLevers > answer.data.levers.length ? (
            <p className="note">
              {t('levers.more', { n: answer.data.totalLevers - answer.data.levers.length })}
            </p>
          ) : null}
        </>
      ) : answer.isError ? null : (
        <p className="loading">{t('app.loading')}</p>
      )}
    </div>
  );
}
