import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { DossiersPage, dossiersKey } from '../dossiers/DossiersPage';
import { useLanguage } from '../i18n/i18n';
import { LeaderboardPage, leaderboardKey } from '../leaderboard/LeaderboardPage';
import { LiveIndicator } from '../live/LiveIndicator';
import { useLiveOverview } from '../live/useLiveOverview';
import { OverviewPage } from '../overview/OverviewPage';
import {
  figuresMoved,
  intervalChoices,
  nextView,
  TV_INTERVAL_STORAGE_KEY,
  tvOptions,
  withInterval,
} from './tv-model';

const storedInterval = () =>
  typeof localStorage === 'undefined' ? null : localStorage.getItem(TV_INTERVAL_STORAGE_KEY);

/**
 * TV mode (`/tv?interval=20&views=overview,leaderboard,dossiers&agency=CODE`): the wall screen's full-screen cycle
 * through the overview, the leaderboard and the overdue dossiers in large type. The viewer picks the interval
 * (10, 20, 30 or 60 s): it goes into the address (shareable) and this browser's memory (the next `/tv` without
 * `?interval=` starts with it). One live stream for the whole
 * cycle: each overview it brings replaces the shown one, and one that moved a figure has the leaderboard and the
 * dossiers asked again.
 */
export function TvPage(props: { agency: string | null }) {
  const { t } = useLanguage();
  const client = useQueryClient();
  const search = useSearch();
  const [, navigate] = useLocation();
  const options = tvOptions(search, storedInterval());
  const chooseInterval = (seconds: number) => {
    localStorage.setItem(TV_INTERVAL_STORAGE_KEY, String(seconds));
    navigate(`/tv?${withInterval(search, seconds)}`, { replace: true });
  };
  const [index, setIndex] = useState(0);
  const views = options.views;
  const view = views[index % views.length];
  const live = useLiveOverview(props.agency, {
    onFigures: (overview, before) => {
      if (!before || !figuresMoved(before, overview)) return;
      void client.invalidateQueries({ queryKey: leaderboardKey(props.agency) });
      void client.invalidateQueries({ queryKey: dossiersKey(props.agency) });
    },
  });
  useEffect(() => {
    const timer = setInterval(
      () => setIndex((current) => nextView(current % views.length, views)),
      options.intervalSeconds * 1000,
    );
    return () => clearInterval(timer);
  }, [options.intervalSeconds, views]);
  const [fullScreen, setFullScreen] = useState(false);
  useEffect(() => {
    const changed = () => setFullScreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, []);
  const following = views[nextView(index % views.length, views)];
  return (
    <div className="tv" data-testid="tv" data-view={view}>
      <header className="tv-bar">
        <span className="brand">{t('app.title')}</span>
        <ol className="tv-steps">
          {views.map((name) => (
            <li
              key={name}
              className={name === view ? 'tv-step tv-step-on' : 'tv-step'}
              data-testid={`tv-step-${name}`}
              aria-current={name === view ? 'step' : undefined}
            >
              {t(`nav.${name}`)}
            </li>
          ))}
        </ol>
        <span className="spacer" />
        {views.length > 1 ? (
          <span className="tv-next">
            {t('tv.next', { view: t(`nav.${following}`) })} ·{' '}
            {fullScreen ? (
              t('tv.every', { seconds: options.intervalSeconds })
            ) : (
              <label className="tv-interval">
                {t('tv.interval')}{' '}
                <select
                  data-testid="tv-interval"
                  value={options.intervalSeconds}
                  onChange={(event) => chooseInterval(Number(event.target.value))}
                >
                  {intervalChoices(options.intervalSeconds).map((seconds) => (
                    <option key={seconds} value={seconds}>
                      {t('tv.seconds', { seconds })}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </span>
        ) : null}
        <LiveIndicator state={live} />
        {fullScreen ? null : (
          <button
            type="button"
            data-testid="tv-fullscreen"
            onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}
          >
            {t('tv.fullscreen')}
          </button>
        )}
        {fullScreen ? null : (
          <Link href="/" className="tv-exit">
            {t('tv.exit')}
          </Link>
        )}
      </header>
      <div className="tv-view" key={view}>
        {view === 'overview' ? <OverviewPage agency={props.agency} tv live={live} /> : null}
        {view === 'leaderboard' ? <LeaderboardPage agency={props.agency} tv /> : null}
        {view === 'dossiers' ? (
          <DossiersPage agency={props.agency} tv status="overdue" pageSize={12} />
        ) : null}
      </div>
    </div>
  );
}
