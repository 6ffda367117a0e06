import { en } from './en';
import { vi } from './vi';

const keys = (messages: object, prefix = ''): string[] =>
  Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );

describe('messages', () => {
  it('English has every Vietnamese label and no other', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });

  it('fills every Vietnamese label and translates the English one', () => {
    const viValues = keys(vi).map((key) => key.split('.').reduce<unknown>((m, k) => (m as never)[k], vi));
    expect(viValues.every((value) => typeof value === 'string' && value.length > 0)).toBe(true);
    expect(vi.overview.onlineShare).not.toBe(en.overview.onlineShare);
  });
});
