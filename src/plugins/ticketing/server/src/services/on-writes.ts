import type { Core } from '@strapi/strapi';

/**
 * Calls `fn` after every create, update or delete (one or many) of the given models in this
 * process, whatever door it came through (db lifecycles): how the plugin's in-memory caches of
 * other plugins' data (admin roles and permissions, Users & Permissions' Public role) are dropped.
 */
export function onWritesOf(strapi: Core.Strapi, models: string[], fn: () => void) {
  strapi.db.lifecycles.subscribe({
    models,
    afterCreate: fn,
    afterCreateMany: fn,
    afterUpdate: fn,
    afterUpdateMany: fn,
    afterDelete: fn,
    afterDeleteMany: fn,
  });
}
