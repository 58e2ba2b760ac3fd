import { CONTENT_TYPES } from '../constants';

/**
 * REST content API (/api/ticketing/<plural>): the core CRUD routes of every configuration type,
 * closed to the public role by default and open to API tokens that hold the permission. Writes go
 * through the document service, hence through the write and state guards like the Content Manager.
 */
export const buildContentApiRoutes = (schemas: Record<string, { schema: { info: { pluralName: string } } }>) => {
  const routes = CONTENT_TYPES.flatMap((name) => {
    const plural = schemas[name].schema.info.pluralName;
    return [
      { method: 'GET', path: `/${plural}`, handler: `${name}.find`, config: { policies: [] } },
      { method: 'GET', path: `/${plural}/:id`, handler: `${name}.findOne`, config: { policies: [] } },
      { method: 'POST', path: `/${plural}`, handler: `${name}.create`, config: { policies: [] } },
      { method: 'PUT', path: `/${plural}/:id`, handler: `${name}.update`, config: { policies: [] } },
      { method: 'DELETE', path: `/${plural}/:id`, handler: `${name}.delete`, config: { policies: [] } },
    ];
  });
  return { type: 'content-api', routes };
};
