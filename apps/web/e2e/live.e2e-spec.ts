import { Browser, Page } from 'playwright-core';
import type { IndicatorAnswer } from '../src/api/types';
import { formatCount } from '../src/format/format';
import {
  aDossier,
  aProvinceDay,
  api,
  createUser,
  importSampleCatalogue,
  launchChromium,
  logIn,
  postEvents,
  RunningApp,
  screenshot,
  startApp,
  startRelay,
} from './dashboard-app';

const COMMUNE = '000.41.00.H99';
const DAY = 86_400_000;

/** Dossiers received a minute ago by the sample commune, `online` of them online and `direct` in person. */
function justReceived(prefix: string, online: number, direct: number) {
  const now = Date.now();
  const channels = [...Array<'online'>(online).fill('online'), ...Array<'direct'>(direct).fill('direct')];
  return channels.flatMap((channel, index) =>
    aDossier({
      code: `${prefix}-${index + 1}`,
      agency: COMMUNE,
      procedure: '1.001193',
      channel,
      receivedAt: now - 60_000,
      dueAt: now + 5 * DAY,
    }),
  );
}

/** The live stream (GET /v1/dashboard/live) in a real browser: tiles move as events land; TV mode cycles. */
describe('the live dashboard in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    await importSampleCatalogue(app);
    await postEvents(app, aProvinceDay());
    await createUser(app, { username: 'pasc', role: 'operator' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const text = async (page: Page, selector: string) => (await page.locator(selector).innerText()).trim();
  const liveIndicator = (page: Page, state: string) =>
    page.locator(`[data-testid=live-state][data-state=${state}]`).first().waitFor({ timeout: 20_000 });

  it('moves the overview’s tiles through the live stream when events are posted, without a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const overviewCalls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/v1/dashboard/overview')) overviewCalls.push(request.url());
    });
    await logIn(page, app, 'pasc');
    await liveIndicator(page, 'live');
    expect(await text(page, '[data-testid=live-state]')).toBe('Trực tiếp');
    const total = await text(page, '[data-testid=received-total] .value');
    const online = await text(page, '[data-testid=received-online] b');
    const asOfBefore = await page.locator('[data-testid=as-of]').getAttribute('data-moment');
    // A mark on the window: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { stillThisPage: boolean }).stillThisPage = true));

    await postEvents(app, justReceived('LIVE', 2, 1));
    const expected = formatCount(Number(total) + 3, 'vi');
    await page.waitForFunction(
      (value) => document.querySelector('[data-testid=received-total] .value')?.textContent === value,
      expected,
      { timeout: 15_000 },
    );
    expect(await text(page, '[data-testid=received-online] b')).toBe(formatCount(Number(online) + 2, 'vi'));
    expect(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(
      true,
    );
    expect(overviewCalls).toHaveLength(1);
    // The moment shown moved on with the figures, and the figures are the API's.
    const asOfAfter = await page.locator('[data-testid=as-of]').getAttribute('data-moment');
    expect(Date.parse(asOfAfter!)).toBeGreaterThan(Date.parse(asOfBefore!));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const answer = await api<IndicatorAnswer>(`${app.url}/v1/indicators/dossiers.online?date=${today}`);
    expect(formatCount(answer.denominator!, 'vi')).toBe(expected);
    await screenshot(page, 'overview-live-vi-1920');

    await page.locator('[data-testid=language-switch]').click();
    await page.locator('text=Share of dossiers received online').waitFor();
    expect(await text(page, '[data-testid=live-state]')).toBe('Live');
    expect(await text(page, '[data-testid=as-of]')).toMatch(
      /^Figures as of \d\d:\d\d:\d\d \d\d\/\d\d\/\d{4}$/,
    );
    await page.locator('[data-testid=language-switch]').click();
    await page.close();
  });

  it('says it is reconnecting while the stream is lost, and live again once it is back', async () => {
    const relay = await startRelay(app);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await logIn(page, { ...app, url: relay.url }, 'pasc');
      await liveIndicator(page, 'live');
      // The network between screen and server goes: the open stream breaks, new connections fail.
      relay.cut();
      await liveIndicator(page, 'reconnecting');
      expect(await text(page, '[data-testid=live-state]')).toBe('Đang kết nối lại…');
      await screenshot(page, 'overview-reconnecting-vi');
      relay.mend();
      await liveIndicator(page, 'live');
      // ... and the figures flow again, on the same page.
      const total = await text(page, '[data-testid=received-total] .value');
      await postEvents(app, justReceived('BACK', 1, 0));
      await page.waitForFunction(
        (value) => document.querySelector('[data-testid=received-total] .value')?.textContent === value,
        formatCount(Number(total) + 1, 'vi'),
        { timeout: 15_000 },
      );
    } finally {
      await page.close();
      await relay.stop();
    }
  });

  it('TV mode fills a wall screen in large type, cycles overview → leaderboard → dossiers, and stays live', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await logIn(page, app, 'pasc');
    const streams: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/v1/dashboard/live')) streams.push(request.url());
    });
    await page.goto(`${app.url}/tv?interval=5`);
    const tv = page.locator('[data-testid=tv]');
    await page.locator('[data-testid=tv][data-view=overview] [data-testid=online-year]').waitFor();
    await liveIndicator(page, 'live');
    expect(await page.locator('nav.top').count()).toBe(0);
    expect(await page.locator('[data-testid=tv-step-overview]').getAttribute('aria-current')).toBe('step');
    const h1 = await page
      .locator('[data-testid=tv] h1')
      .evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
    expect(h1).toBeGreaterThanOrEqual(36);
    await screenshot(page, 'tv-overview-1920', { fullPage: false });

    // Live in TV mode too: the tile moves without a reload.
    const total = await text(page, '[data-testid=received-total] .value');
    await postEvents(app, justReceived('TV', 1, 1));
    await page.waitForFunction(
      (value) => document.querySelector('[data-testid=received-total] .value')?.textContent === value,
      formatCount(Number(total) + 2, 'vi'),
      { timeout: 15_000 },
    );

    await page.locator('[data-testid=tv][data-view=leaderboard] [data-testid=leaderboard-table]').waitFor({
      timeout: 15_000,
    });
    expect(await page.locator('[data-testid=tv-step-leaderboard]').getAttribute('aria-current')).toBe('step');
    await screenshot(page, 'tv-leaderboard-1920', { fullPage: false });
    await page.locator('[data-testid=tv][data-view=dossiers] [data-testid=dossiers-table]').waitFor({
      timeout: 15_000,
    });
    expect(await page.locator('[data-testid=tv] [data-testid=status-overdue]').isVisible()).toBe(false);
    await screenshot(page, 'tv-dossiers-1920', { fullPage: false });
    await page.locator('[data-testid=tv][data-view=overview]').waitFor({ timeout: 15_000 });
    expect(await tv.getAttribute('data-view')).toBe('overview');
    // One stream for the whole cycle.
    expect(streams).toHaveLength(1);

    // The viewer sets the interval: into the address and the browser's memory, which a later /tv starts with.
    const interval = page.locator('[data-testid=tv-interval]');
    expect(await interval.inputValue()).toBe('5');
    expect(await interval.locator('option').allTextContents()).toEqual(
      ['5', '10', '20', '30', '60'].map((seconds) => `${seconds} giây`),
    );
    await interval.selectOption('30');
    await page.waitForURL((url) => url.searchParams.get('interval') === '30');
    await page.goto(`${app.url}/tv`);
    await page.locator('[data-testid=tv][data-view=overview] [data-testid=online-year]').waitFor();
    expect(await page.locator('[data-testid=tv-interval]').inputValue()).toBe('30');
    await page.close();
  });
});
