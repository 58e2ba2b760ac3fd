import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { publicAuthStrategy } from './public-auth';

/**
 * The website's listing routes (`GET /api/ticketing/on-sale`, `/products/on-sale`, `/catalog`,
 * `/openapi.json`: the website routes without a path parameter) for anonymous visitors, answered
 * before Strapi's router (issue #20).
 *
 * Measured with `npm run bench:http` at 10,000 performances, an anonymous on-sale request cost the
 * Strapi process ~0.12 ms of CPU more than `/_health`, and the answer (already computed, bytes kept
 * by configuration version) was the smaller part: Strapi's router tries its several hundred routes
 * in turn, then the route's composed chain copies the whole koa context into a policy context
 * (even with no policy) and goes through authenticate / authorize.
 *
 * This middleware takes only what it can answer exactly as that chain would: a GET, on one of those
 * paths exactly (as routed: the REST prefix, the plugin's prefix, the route's path), with no
 * `Authorization` header, when the Public role is granted the route's scope. It then sets the same
 * `ctx.state.auth` and `ctx.state.route` and calls the same controller action. Everything else — a
 * header, a refused permission (401/403 stay Strapi's), another method, a path spelled otherwise,
 * a route that has gained a policy or route middleware — goes on to the router as before. The global
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
  scope: string[];
  controller: string;
  action: string;
}

/** The doors, by exact path: the plugin's content-API GET routes that have no path parameter, no policy and no route middleware. */
export function listingDoors(strapi: Core.Strapi): Map<string, Door> {
  const router = (strapi.plugin(PLUGIN_ID).routes as unknown as Record<string, { prefix?: string; routes: Route[] }>)['content-api'];
  const doors = new Map<string, Door>();
  if (!router) return doors;
  const base = `${strapi.config.get('api.rest.prefix', '/api')}${router.prefix ?? `/${PLUGIN_ID}`}`;
  for (const route of router.routes) {
    const config = route.config ?? {};
    const scope = config.auth === false ? undefined : config.auth?.scope;
    if (route.method !== 'GET' || route.path.includes(':') || config.prefix !== undefined) continue;
    if (config.policies?.length || config.middlewares?.length || !scope?.length) continue;
    const dot = route.handler.lastIndexOf('.');
    doors.set(`${base}${route.path}`, { route, scope, controller: route.handler.slice(0, dot), action: route.handler.slice(dot + 1) });
  }
  return doors;
}

export function websiteFrontDoor(strapi: Core.Strapi) {
  let doors: Map<string, Door> | null = null;
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' || ctx.request.header.authorization) return next();
    doors ??= listingDoors(strapi);
    const door = doors.get(ctx.path);
    if (!door) return next();
    const auth = await publicAuthStrategy.authenticate(ctx);
    if (!auth.authenticated) return next();
    try {
      publicAuthStrategy.verify({ credentials: null, ability: auth.ability }, { scope: door.scope });
    } catch {
      return next();
    }
    ctx.state.isAuthenticated = true;
    ctx.state.auth = { strategy: publicAuthStrategy, credentials: auth.credentials ?? null, ability: auth.ability };
    ctx.state.route = door.route;
    const controller = strapi.plugin(PLUGIN_ID).controller(door.controller) as Record<string, (ctx: Context) => unknown>;
    const value = await controller[door.action](ctx);
    if (ctx.body == null && value != null) ctx.body = value;
  };
}
