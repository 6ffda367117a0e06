/** Excel's limits on a sheet's name (the file opens with a repair prompt, or not at all, otherwise). */
export const WORKSHEET_NAME_MAX = 31;
const FORBIDDEN = /[:\\/?*[\]]/g;
/** Excel keeps this name for its change history. */
const RESERVED = 'history';

/**
 * One valid name for a sheet: NFC (so a Vietnamese letter is one character, not a letter and its marks), the
 * characters Excel forbids (`: \ / ? * [ ]`) as "-", control characters and runs of spaces as one space, no
 * apostrophe at either end, and at most `max` characters, cut between characters (never inside a surrogate
 * pair).
 */
export function worksheetName(wanted: string, max = WORKSHEET_NAME_MAX): string {
  const cleaned = wanted
    .normalize('NFC')
    .replace(FORBIDDEN, '-')
    .replace(/\p{Cc}|\s/gu, ' ')
    .replace(/ +/g, ' ')
    .trim();
  const cut = (text: string) => {
    const characters = [...text];
    let name = '';
    for (const character of characters) {
      if (name.length + character.length > max) break;
      name += character;
    }
    return name.replace(/^['\s]+|['\s]+$/g, '');
  };
  const name = cut(cleaned);
  return name === '' || name.toLocaleLowerCase('vi') === RESERVED
    ? cut(`Sheet ${name}`.trim()) || 'Sheet'
    : name;
}

/**
 * Valid names for a workbook's sheets, one per wanted name in order, unique as Excel compares them (without
 * regard to case): a name that is taken once cut to 31 characters (two units whose long names begin alike) gets
 * " (2)", " (3)", … with its stem cut shorter to make room.
 */
export function worksheetNames(wanted: readonly string[]): string[] {
  const taken = new Set<string>();
  const key = (name: string) => name.toLocaleLowerCase('vi');
  return wanted.map((name) => {
    let candidate = worksheetName(name);
    for (let copy = 2; taken.has(key(candidate)); copy++) {
      const suffix = ` (${copy})`;
      candidate = `${worksheetName(name, WORKSHEET_NAME_MAX - suffix.length)}${suffix}`;
    }
    taken.add(key(candidate));
    return candidate;
  });
}
