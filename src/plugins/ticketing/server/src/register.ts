import type { Core } from '@strapi/strapi';
import { pluginComponents } from './components';
import { ACTION_DEFINITIONS } from './permissions/actions';
import { createConditions } from './permissions/conditions';
import { createPerimeterGuard } from './services/perimeter-guard';
import { createStateGuard } from './services/state-guard';
import { createWriteGuard } from './services/write-guard';
import { adminPermissionService } from './strapi-types';

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.get('components').add(pluginComponents());
  // One guard for every door: Content Manager, REST and direct document-service calls.
  // The state guard comes first: it opens the write's transaction and locks the row, so the
  // write guard's reads and the write itself happen inside it.
  const stateGuard = createStateGuard({ strapi });
  strapi.documents.use((context, next) => stateGuard.middleware(context, next) as ReturnType<typeof next>);
  const guard = createWriteGuard({ strapi });
  strapi.documents.use((context, next) => guard.middleware(context, next) as ReturnType<typeof next>);
  // Last: Content Manager writes must land inside the operator's perimeter (rolled back if not).
  const perimeterGuard = createPerimeterGuard({ strapi });
  strapi.documents.use((context, next) => perimeterGuard.middleware(context, next) as ReturnType<typeof next>);

  await adminPermissionService(strapi).actionProvider.registerMany(ACTION_DEFINITIONS);
  // Registered before the admin's bootstrap cleans permissions whose condition is unknown.
  await adminPermissionService(strapi).conditionProvider.registerMany(createConditions(strapi));
};

export default register;
