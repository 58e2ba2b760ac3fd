import type { Context } from 'koa';
import { errors } from '@strapi/utils';

/**
 * Anonymous visitors of the website routes, authenticated once instead of at every request.
 *
 * Users & Permissions authenticates an anonymous request by reading the Public role's
 * permissions from the database and building a CASL ability from them, at every request: on the
 * website API that was most of the per-request cost left once answers come from the snapshot.
 * This strategy gives the same answer (the Public role's permissions, as U&P reads and
 * converts them) from memory. The held ability is dropped at bootstrap and whenever a Users &
 * Permissions permission or role changes in this process (bootstrap.ts subscribes
 * `invalidate`), and is at most `TTL_MS` old otherwise, so a change made by another process on
 * the same database applies within that time.
 *
 * Requests with an Authorization header (a U&P JWT or an API token) are not this strategy's:
 * it answers "not authenticated" and the route's next strategies (API tokens, Users &
 * Permissions) take them exactly as on any other route.
 */
const TTL_MS = 1000;

interface AuthResult {
  authenticated: boolean;
  credentials?: null;
  ability?: { can(action: string, subject?: unknown): boolean };
}

export const createPublicAuthStrategy = () => {
  let held: { at: number; result: Promise<AuthResult> } | null = null;

  const load = async (): Promise<AuthResult> => {
    const permissionService = strapi.plugin('users-permissions')?.service('permission');
    if (!permissionService) return { authenticated: false };
    const permissions = (await permissionService.findPublicPermissions()).map(permissionService.toContentAPIPermission);
    if (permissions.length === 0) return { authenticated: false };
    const ability = await strapi.contentAPI.permissions.engine.generateAbility(permissions);
    return { authenticated: true, credentials: null, ability };
  };

  function invalidate() {
    held = null;
  }

  return {
    name: 'ticketing-website-public',

    authenticate(ctx: Context): AuthResult | Promise<AuthResult> {
      if (ctx.request?.header?.authorization) return { authenticated: false };
      const now = Date.now();
      if (!held || now - held.at > TTL_MS) {
        const result = load();
        held = { at: now, result };
        result.catch(() => {
          if (held?.result === result) held = null;
        });
      }
      return held.result.catch(() => ({ authenticated: false }));
    },

    /** As Users & Permissions verifies an anonymous request: every scope of the route must be granted. */
    verify(auth: { credentials: unknown; ability?: AuthResult['ability'] }, config: { scope?: string[] }) {
      if (!config?.scope || !auth.ability) throw new errors.UnauthorizedError();
      if (!config.scope.every((scope) => auth.ability!.can(scope))) throw new errors.ForbiddenError();
    },

    invalidate,
  };
};

/** One per process: the website routes share it. */
export const publicAuthStrategy = createPublicAuthStrategy();
