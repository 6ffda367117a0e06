import { matchesAll } from './silence-matchers';

describe('matchesAll', () => {
  const labels = { alertname: 'online-share', agency: '000.00.31.H12', severity: 'warning' };

  it('needs every matcher to hold', () => {
    expect(matchesAll([{ name: 'agency', value: '000.00.31.H12', isEqual: true }], labels)).toBe(true);
    expect(
      matchesAll(
        [
          { name: 'agency', value: '000.00.31.H12', isEqual: true },
          { name: 'severity', value: 'critical', isEqual: true },
        ],
        labels,
      ),
    ).toBe(false);
  });

  it('reads isEqual false as "not this value", and a missing label as empty', () => {
    expect(matchesAll([{ name: 'severity', value: 'info', isEqual: false }], labels)).toBe(true);
    expect(matchesAll([{ name: 'team', value: '', isEqual: true }], labels)).toBe(true);
    expect(matchesAll([{ name: 'team', value: 'x', isEqual: true }], labels)).toBe(false);
  });
});
