import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS_RULE, AccessRule } from '@dvc/access';

export interface DeclaredRoute {
  method: string;
  path: string;
  /** The route's `@Access` rule (method's, else its controller's); undefined: none declared. */
  rule: AccessRule | undefined;
}

const joinPath = (...parts: (string | undefined)[]) =>
  '/' +
  parts
    .map((part) => part ?? '')
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');

/** A controller or handler may name several paths (`@Get(['health', 'health/ready'])`): one route each. */
const pathsOf = (path: string | string[] | undefined): (string | undefined)[] =>
  Array.isArray(path) ? path : [path];

/** Every HTTP route the app's controllers declare, read from the metadata Nest builds its router from. */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type || !wrapper.instance) continue;
      const prefix = Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined;
      const classRule = Reflect.getMetadata(ACCESS_RULE, type) as AccessRule | undefined;
      const prototype = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const rule = (Reflect.getMetadata(ACCESS_RULE, handler) as AccessRule | undefined) ?? classRule;
        for (const controllerPath of pathsOf(prefix))
          for (const handlerPath of pathsOf(path))
            routes.push({ method: RequestMethod[method], path: joinPath(controllerPath, handlerPath), rule });
      }
    }
  }
  return routes;
}
