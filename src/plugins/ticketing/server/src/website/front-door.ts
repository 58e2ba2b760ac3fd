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
 * This middleware takes only what it can answer exactly as that chain would: a GET matched by one of
 * those routes' own router layers (the layers Strapi registered: same paths, same matching, same
 * parameter decoding), with no `Authorization` header, when the Public role is granted the route's
 * scope. It then sets the same `ctx.params`, `ctx.state.auth` and `ctx.state.route` and calls the
 * same controller action. Everything else — a header, a refused permission (401/403 stay Strapi's),
 * another method (HEAD included), a route that has gained a policy or route middleware — goes on to
 * the router as before. (One difference, by construction: a route another API registered under the
 * same paths before the plugin's would win in the router, not here; Strapi registers the host
 * application's APIs under their own names.) The global
 * middlewares (logger, errors, security headers, CORS, compression…) ran before this one, and the
 * plugin's error codes wrap it: an error of the action is answered as on the routed path.
 */

interface Route {
  method: string;
  path: string;
  handler: string;
  config?: { prefix?: string; policies?: unknown[]; middlewares?: unknown[]; auth?: false | { scope?: string[] } };
}

/** What the front door uses of a koa-router layer: the router's own matching and parameter decoding. */
interface Layer {
  path: string;
  methods: string[];
  match(path: string): boolean;
  captures(path: string): string[];
  params(path: string, captures: string[], params?: Record<string, string>): Record<string, string>;
}

interface Door {
  route: Route;
  layer: Layer;
  scope: string[];
  controller: string;
  action: string;
}

/**
 * The doors: the plugin's content-API GET routes that have no policy, no route middleware and no
 * prefix of their own, each with the layer Strapi registered for it in the content-API router (its
 * full path, REST and plugin prefixes included): matching and parameters are the router's.
 */
export function websiteDoors(strapi: Core.Strapi): Door[] {
  const router = (strapi.plugin(PLUGIN_ID).routes as unknown as Record<string, { prefix?: string; routes: Route[] }>)['content-api'];
  const base = `${strapi.config.get('api.rest.prefix', '/api')}${router?.prefix ?? `/${PLUGIN_ID}`}`;
  const layers = new Map<string, Layer>();
  for (const layer of strapi.server.api('content-api').listRoutes() as unknown as Layer[]) if (layer.methods.includes('GET') && !layers.has(layer.path)) layers.set(layer.path, layer);
  const doors: Door[] = [];
  for (const route of router?.routes ?? []) {
    const config = route.config ?? {};
    const scope = config.auth === false ? undefined : config.auth?.scope;
    const layer = layers.get(`${base}${route.path}`);
    if (route.method !== 'GET' || !layer || config.prefix !== undefined || config.policies?.length || config.middlewares?.length || !scope?.length) continue;
    const dot = route.handler.lastIndexOf('.');
    doors.push({ route, layer, scope, controller: route.handler.slice(0, dot), action: route.handler.slice(dot + 1) });
  }
  return doors;
}

export function websiteFrontDoor(strapi: Core.Strapi) {
  let doors: Door[] | null = null;
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' || ctx.request.header.authorization) return next();
    doors ??= websiteDoors(strapi);
    const path = ctx.path;
    const door = doors.find((d) => d.layer.match(path));
    if (!door) return next();
    const auth = await publicAuthStrategy.authenticate(ctx);
    if (!auth.authenticated) return next();
    try {
      publicAuthStrategy.verify({ credentials: null, ability: auth.ability }, { scope: door.scope });
    } catch {
      return next();
    }
    ctx.params = door.layer.params(path, door.layer.captures(path), {});
    ctx.state.isAuthenticated = true;
    ctx.state.auth = { strategy: publicAuthStrategy, credentials: auth.credentials ?? null, ability: auth.ability };
    ctx.state.route = door.route;
    const controller = strapi.plugin(PLUGIN_ID).controller(door.controller) as Record<string, (ctx: Context) => unknown>;
    const value = await controller[door.action](ctx);
    if (ctx.body == null && value != null) ctx.body = value;
  };
}
