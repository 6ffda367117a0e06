import {
  figuresMoved,
  intervalChoices,
  nextView,
  TV_DEFAULT_SECONDS,
  TV_VIEWS,
  tvOptions,
  withInterval,
} from './tv-model';

describe('TV mode', () => {
  it('cycles every 20 s through overview, leaderboard and dossiers by default', () => {
    expect(tvOptions('')).toEqual({ intervalSeconds: TV_DEFAULT_SECONDS, views: TV_VIEWS });
    expect(TV_VIEWS).toEqual(['overview', 'leaderboard', 'dossiers']);
  });

  it('takes the interval from the address, kept between 5 s and 10 min', () => {
    expect(tvOptions('?interval=45').intervalSeconds).toBe(45);
    expect(tvOptions('interval=2').intervalSeconds).toBe(5);
    expect(tvOptions('interval=100000').intervalSeconds).toBe(600);
    expect(tvOptions('interval=abc').intervalSeconds).toBe(TV_DEFAULT_SECONDS);
    expect(tvOptions('interval=').intervalSeconds).toBe(TV_DEFAULT_SECONDS);
  });

  it('without an interval in the address, takes the one this browser remembers, kept within bounds', () => {
    expect(tvOptions('', '30').intervalSeconds).toBe(30);
    expect(tvOptions('views=overview', '60')).toEqual({ intervalSeconds: 60, views: ['overview'] });
    expect(tvOptions('', '1').intervalSeconds).toBe(5);
    expect(tvOptions('', 'nonsense').intervalSeconds).toBe(TV_DEFAULT_SECONDS);
    expect(tvOptions('', null).intervalSeconds).toBe(TV_DEFAULT_SECONDS);
    // The address wins over the browser's memory (a shared link shows what it says).
    expect(tvOptions('interval=10', '60').intervalSeconds).toBe(10);
    expect(tvOptions('interval=abc', '60').intervalSeconds).toBe(60);
  });

  it('offers 10, 20, 30 and 60 s, and the interval the address asked in its place', () => {
    expect(intervalChoices(20)).toEqual([10, 20, 30, 60]);
    expect(intervalChoices(45)).toEqual([10, 20, 30, 45, 60]);
    expect(intervalChoices(600)).toEqual([10, 20, 30, 60, 600]);
  });

  it('writes the chosen interval into the address, keeping the views and the unit', () => {
    const search = withInterval('views=overview,dossiers&agency=000.01.H12', 30);
    expect(new URLSearchParams(search).get('interval')).toBe('30');
    expect(tvOptions(search)).toEqual({ intervalSeconds: 30, views: ['overview', 'dossiers'] });
    expect(new URLSearchParams(search).get('agency')).toBe('000.01.H12');
    expect(tvOptions(withInterval('?interval=10', 60)).intervalSeconds).toBe(60);
  });

  it('takes the views from the address, in its order, ignoring unknown and repeated ones', () => {
    expect(tvOptions('views=dossiers,overview').views).toEqual(['dossiers', 'overview']);
    expect(tvOptions('views=dossiers,nonsense,dossiers').views).toEqual(['dossiers']);
    expect(tvOptions('views=nonsense').views).toEqual(TV_VIEWS);
  });

  it('goes back to the first view after the last', () => {
    expect([0, 1, 2].map((index) => nextView(index, TV_VIEWS))).toEqual([1, 2, 0]);
    expect(nextView(0, ['overview'])).toBe(0);
  });

  it('tells a new overview that moved a figure from one that only moved its moment', () => {
    const tiles = { receivedToday: { numerator: 1, denominator: 2 } };
    expect(figuresMoved(undefined, { tiles })).toBe(true);
    expect(figuresMoved({ tiles }, { tiles: JSON.parse(JSON.stringify(tiles)) })).toBe(false);
    expect(figuresMoved({ tiles }, { tiles: { receivedToday: { numerator: 2, denominator: 3 } } })).toBe(
      true,
    );
  });
});
