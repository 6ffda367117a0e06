import { agencyCodeSchema, agencyCodeWarning, normaliseAgencyCode } from './agency-code';

describe('agency codes (QCVN 102:2016)', () => {
  it.each([
    [' 000.00.12.h12 ', '000.00.12.H12'],
    ['000 .00.12.H12', '000.00.12.H12'],
    ['０００.００.１２.Ｈ１２', '000.00.12.H12'],
    ['000,00,12,H12', '000.00.12.H12'],
  ])('normalises %j to %s', (raw, code) => {
    expect(normaliseAgencyCode(raw)).toBe(code);
    expect(agencyCodeSchema.parse(raw)).toBe(code);
  });

  it('accepts QCVN 102 codes without a warning', () => {
    expect(agencyCodeWarning('000.00.12.H12')).toBeNull();
    expect(agencyCodeWarning('000.00.00.G01')).toBeNull();
  });

  it('accepts local variants, with a warning', () => {
    expect(agencyCodeSchema.parse('UBND-XA-01')).toBe('UBND-XA-01');
    expect(agencyCodeWarning('UBND-XA-01')).toMatch(/not a QCVN 102:2016 identifier/);
    expect(agencyCodeWarning('00.00.12.H12')).toMatch(/local code/);
  });

  it.each(['abc def', '000.00.12.H 12', '000.0 0.12.H12'])(
    'refuses %j: a space inside would make another code',
    (raw) => {
      expect(agencyCodeSchema.safeParse(raw).error?.issues[0].message).toMatch(/no spaces inside/);
    },
  );

  it('gives a name in the code column the code format, not the space, as its reason', () => {
    expect(agencyCodeSchema.safeParse('SỞ TƯ PHÁP').error?.issues[0].message).toMatch(
      /^expected an agency code/,
    );
  });

  it.each(['', '   ', 'sở/tư pháp', '.000.00.12.H12', 'X'.repeat(65)])('refuses %j', (raw) => {
    expect(agencyCodeSchema.safeParse(raw).success).toBe(false);
  });
});
