import type { Core, UID } from '@strapi/strapi';

/**
 * Types of the Strapi surfaces the plugin uses that @strapi/types leaves untyped: raw rows of
 * the query engine (`strapi.db.query(uid)` returns `any`), the admin's permission service and
 * a CASL ability, a schema's attributes read generically.
 */

// why: rows of strapi.db.query / queryBuilder are untyped in Strapi (any); one alias names them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DbRow = Record<string, any>;

/** A relation populated with `select: ['documentId']` (or more). */
export interface DocRef {
  documentId: string;
  id?: number;
  code?: string;
  name?: string;
}

/** The CASL ability Strapi builds for an admin user (`ctx.state.userAbility`). */
export interface Ability {
  can(action: string, subject?: unknown, field?: string): boolean;
}

/** An admin permission as `admin::permission` stores it. */
export interface AdminPermission {
  id?: number;
  action: string;
  subject?: string | null;
  properties?: { fields?: string[]; [key: string]: unknown };
  conditions?: string[];
  actionParameters?: Record<string, unknown>;
  role?: { id: number; code?: string; name?: string };
}

/** An admin user as the admin's authentication puts it in `ctx.state.user`. */
export interface AdminUser {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  email?: string;
  roles?: { id: number; code: string; name: string }[];
}

/** The parts of the `admin::permission` service the plugin calls. */
export interface AdminPermissionService {
  createPermissionsManager(options: { ability: Ability; model: string }): { toSubject(entry: object, uid: string): unknown };
  findUserPermissions(user: { id: number | string; roles?: unknown[] }): Promise<AdminPermission[]>;
  actionProvider: { registerMany(actions: unknown[]): Promise<void>; values(): { actionId: string; section: string; subjects?: string[] }[] };
  conditionProvider: { registerMany(conditions: unknown[]): Promise<void> };
  engine: { generateUserAbility(user: object): Promise<Ability> };
}

export const adminPermissionService = (strapi: Core.Strapi) => strapi.service('admin::permission') as AdminPermissionService;

/** What the plugin reads of a schema attribute (a relation's target, a component's uid). */
export interface AttributeInfo {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
  enum?: string[];
  [key: string]: unknown;
}

/** The attributes of a content type or component, by field name. */
export const attributesOf = (strapi: Core.Strapi, uid: string): Record<string, AttributeInfo> => strapi.getModel(uid as UID.Schema).attributes as unknown as Record<string, AttributeInfo>;
