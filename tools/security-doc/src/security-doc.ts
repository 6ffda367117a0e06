import { controllerRoutes, DeclaredRoute, moduleControllers, renderAccessTable } from '@dvc/access';
import { parseAppConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/platform';
import { ApiModule } from '../../../apps/api/src/api.module';

export const SECURITY_DOC = 'docs/security.md';
const START = '<!-- access-table:start (npm run docs:security writes this table from the routes) -->';
const END = '<!-- access-table:end -->';

/** Every route the API serves on its public port with the default settings, with its declaration. */
export function apiRoutes(): DeclaredRoute[] {
  return moduleControllers([PlatformModule.forRoot(parseAppConfig({})), ApiModule]).flatMap(controllerRoutes);
}

/** The document with its access table made anew from the declarations (the markers must be there). */
export function withAccessTable(document: string, routes: readonly DeclaredRoute[] = apiRoutes()): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${SECURITY_DOC} lacks the access table markers`);
  return `${document.slice(0, start + START.length)}\n\n${renderAccessTable(routes)}\n\n${document.slice(end)}`;
}
