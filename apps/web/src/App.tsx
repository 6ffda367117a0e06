import { useQueryClient } from '@tanstack/react-query';
import { Link, Route, Switch, useLocation } from 'wouter';
import { postJson } from './api/client';
import { scopeAgency } from './api/scope';
import { useAskedAgency, useSession } from './api/session';
import type { Principal } from './api/types';
import { setLanguage, useLanguage } from './i18n/i18n';
import { Login } from './layout/Login';
import { DossiersPage } from './dossiers/DossiersPage';
import { DrillPage } from './drill/DrillPage';
import { LeaderboardPage } from './leaderboard/LeaderboardPage';
import { LeversPage } from './levers/LeversPage';
import { canSeeDataQuality } from './quality/quality-model';
import { QualityPage } from './quality/QualityPage';
import { ReportsPage } from './reports/ReportsPage';
import { OverviewPage } from './overview/OverviewPage';
import { TvPage } from './tv/TvPage';

export function App() {
  const { t } = useLanguage();
  const session = useSession();
  const [location] = useLocation();
  if (session.state === 'loading') return <p className="loading">{t('app.loading')}</p>;
  if (session.state === 'anonymous')
    return (
      <Shell principal={null}>
        <Login />
      </Shell>
    );
  const principal = session.state === 'signed_in' ? session.principal : null;
  if (principal && location === '/tv') return <TvScreen principal={principal} />;
  return (
    <Shell principal={principal} signedIn={session.state === 'signed_in'}>
      <Pages principal={principal} />
    </Shell>
  );
}

function Pages(props: { principal: Principal | null }) {
  const agency = scopeAgency(props.principal, useAskedAgency());
  return (
    <Switch>
      <Route path="/">
        <OverviewPage agency={agency} />
      </Route>
      <Route path="/leaderboard">
        <LeaderboardPage agency={agency} />
      </Route>
      <Route path="/drill">
        <DrillPage agency={agency} />
      </Route>
      <Route path="/dossiers">
        <DossiersPage agency={agency} />
      </Route>
      <Route path="/levers">
        <LeversPage agency={agency} />
      </Route>
      <Route path="/reports">
        <ReportsPage agency={agency} principal={props.principal} />
      </Route>
      {canSeeDataQuality(props.principal?.role) ? (
        <Route path="/quality">
          <QualityPage />
        </Route>
      ) : null}
      <Route>
        <OverviewPage agency={agency} />
      </Route>
    </Switch>
  );
}

/** TV mode fills the screen: no top bar of links, its own bar instead. */
function TvScreen(props: { principal: Principal }) {
  return <TvPage agency={scopeAgency(props.principal, useAskedAgency())} />;
}

function Shell(props: { principal: Principal | null; signedIn?: boolean; children: React.ReactNode }) {
  const { t, language } = useLanguage();
  const client = useQueryClient();
  const logout = async () => {
    await postJson('/v1/auth/logout', {});
    client.clear();
    await client.invalidateQueries();
  };
  return (
    <div className="app">
      <nav className="top">
        <span className="brand">{t('app.title')}</span>
        {props.principal || !props.signedIn ? (
          <span className="links">
            <Link href="/">{t('nav.overview')}</Link>
            <Link href="/leaderboard">{t('nav.leaderboard')}</Link>
            <Link href="/dossiers">{t('nav.dossiers')}</Link>
            <Link href="/levers">{t('nav.levers')}</Link>
            <Link href="/reports">{t('nav.reports')}</Link>
            <Link href="/tv" data-testid="nav-tv">
              {t('nav.tv')}
            </Link>
            {canSeeDataQuality(props.principal?.role) ? (
              <Link href="/quality">{t('nav.quality')}</Link>
            ) : null}
          </span>
        ) : null}
        <span className="spacer" />
        {props.principal ? <span className="who">{props.principal.name}</span> : null}
        <button
          type="button"
          className="language"
          data-testid="language-switch"
          onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
        >
          {t('app.language')}
        </button>
        {props.signedIn ? (
          <button type="button" onClick={() => void logout()}>
            {t('app.logout')}
          </button>
        ) : null}
      </nav>
      <main>{props.children}</main>
    </div>
  );
}
