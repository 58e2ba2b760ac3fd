import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES, type ContentTypeName, uidOf } from '../constants';
import { ORGANIZATION_PATH } from '../services/perimeter';
import { ACTIONS } from './actions';
import { WITHIN_PERIMETER_ID } from './conditions';
import { adminPermissionService, type AdminPermission, type DbRow } from '../strapi-types';

export const CM = {
  read: 'plugin::content-manager.explorer.read',
  create: 'plugin::content-manager.explorer.create',
  update: 'plugin::content-manager.explorer.update',
  delete: 'plugin::content-manager.explorer.delete',
} as const;
export type CrudVerb = keyof typeof CM;
export const CRUD: CrudVerb[] = ['read', 'create', 'update', 'delete'];

const ORGANISATION_TYPES = CONTENT_TYPES.filter((t) => ORGANIZATION_PATH[t] !== null);
const INSTITUTION_TYPES = CONTENT_TYPES.filter((t) => ORGANIZATION_PATH[t] === null);

interface Grant {
  types: readonly ContentTypeName[];
  verbs: CrudVerb[];
  /** limited to the operator's perimeter */
  perimeter: boolean;
}

export interface PresetRole {
  code: string;
  name: string;
  description: string;
  content: Grant[];
  plugin: { action: string; perimeter: boolean }[];
}

/**
 * The manual's operator profiles (chapter 3, « Gérer les opérateurs et leurs droits d'accès »).
 * Names and descriptions are bilingual because Strapi stores one string per role.
 */
export const PRESET_ROLES: PresetRole[] = [
  {
    code: 'ticketing-administrator',
    name: 'Administrateur billetterie / Ticketing administrator',
    description:
      "Contexte institution : tout le paramétrage de tous les organismes, toutes les transitions, les périmètres des opérateurs. / Institution context: all the configuration of every organisation, every transition, operators' perimeters.",
    content: [{ types: CONTENT_TYPES, verbs: CRUD, perimeter: false }],
    plugin: Object.values(ACTIONS).map((action) => ({ action, perimeter: false })),
  },
  {
    code: 'ticketing-programmer',
    name: 'Programmateur / Programmer',
    description:
      'Saisons, activités, événements et séances de ses organismes ; mise en exploitation, suspension, reprise. / Seasons, activities, events and performances of their organisations; run, suspend, resume.',
    content: [
      { types: ['season', 'activity', 'event', 'performance'], verbs: CRUD, perimeter: true },
      { types: ORGANISATION_TYPES.filter((t) => !['season', 'activity', 'event', 'performance'].includes(t)), verbs: ['read'], perimeter: true },
      { types: INSTITUTION_TYPES, verbs: ['read'], perimeter: false },
    ],
    plugin: [
      { action: ACTIONS.operateCatalogue, perimeter: true },
      { action: ACTIONS.readHistory, perimeter: true },
      { action: ACTIONS.readTimeline, perimeter: true },
    ],
  },
  {
    code: 'ticketing-marketer',
    name: 'Chargé de marketing / Marketing officer',
    description: 'Calendriers de vente et profils de ses organismes, en création seulement (pas de validation). / Sales calendars and profiles of their organisations, drafts only (no validation).',
    content: [
      { types: ['sales-calendar', 'activity-profile', 'product-profile'], verbs: CRUD, perimeter: true },
      { types: ORGANISATION_TYPES.filter((t) => !['sales-calendar', 'activity-profile', 'product-profile'].includes(t)), verbs: ['read'], perimeter: true },
      { types: INSTITUTION_TYPES, verbs: ['read'], perimeter: false },
    ],
    plugin: [
      { action: ACTIONS.readHistory, perimeter: true },
      { action: ACTIONS.readTimeline, perimeter: true },
    ],
  },
  {
    code: 'ticketing-validator',
    name: 'Valideur / Validator',
    description:
      'Valide, rouvre et retire les calendriers et profils de ses organismes ; lecture seule du reste. / Validates, reopens and archives the calendars and profiles of their organisations; read-only otherwise.',
    content: [
      { types: ORGANISATION_TYPES, verbs: ['read'], perimeter: true },
      { types: INSTITUTION_TYPES, verbs: ['read'], perimeter: false },
    ],
    plugin: [
      { action: ACTIONS.transitionConfiguration, perimeter: true },
      { action: ACTIONS.readHistory, perimeter: true },
      { action: ACTIONS.readTimeline, perimeter: true },
    ],
  },
  {
    code: 'ticketing-consultation',
    name: 'Consultation / Read-only',
    description: 'Lecture seule du paramétrage de ses organismes. / Read-only access to the configuration of their organisations.',
    content: [
      { types: ORGANISATION_TYPES, verbs: ['read'], perimeter: true },
      { types: INSTITUTION_TYPES, verbs: ['read'], perimeter: false },
    ],
    plugin: [
      { action: ACTIONS.readHistory, perimeter: true },
      { action: ACTIONS.readTimeline, perimeter: true },
    ],
  },
];

/** The permissions of a preset role, in the shape `admin::role.assignPermissions` takes. */
export function permissionsOfPreset(strapi: Core.Strapi, preset: PresetRole) {
  const permissionService = adminPermissionService(strapi);
  const cmActions = permissionService.actionProvider.values().filter((a: DbRow) => a.section === 'contentTypes' && (Object.values(CM) as string[]).includes(a.actionId));
  // Strapi's own helper lists every field (nested ones included) as Editor's permissions do.
  const withFields: AdminPermission[] = strapi.service('admin::content-type').getPermissionsWithNestedFields(cmActions);
  const permissions: AdminPermission[] = [];
  for (const grant of preset.content) {
    for (const type of grant.types) {
      for (const verb of grant.verbs) {
        const found = withFields.find((p) => p.action === CM[verb] && p.subject === uidOf(type));
        permissions.push({
          action: CM[verb],
          subject: uidOf(type),
          properties: found?.properties ?? {},
          conditions: grant.perimeter ? [WITHIN_PERIMETER_ID] : [],
        });
      }
    }
  }
  for (const { action, perimeter } of preset.plugin) {
    permissions.push({ action, subject: null, properties: {}, conditions: perimeter ? [WITHIN_PERIMETER_ID] : [] });
  }
  return permissions;
}

/**
 * Creates the missing preset roles with their permissions (idempotent: an existing role is
 * left as the administrators shaped it). `restore` puts back the preset's permissions,
 * name and description of the given roles (all when none given).
 */
export function createPresetRoles(strapi: Core.Strapi) {
  const roles = () => strapi.service('admin::role');
  const findByCode = (code: string) => strapi.db.query('admin::role').findOne({ where: { code } });

  return {
    async ensure() {
      // If this runs before the admin's own bootstrap on an empty database, let the admin
      // create its default roles first (it skips them as soon as any role exists).
      await roles().createRolesIfNoneExist();
      const created: string[] = [];
      for (const preset of PRESET_ROLES) {
        if (await findByCode(preset.code)) continue;
        const role = await roles().create({ name: preset.name, code: preset.code, description: preset.description });
        await roles().assignPermissions(role.id, permissionsOfPreset(strapi, preset));
        created.push(preset.code);
      }
      return created;
    },

    async restore(codes?: string[]) {
      const restored: { code: string; id: number; created: boolean }[] = [];
      for (const preset of PRESET_ROLES) {
        if (codes && codes.length && !codes.includes(preset.code)) continue;
        let role = await findByCode(preset.code);
        const created = !role;
        if (!role) role = await roles().create({ name: preset.name, code: preset.code, description: preset.description });
        else await strapi.db.query('admin::role').update({ where: { id: role.id }, data: { name: preset.name, description: preset.description } });
        await roles().assignPermissions(role.id, permissionsOfPreset(strapi, preset));
        restored.push({ code: preset.code, id: role.id, created });
      }
      return restored;
    },

    async list() {
      const out = [];
      for (const preset of PRESET_ROLES) {
        const role = await findByCode(preset.code);
        out.push({ code: preset.code, name: preset.name, description: preset.description, id: role?.id ?? null });
      }
      return out;
    },
  };
}
