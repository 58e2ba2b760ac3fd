import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { publicAuthStrategy } from './public-auth';

/**
 * The website's read routes (every `GET /api/ticketing/…` of routes/content-api.ts: listings,
 * statuses, catalogue, seating plans, prices, availability, the OpenAPI description) for anonymous
 * visitors, answered before Strapi's router (issue #20).
 *
 * Measured with `npm run bench:http` at 10,000 performances, an anonymous on-sale request cost the
 * Strapi process ~0.12 ms of CPU more than `/_health`, and the answer (already computed, bytes kept
 * by configuration version) was the smaller part: Strapi's router tries its several hundred routes
 * in turn, then the route's composed chain copies the whole koa context into a policy context
 * (even with no policy) and goes through authenticate / authorize.
 *
 * This middleware takes only what it can answer exactly as that chain would: a GET, on one of those
 * paths (as routed: the REST prefix, the plugin's prefix, the route's path; a path parameter is one
 * whole segment, decoded as the router decodes it), with no `Authorization` header, when the Public
 * role is granted the route's scope. It then sets the same `ctx.params`, `ctx.state.auth` and
 * `ctx.state.route` and calls the same controller action. Everything else — a header, a refused
 * permission (401/403 stay Strapi's), another method, a path spelled otherwise or not decodable, a
 * route that has gained a policy or route middleware — goes on to the router as before. The global
 * middlewares (logger, errors, security headers, CORS, compression…) ran before this one, and the
 * plugin's error codes wrap it: an error of the action is answered as on the routed path.
 */

interface Route {
  method: string;
  path: string;
  handler: string;
  info?: { pluginName?: string; type?: string };
  config?: { prefix?: string; policies?: unknown[]; middlewares?: unknown[]; auth?: false | { scope?: string[] } };
}

interface Door {
  route: Route;
  /** The path's segments after the base: a literal, or the name of a parameter (`:name`). */
  segments: string[];
  scope: string[];
  controller: string;
  action: string;
}

/** The doors: the plugin's content-API GET routes that have no policy, no route middleware and no prefix of their own. */
export function websiteDoors(strapi: Core.Strapi): { base: string; exact: Map<string, Door>; withParams: Door[] } {
  const router = (strapi.plugin(PLUGIN_ID).routes as unknown as Record<string, { prefix?: string; routes: Route[] }>)['content-api'];
  const base = `${strapi.config.get('api.rest.prefix', '/api')}${router?.prefix ?? `/${PLUGIN_ID}`}`;
  const doors = { base, exact: new Map<string, Door>(), withParams: [] as Door[] };
  for (const route of router?.routes ?? []) {
    const config = route.config ?? {};
    const scope = config.auth === false ? undefined : config.auth?.scope;
    if (route.method !== 'GET' || config.prefix !== undefined || config.policies?.length || config.middlewares?.length || !scope?.length) continue;
    const segments = route.path.split('/').slice(1);
    // Only parameters that are a whole segment (`:name`), as every website route has them.
    if (segments.some((segment) => segment.includes(':') && !/^:\w+$/.test(segment))) continue;
    const dot = route.handler.lastIndexOf('.');
    const door = { route, segments, scope, controller: route.handler.slice(0, dot), action: route.handler.slice(dot + 1) };
    if (route.path.includes(':')) doors.withParams.push(door);
    else doors.exact.set(`${base}${route.path}`, door);
  }
  return doors;
}

/** The door of `path` and its decoded parameters, or null (the router's business). */
function find(doors: ReturnType<typeof websiteDoors>, path: string): { door: Door; params: Record<string, string> } | null {
  const exact = doors.exact.get(path);
  if (exact) return { door: exact, params: {} };
  if (!path.startsWith(`${doors.base}/`)) return null;
  const parts = path.slice(doors.base.length + 1).split('/');
  for (const door of doors.withParams) {
    if (door.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; ok && i < parts.length; i++) {
      const segment = door.segments[i];
      if (segment[0] !== ':') ok = segment === parts[i];
      else if (parts[i] === '') ok = false;
      else {
        try {
          params[segment.slice(1)] = decodeURIComponent(parts[i]);
        } catch {
          return null; // not decodable: the router decides
        }
      }
    }
    if (ok) return { door, params };
  }
  return null;
}

export function websiteFrontDoor(strapi: Core.Strapi) {
  let doors: ReturnType<typeof websiteDoors> | null = null;
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' || ctx.request.header.authorization) return next();
    doors ??= websiteDoors(strapi);
    const found = find(doors, ctx.path);
    if (!found) return next();
    const { door, params } = found;
    const auth = await publicAuthStrategy.authenticate(ctx);
    if (!auth.authenticated) return next();
    try {
      publicAuthStrategy.verify({ credentials: null, ability: auth.ability }, { scope: door.scope });
    } catch {
      return next();
    }
    ctx.params = params;
    ctx.state.isAuthenticated = true;
    ctx.state.auth = { strategy: publicAuthStrategy, credentials: auth.credentials ?? null, ability: auth.ability };
    ctx.state.route = door.route;
    const controller = strapi.plugin(PLUGIN_ID).controller(door.controller) as Record<string, (ctx: Context) => unknown>;
    const value = await controller[door.action](ctx);
    if (ctx.body == null && value != null) ctx.body = value;
  };
}
