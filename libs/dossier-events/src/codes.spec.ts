import { normaliseCode } from './codes';

describe('normaliseCode', () => {
  it('keeps a code already in the catalogue spelling as it is', () => {
    for (const code of ['000.00.12.H12', '1.004227', 'G01-A_2', '']) expect(normaliseCode(code)).toBe(code);
  });

  it('gives the same spelling to the variants vendors and spreadsheets send', () => {
    expect(normaliseCode(' 000.00.12.h12')).toBe('000.00.12.H12');
    expect(normaliseCode('１.００４２２７')).toBe('1.004227');
    expect(normaliseCode('000,00·12.H12')).toBe('000.00.12.H12');
    expect(normaliseCode('000.00.12.H12\t')).toBe('000.00.12.H12');
  });

  it('answers what the full normalisation answers, whichever path a code takes', () => {
    const full = (raw: string) =>
      raw.normalize('NFKC').replace(/\s+/g, '').replace(/[,·]/g, '.').toUpperCase();
    const alphabet = ['0', '9', 'A', 'Z', 'a', '.', '-', '_', ',', '·', ' ', '１', 'ǆ', 'ß', 'ﬁ'];
    let seed = 7;
    for (let run = 0; run < 2_000; run++) {
      let code = '';
      for (let length = run % 9; length > 0; length--) {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        code += alphabet[seed % alphabet.length];
      }
      expect(normaliseCode(code)).toBe(full(code));
    }
  });
});
