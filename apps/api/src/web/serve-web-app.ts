import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NextFunction, Request, Response, static as serveStatic } from 'express';

/** Where `npm run build` puts the web app (apps/web, bundled by Vite): dist/web beside dist/apps. */
export const WEB_APP_DIR = join(__dirname, '..', '..', '..', '..', 'web');

/** Paths the API answers itself; every other page a browser asks for is the web app's (client-side routes). */
const API_PATHS = /^\/(v1|docs|health|metrics|ready)(\/|$|-)/;

/**
 * The dashboard at `/`, same origin as the API (so the session cookie goes with every call): hashed assets
 * cached for a year, index.html never, and the app's own routes (/leaderboard, /tv, …) answered with index.html.
 * Without a build (API-only deployments, tests of the API alone) nothing is mounted.
 */
export function serveWebApp(app: INestApplication, dir = WEB_APP_DIR): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  app.use(
    '/assets',
    serveStatic(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || API_PATHS.test(request.path))
      return next();
    if (request.path !== '/' && !request.accepts('html')) return next();
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  });
}
