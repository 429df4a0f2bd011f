/**
 * Route schemas compiled when a route is first used, not when the server starts
 * (docs/decisions/0014-start-and-memory.md). Fastify compiles every route's validators (Ajv) and
 * response serializers (fast-json-stringify) before it listens: ~250 routes took about a third of
 * a start's CPU time and ~25 MiB of heap, most of it for routes a given process never serves (a CLI
 * export serves one). The compilers are Fastify's own defaults, resolved from Fastify itself, with
 * the same options and shared schemas; only *when* they run changes, so every answer is the same.
 * `compileAll` compiles everything now (tests use it to find a broken schema without a request).
 */
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

type AnyFunction = ((...args: unknown[]) => unknown) & Record<string, unknown>;
interface RouteSchemaDefinition { schema: unknown; method?: string; url?: string; httpPart?: string; httpStatus?: string; contentType?: string }
type Factory = (externalSchemas: unknown, options: unknown) => (route: RouteSchemaDefinition) => AnyFunction;

// The very compilers Fastify would use by default (its dependencies, at the versions it pins).
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const ajvCompiler = fromFastify('@fastify/ajv-compiler') as () => Factory;
const serializerCompiler = fromFastify('@fastify/fast-json-stringify-compiler') as () => Factory;

/**
 * Header names are case-insensitive and Node gives them in lower case. Fastify lower-cases the
 * property names of a headers schema itself, but only for its default compiler; ours counts as a
 * custom one, so it is done here.
 */
function lowerCaseHeaders(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const s = { ...(schema as Record<string, unknown>) };
  if (s.properties && typeof s.properties === 'object') s.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k.toLowerCase(), v]));
  if (Array.isArray(s.required)) s.required = s.required.map((k) => (typeof k === 'string' ? k.toLowerCase() : k));
  return s;
}

export interface LazySchemas {
  /** Fastify's `schemaController` option. */
  schemaController: NonNullable<FastifyServerOptions['schemaController']>;
  /** Compiles every schema not compiled yet; returns how many there were in all. */
  compileAll(): number;
}

export function lazySchemas(): LazySchemas {
  const pending = new Set<() => void>();
  let count = 0;

  /** A function that compiles `build()` on its first call and then behaves exactly like it. */
  const lazy = (build: () => AnyFunction, validator: boolean): AnyFunction => {
    let real: AnyFunction | undefined;
    const compile = () => {
      if (!real) {
        real = build();
        pending.delete(compile);
      }
      return real;
    };
    pending.add(compile);
    count++;
    // Fastify passes Ajv validators (they have `schemaEnv`) the request as the parent of the
    // validated part, so that coercion can replace it; it reads `errors` after a failed call.
    const wrapper = function (this: unknown, ...args: unknown[]) {
      const fn = compile();
      const result = fn.apply(this, args);
      if (validator) wrapper.errors = fn.errors;
      return result;
    } as AnyFunction;
    if (validator) wrapper.schemaEnv = {};
    return wrapper;
  };

  const validators = ajvCompiler();
  const serializers = serializerCompiler();
  return {
    schemaController: {
      compilersFactory: {
        buildValidator: (externalSchemas: unknown, options: unknown) => {
          let compiler: ReturnType<Factory> | undefined;
          return (route: RouteSchemaDefinition) => {
            const definition = route.httpPart === 'headers' ? { ...route, schema: lowerCaseHeaders(route.schema) } : route;
            return lazy(() => (compiler ??= validators(externalSchemas, options))(definition), true);
          };
        },
        buildSerializer: (externalSchemas: unknown, options: unknown) => {
          let compiler: ReturnType<Factory> | undefined;
          return (route: RouteSchemaDefinition) => lazy(() => (compiler ??= serializers(externalSchemas, options))(route), false);
        },
      },
    } as unknown as LazySchemas['schemaController'],
    compileAll: () => {
      for (const compile of [...pending]) compile();
      return count;
    },
  };
}

const ofApp = new WeakMap<FastifyInstance, LazySchemas>();

/** Remembers which lazy compilers an app was built with (see `compileAllSchemas`). */
export function rememberSchemas(app: FastifyInstance, schemas: LazySchemas): void {
  ofApp.set(app, schemas);
}

/** Compiles every route schema of an app built by buildApp; returns how many there are. */
export function compileAllSchemas(app: FastifyInstance): number {
  const schemas = ofApp.get(app);
  if (!schemas) throw new Error('this app was not built with lazy schemas');
  return schemas.compileAll();
}
