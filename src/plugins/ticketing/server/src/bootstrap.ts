import type { Core } from '@strapi/strapi';
import { STATEFUL_TYPES, type StatefulTypeName } from '../../shared/lifecycle';
import { websiteAction } from './config';
import { PLUGIN_ID, STATE_TRANSITION_UID, uidOf } from './constants';
import { errorCodes } from './errors';
import { createPresetRoles } from './permissions/roles';
import { applyContentManagerViews } from './services/content-manager-layouts';
import { onWritesOf } from './services/on-writes';
import { publicAuthStrategy } from './website/public-auth';
import { websiteFrontDoor } from './website/front-door';

/**
 * The Content Manager edit view shows `state` but does not let it be edited (it changes only
 * through the transition actions of the side panel), and shows the history read-only.
 * The server refuses such writes anyway (services/state-guard.ts): this only spares the editor
 * a refused save.
 */
async function lockContentManagerFields(strapi: Core.Strapi) {
  const contentTypes = strapi.plugin('content-manager')?.service('content-types');
  if (!contentTypes) return;
  const targets: [string, string[] | 'all'][] = [...Object.keys(STATEFUL_TYPES).map((name) => [uidOf(name as StatefulTypeName), ['state']] as [string, string[]]), [STATE_TRANSITION_UID, 'all']];
  for (const [uid, fields] of targets) {
    const contentType = contentTypes.findContentType(uid);
    if (!contentType) continue;
    const configuration = await contentTypes.findConfiguration(contentType);
    if (!configuration?.metadatas) continue;
    let changed = false;
    for (const [field, metadata] of Object.entries<{ edit?: { editable?: boolean } }>(configuration.metadatas)) {
      if (fields !== 'all' && !fields.includes(field)) continue;
      if (metadata?.edit && metadata.edit.editable !== false) {
        metadata.edit.editable = false;
        changed = true;
      }
    }
    if (changed) {
      const { uid: _uid, ...rest } = configuration;
      await contentTypes.updateConfiguration(contentType, rest);
    }
  }
}

/**
 * The Public role (anonymous visitors) and the Authenticated role (logged-in members) get exactly
 * the configured website routes of the plugin (`publicRoutes`, `authenticatedRoutes`) and nothing
 * else of it (a permission ticked by hand in the admin for a CRUD or unknown action is removed again).
 */
async function grantWebsiteRoutes(strapi: Core.Strapi) {
  if (!strapi.plugin('users-permissions')) return;
  const config = (strapi.config.get(`plugin::${PLUGIN_ID}`) ?? {}) as { publicRoutes?: string[]; authenticatedRoutes?: string[] };
  const grants = { public: config.publicRoutes ?? [], authenticated: config.authenticatedRoutes ?? [] };
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const [type, configured] of Object.entries(grants)) {
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } });
    if (!role) continue;
    const actions = [...new Set(configured.map(websiteAction))];
    const existing: { id: number; action: string }[] = await permissions.findMany({ where: { role: role.id, action: { $startsWith: `plugin::${PLUGIN_ID}.` } } });
    const stale = existing.filter((p) => !actions.includes(p.action));
    if (stale.length > 0) await permissions.deleteMany({ where: { id: { $in: stale.map((p) => p.id) } } });
    for (const action of actions) {
      if (!existing.some((p) => p.action === action)) await permissions.create({ data: { action, role: role.id } });
    }
  }
}

/** The sweep period: env TICKETING_HOLD_SWEEP_SECONDS (whole seconds, 1 to 3600), default 30. */
export function holdSweepSeconds(raw = process.env.TICKETING_HOLD_SWEEP_SECONDS): number {
  if (raw === undefined || raw.trim() === '') return 30;
  const n = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || n < 1 || n > 3600) throw new Error(`ticketing: environment variable TICKETING_HOLD_SWEEP_SECONDS: "${raw}" is not a whole number of seconds from 1 to 3600`);
  return n;
}

/** Every 30 s (TICKETING_HOLD_SWEEP_SECONDS) each process releases expired holds (a hold also releases those of its performances itself). */
const sweeps = new WeakMap<Core.Strapi, NodeJS.Timeout>();
function startHoldSweep(strapi: Core.Strapi) {
  const timer = setInterval(() => {
    strapi
      .plugin(PLUGIN_ID)
      .service('holds')
      .sweep()
      .catch((error: Error) => strapi.log.warn(`ticketing: hold sweep failed: ${error.message}`));
  }, holdSweepSeconds() * 1000);
  timer.unref();
  sweeps.set(strapi, timer);
}
export const stopHoldSweep = (strapi: Core.Strapi) => {
  const timer = sweeps.get(strapi);
  if (timer) clearInterval(timer);
  sweeps.delete(strapi);
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  // The perimeter service holds each operator's permissions for a second and the website routes
  // the Public role's ability: a write of either in this process drops them at once.
  // Every error the plugin raises gets a stable details.code (errors.ts); inside Strapi's error middleware.
  strapi.server.use(errorCodes());
  // Anonymous GETs of the website's listings, answered before the router when nothing else applies (website/front-door.ts).
  strapi.server.use(websiteFrontDoor(strapi));
  onWritesOf(strapi, ['admin::permission', 'admin::role', 'admin::user'], () => strapi.plugin(PLUGIN_ID).service('perimeter').forgetPermissions());
  publicAuthStrategy.invalidate();
  onWritesOf(strapi, ['plugin::users-permissions.permission', 'plugin::users-permissions.role'], publicAuthStrategy.invalidate);
  await strapi.plugin(PLUGIN_ID).service('config-version').ensure();
  // Capacity (issue #17): the counting tables, and the sweep that releases expired holds.
  await strapi.plugin(PLUGIN_ID).service('capacity').ensureTables();
  startHoldSweep(strapi);
  // Field order, widths, list columns, French labels and descriptions of the Content Manager's
  // views, unless an administrator changed them (then theirs are kept).
  await applyContentManagerViews(strapi);
  await lockContentManagerFields(strapi);
  await grantWebsiteRoutes(strapi);
  // The manual's operator profiles, created once (an administrator may then adapt them, and
  // restore them from the plugin's operators page: POST /ticketing/roles/presets/restore).
  await createPresetRoles(strapi).ensure();
  const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as { seedDemoData?: boolean };
  if (config?.seedDemoData && process.env.NODE_ENV !== 'production') {
    await strapi.plugin(PLUGIN_ID).service('demo-seed').seedIfEmpty();
  }
};

export default bootstrap;
