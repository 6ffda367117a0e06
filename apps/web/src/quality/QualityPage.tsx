import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api/client';
import type { DataQualityReport } from '../api/types';
import { formatCount, formatMoment } from '../format/format';
import { useLanguage } from '../i18n/i18n';
import { AsOf } from '../layout/AsOf';
import { ageOf, isQuiet } from './quality-model';

/**
 * Data quality for the province's staff: which systems send and when they last did, the codes the catalogue
 * does not know (their events still count), and what the pipeline refused, by reason.
 */
export function QualityPage() {
  const { t, language } = useLanguage();
  const report = useQuery({
    queryKey: ['data-quality'],
    queryFn: async () => ({
      report: await getJson<DataQualityReport>('/v1/data-quality'),
      at: new Date(),
    }),
  });
  if (report.isError) return <p className="error">{t('app.error', { message: report.error.message })}</p>;
  if (!report.data) return <p className="loading">{t('app.loading')}</p>;
  const { report: data, at } = report.data;
  const age = (moment: string) => {
    const { unit, n } = ageOf(moment, at);
    return t(`quality.ago.${unit}`, { n: formatCount(n, language) });
  };
  const unknown = (kind: 'agencies' | 'procedures', rows: DataQualityReport['unknownAgencies']) => (
    <section className="quality-section" data-testid={`unknown-${kind}`}>
      <h2>{t(`quality.unknown.${kind}`)}</h2>
      {rows.length === 0 ? (
        <p className="note">{t('quality.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t('quality.code')}</th>
                <th className="num">{t('quality.events')}</th>
                <th className="num">{t('quality.dossiers')}</th>
                <th>{t('quality.firstSeen')}</th>
                <th>{t('quality.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.code} data-testid="unknown-row">
                  <td>{row.code}</td>
                  <td className="num">{formatCount(row.events, language)}</td>
                  <td className="num">{formatCount(row.dossiers, language)}</td>
                  <td>{formatMoment(row.firstSeen, language)}</td>
                  <td>{formatMoment(row.lastSeen, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
  return (
    <div className="quality">
      <header className="page-header">
        <h1>{t('nav.quality')}</h1>
        <AsOf moment={at.toISOString()} />
      </header>
      <p className="note">
        {data.catalogue.publication === null ? t('quality.noCatalogue') : t('quality.catalogue')}
      </p>
      <section className="quality-section" data-testid="sources">
        <h2>{t('quality.sources')}</h2>
        {data.sources.length === 0 ? (
          <p className="note">{t('quality.noSources')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>{t('quality.source')}</th>
                  <th className="num">{t('quality.events')}</th>
                  <th>{t('quality.lastIngested')}</th>
                  <th>{t('quality.via')}</th>
                  <th>{t('quality.lastOccurred')}</th>
                </tr>
              </thead>
              <tbody>
                {data.sources.map((source) => (
                  <tr key={source.source} data-testid="source-row" data-source={source.source}>
                    <td>{source.source}</td>
                    <td className="num">{formatCount(source.events, language)}</td>
                    <td
                      className={isQuiet(source.lastIngestedAt, at) ? 'bad' : undefined}
                      title={formatMoment(source.lastIngestedAt, language)}
                    >
                      {age(source.lastIngestedAt)}
                    </td>
                    <td>{source.lastVia}</td>
                    <td>{formatMoment(source.lastOccurredAt, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {unknown('agencies', data.unknownAgencies)}
      {unknown('procedures', data.unknownProcedures)}
      <section className="quality-section" data-testid="rejected">
        <h2>
          {t('quality.rejected')}{' '}
          <span data-testid="rejected-total">{formatCount(data.rejected.total, language)}</span>
        </h2>
        {data.rejected.byReason.length === 0 ? (
          <p className="note">{t('quality.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>{t('quality.reason')}</th>
                  <th>{t('quality.step')}</th>
                  <th className="num">{t('quality.count')}</th>
                  <th>{t('quality.lastAt')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rejected.byReason.map((row) => (
                  <tr key={`${row.reason}/${row.step}`} data-testid="rejected-row" data-reason={row.reason}>
                    <td title={row.reason}>
                      {t(`quality.reasons.${row.reason}`, { defaultValue: row.reason })}
                    </td>
                    <td>{row.step}</td>
                    <td className="num">{formatCount(row.count, language)}</td>
                    <td>{formatMoment(row.lastAt, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
