import { INestApplication } from '@nestjs/common';

export { declaredRoutes, type DeclaredRoute } from '../http/declared-routes';

/** What Express actually serves (method and path of every route layer), to check nothing escapes the list. */
export function servedRoutes(app: INestApplication): { method: string; path: string }[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map((method) => ({
          method: method.toUpperCase(),
          path: layer.route!.path,
        }))
      : [],
  );
}
