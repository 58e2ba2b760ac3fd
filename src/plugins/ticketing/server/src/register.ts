import type { Core } from '@strapi/strapi';
import { pluginComponents } from './components';
import { createWriteGuard } from './services/write-guard';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.get('components').add(pluginComponents());
  // One guard for every door: Content Manager, REST and direct document-service calls.
  const guard = createWriteGuard({ strapi });
  strapi.documents.use((context, next) => guard.middleware(context as any, next) as any);
};

export default register;
