import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { controllerRoutes, DeclaredRoute } from '@dvc/access';

export type { DeclaredRoute };

/** Every HTTP route the running app's controllers declare, read from the metadata Nest builds its router from. */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (type && wrapper.instance) routes.push(...controllerRoutes(type));
    }
  return routes;
}
