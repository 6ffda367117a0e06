import { DynamicModule, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { AccessRule } from './access-rule';
import { ACCESS_RULE } from './access.decorator';

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

/** A controller's HTTP routes with their declarations, read from the metadata Nest builds its router from. */
export function controllerRoutes(type: Type): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
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
  return routes;
}

type ModuleRef = Type | DynamicModule;

/**
 * Every controller the modules and their imports declare, without starting anything (for docs made from the
 * declarations; the matrix test checks the list against the running router).
 */
export function moduleControllers(modules: readonly ModuleRef[]): Type[] {
  const seen = new Set<unknown>();
  const controllers = new Set<Type>();
  const visit = (ref: ModuleRef | undefined) => {
    if (!ref || seen.has(ref)) return;
    seen.add(ref);
    const type = 'module' in ref ? ref.module : ref;
    const dynamic = 'module' in ref ? ref : undefined;
    const read = (key: string) => (Reflect.getMetadata(key, type) as unknown[] | undefined) ?? [];
    for (const controller of [...read(MODULE_METADATA.CONTROLLERS), ...(dynamic?.controllers ?? [])])
      controllers.add(controller as Type);
    for (const imported of [...read(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])])
      visit(imported as ModuleRef);
  };
  modules.forEach(visit);
  return [...controllers];
}
