import { ROLES } from '../principal';
import type { DeclaredRoute } from './declared-routes';

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function cell(route: DeclaredRoute, role: (typeof ROLES)[number]): string {
  const rule = route.rule;
  if (!rule) return 'refused';
  if ('public' in rule) return '✓';
  if (!rule.roles.includes(role)) return '—';
  return role === 'department' && rule.agency ? 'own units' : '✓';
}

/**
 * Who may call what, as a Markdown table made from the routes' declarations (docs/security.md): a row a route,
 * a column per role and one for callers without credentials; "own units" where the guard keeps a department
 * inside its agency's subtree.
 */
export function renderAccessTable(routes: readonly DeclaredRoute[]): string {
  const rows = new Map<string, DeclaredRoute>();
  for (const route of routes) rows.set(`${route.method} ${route.path}`, route);
  const sorted = [...rows.values()].sort(
    (a, b) => a.path.localeCompare(b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
  );
  const header = ['route', 'no credentials', ...ROLES.map((role) => `\`${role}\``)];
  const lines = sorted.map((route) => [
    `\`${route.method} ${route.path}\``,
    route.rule && 'public' in route.rule ? '✓' : '401',
    ...ROLES.map((role) => cell(route, role)),
  ]);
  const widths = header.map((title, index) =>
    Math.max([...title].length, ...lines.map((line) => [...line[index]].length)),
  );
  const format = (cells: string[]) =>
    `| ${cells.map((text, index) => text + ' '.repeat(widths[index] - [...text].length)).join(' | ')} |`;
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)].join('\n');
}
