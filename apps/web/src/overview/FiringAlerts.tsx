import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { getJson } from '../api/client';
import { indicatorName, useIndicatorDefinitions } from '../api/indicators';
import { formatDay, formatMoment, formatRatio, formatValue } from '../format/format';
import { useLanguage } from '../i18n/i18n';
import { ErrorNote } from '../layout/ErrorNote';
import { Tile } from './Tile';

/** A firing alert as `GET /v1/alerts` answers it: the fields the panel shows. */
export interface FiringAlert {
  id: string;
  ruleKey: string;
  unitCode: string;
  unitName: string;
  labels: Record<string, string>;
  figures: {
    numerator: number;
    denominator: number | null;
    value: number | null;
    period: { from: string; to: string };
  } | null;
  machine: {
    episode: { firingSince: number; acknowledgement: { by: string; comment: string } | null } | null;
  };
}

/** Evaluations run every few minutes: the panel asks again every minute. */
const REFRESH_MS = 60_000;

/**
 * The alerts firing in the viewer's scope (a department's session gets its own units' only; the API decides),
 * with each unit's figures and whether someone has acknowledged it.
 */
export function FiringAlerts(props: { agency: string | null }) {
  const { t, language } = useLanguage();
  const definitions = useIndicatorDefinitions();
  const alerts = useQuery({
    queryKey: ['alerts', 'firing', props.agency],
    queryFn: () => getJson<FiringAlert[]>('/v1/alerts', { state: 'firing', agency: props.agency }),
    refetchInterval: REFRESH_MS,
  });
  const title = alerts.data ? t('alerts.firingCount', { count: alerts.data.length }) : t('alerts.firing');
  return (
    <Tile id="tile-alerts" title={title} wide>
      {alerts.isPending ? <p className="loading">{t('app.loading')}</p> : null}
      {alerts.isError ? <ErrorNote error={alerts.error} /> : null}
      {alerts.data?.length === 0 ? (
        <p className="note" data-testid="alerts-none">
          {t('alerts.none')}
        </p>
      ) : null}
      {alerts.data && alerts.data.length > 0 ? (
        <ul className="alerts">
          {alerts.data.map((alert) => {
            const indicatorId = alert.labels.indicator ?? '';
            const definition = definitions.data?.find((candidate) => candidate.id === indicatorId);
            const figures = alert.figures;
            const acknowledged = alert.machine.episode?.acknowledgement ?? null;
            return (
              <li key={alert.id} data-testid="firing-alert" data-unit={alert.unitCode}>
                <Link href={`/?agency=${encodeURIComponent(alert.unitCode)}`} className="alert-unit">
                  {alert.unitName}
                </Link>{' '}
                <span className="alert-indicator">{indicatorName(definition, indicatorId, language)}</span>
                {figures ? (
                  <>
                    {' '}
                    <b className="alert-value">
                      {formatValue(figures.value, definition?.unit ?? 'count', language)}
                    </b>{' '}
                    <span className="ratio">({formatRatio(figures, language)})</span>{' '}
                    <span className="note">
                      {t('alerts.period', {
                        from: formatDay(figures.period.from),
                        to: formatDay(figures.period.to),
                      })}
                    </span>
                  </>
                ) : null}
                <span className="note alert-since">
                  {' · '}
                  {alert.machine.episode
                    ? t('alerts.since', {
                        moment: formatMoment(new Date(alert.machine.episode.firingSince), language),
                      })
                    : null}
                  {acknowledged ? ` · ${t('alerts.acknowledged', { by: acknowledged.by })}` : null}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </Tile>
  );
}
