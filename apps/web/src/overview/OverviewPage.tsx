import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api/client';
import type { Figures, IndicatorAnswer, Overview, TargetStatusEntry } from '../api/types';
import { formatCount, formatDay, formatRatio, formatShare } from '../format/format';
import { useLanguage } from '../i18n/i18n';
import { AsOf } from '../layout/AsOf';
import { ErrorNote } from '../layout/ErrorNote';
import type { LiveState } from '../live/live-connection';
import { LiveIndicator } from '../live/LiveIndicator';
import { overviewKey, useLiveOverview } from '../live/useLiveOverview';
import { FiringAlerts } from './FiringAlerts';
import { takePrefetchedOverview } from './overview-prefetch';
import { backlog, intakeByChannel, levelGrowth, onTimeSplit, targetFor } from './overview-model';
import { PointsFigure, ShareFigure, TargetLine, Tile } from './Tile';

export function useOverview(agency: string | null) {
  return useQuery({
    queryKey: overviewKey(agency),
    queryFn: async () =>
      (await takePrefetchedOverview(agency, window as unknown as Record<string, unknown>, Date.now())) ??
      getJson<Overview>('/v1/dashboard/overview', { agency }),
  });
}

/**
 * The scope's overview: fetched once, then kept current by the live stream (the indicator says whether it is). TV
 * mode holds the stream itself across its views and passes its state as `live`.
 */
export function OverviewPage(props: { agency: string | null; tv?: boolean; live?: LiveState }) {
  const { t, language } = useLanguage();
  const overview = useOverview(props.agency);
  // The stream opens once the first figures are in, so that its first computation does not compete with theirs.
  const ownLive = useLiveOverview(props.agency, {
    enabled: props.live === undefined && overview.isSuccess,
  });
  const live = props.live ?? ownLive;
  if (overview.isPending) return <p className="loading">{t('app.loading')}</p>;
  if (overview.isError) return <ErrorNote error={overview.error} />;
  const data = overview.data;
  const { tiles } = data;
  const intake = intakeByChannel(data);
  const onTime = onTimeSplit(tiles.onTimeYear);
  const open = backlog(tiles.open);
  const growth3 = levelGrowth(tiles.level3Growth);
  const growth4 = levelGrowth(tiles.level4Growth);
  const scoped = (path: string) =>
    props.agency
      ? `${path}${path.includes('?') ? '&' : '?'}agency=${encodeURIComponent(props.agency)}`
      : path;
  const count = (value: number) => formatCount(value, language);
  return (
    <div className={props.tv ? 'overview overview-tv' : 'overview'}>
      <header className="page-header">
        <h1 data-testid="scope-name">{data.scope.name ?? t('app.province')}</h1>
        <span className="header-side">
          {props.tv ? null : <LiveIndicator state={live} />}
          <AsOf moment={data.asOf} />
        </span>
      </header>
      <div className="tiles">
        <Tile id="tile-received" title={t('overview.receivedToday')} href={scoped('/leaderboard')}>
          <div className="figure figure-big" data-testid="received-total">
            <span className="value">{count(intake.total)}</span>
          </div>
          <ul className="channels">
            <li data-testid="received-online">
              {t('overview.online')} <b>{count(intake.online)}</b>
            </li>
            <li data-testid="received-direct">
              {t('overview.direct')} <b>{count(intake.direct)}</b>
            </li>
            <li data-testid="received-postal">
              {t('overview.postal')} <b>{count(intake.postal)}</b>
            </li>
          </ul>
        </Tile>
        <Tile id="tile-online" title={t('overview.onlineShare')} href={scoped('/leaderboard')} wide>
          <div className="figures">
            <ShareFigure figures={tiles.receivedToday} label={t('overview.today')} testId="online-today" />
            <ShareFigure figures={tiles.onlineMonth} label={t('overview.month')} testId="online-month" />
            <ShareFigure figures={tiles.onlineYear} label={t('overview.year')} testId="online-year" big />
          </div>
          <TargetLine entry={targetFor(data, 'dossiers.online')} unit="share" />
        </Tile>
        <Tile
          id="tile-on-time"
          title={t('overview.onTime')}
          href={scoped('/leaderboard?indicator=dossiers.on_time')}
        >
          <ShareFigure figures={tiles.onTimeYear} testId="on-time-year" big />
          <ul className="channels">
            <li data-testid="on-time-early">
              {t('overview.early')} <b>{count(onTime.early)}</b>
            </li>
            <li data-testid="on-time-on-time">
              {t('overview.onTimeOnly')} <b>{count(onTime.onTime)}</b>
            </li>
            <li data-testid="on-time-late">
              {t('overview.late')} <b>{count(onTime.late)}</b>
            </li>
          </ul>
          <TargetLine entry={targetFor(data, 'dossiers.on_time')} unit="share" />
        </Tile>
        <Tile id="tile-backlog" title={t('overview.backlog')} href={scoped('/dossiers')}>
          <div className="figure figure-big" data-testid="backlog-open">
            <span className="value">{count(open.open)}</span>
          </div>
          <ul className="channels">
            <li data-testid="backlog-overdue" className="bad">
              {t('overview.overdue')} <b>{count(open.overdue)}</b>
            </li>
            <li data-testid="backlog-due-soon" className="warn">
              {t('overview.dueSoon')} <b>{count(open.dueWithin24h)}</b>
            </li>
          </ul>
        </Tile>
        <Tile
          id="tile-levels"
          title={t('overview.levels')}
          href={scoped('/leaderboard?indicator=procedures.level4')}
          wide
        >
          <LevelRow
            share={tiles.level3}
            growth={growth3}
            label={t('overview.level3')}
            testId="level3"
            target={targetFor(data, 'procedures.level_growth', { level: 3 })}
          />
          <LevelRow
            share={tiles.level4}
            growth={growth4}
            label={t('overview.level4')}
            testId="level4"
            target={targetFor(data, 'procedures.level_growth', { level: 4 })}
          />
          <p className="note">{t('overview.upgraded', { count: growth4.upgraded })}</p>
        </Tile>
        <Tile
          id="tile-uptake"
          title={t('overview.uptake')}
          href={scoped('/leaderboard?indicator=services.uptake')}
        >
          <ShareFigure figures={tiles.uptakeYear} testId="uptake-year" big />
          <TargetLine entry={targetFor(data, 'services.uptake')} unit="share" />
        </Tile>
        <FiringAlerts agency={props.agency} />
      </div>
    </div>
  );
}

/** A level's share of procedures today and its growth this year (the shares compared on hover), with its target. */
function LevelRow(props: {
  share: IndicatorAnswer;
  growth: ReturnType<typeof levelGrowth>;
  label: string;
  testId: string;
  target: TargetStatusEntry | null;
}) {
  const { t, language } = useLanguage();
  const { previous, current } = props.growth;
  const shown = (figures: Figures & { date: string }) =>
    `${formatDay(figures.date)}: ${formatShare(figures.value, language)} (${formatRatio(figures, language)})`;
  return (
    <>
      <div className="figures">
        <ShareFigure figures={props.share} label={props.label} testId={props.testId} />
        <PointsFigure
          points={props.growth.points}
          label={t('overview.growth')}
          hover={previous && current ? `${shown(previous)} → ${shown(current)}` : ''}
          testId={`${props.testId}-growth`}
        />
      </div>
      <TargetLine entry={props.target} unit="percentage_points" />
    </>
  );
}
