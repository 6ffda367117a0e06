import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { controllerRoutes, DeclaredRoute } from '@dvc/access';

export type { DeclaredRoute };

/** Every HTTP route the app's controllers declare, read from the metadata Nest builds its router from. */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (type && wrapper.instance) routes.push(...controllerRoutes(type));
    }
  return routes;
}

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
