import { factories } from '@strapi/strapi';
import { CONTENT_TYPES, uidOf } from '../constants';
import { createTimelineController } from './timeline';
import { createTransitionsController } from './transitions';
import { websiteControllers } from './website';
import { createOperatorsController } from './operators';

/**
 * REST write controllers of the configuration types (see routes/content-api.ts). They answer
 * only what identifies the written document: echoing a draft calendar or profile would put
 * unvalidated configuration in a content-API response.
 */
const slim = (result: any) => {
  const data = result?.data;
  return { data: data ? { documentId: data.documentId, ...(data.state !== undefined ? { state: data.state } : {}) } : null };
};
const core: Record<string, unknown> = Object.fromEntries(
  CONTENT_TYPES.map((name) => [
    name,
    factories.createCoreController(uidOf(name) as any, () => ({
      async create(ctx: any) {
        return slim(await (super.create as any)(ctx));
      },
      async update(ctx: any) {
        return slim(await (super.update as any)(ctx));
      },
      async delete(ctx: any) {
        return slim(await (super.delete as any)(ctx));
      },
    }) as any),
  ]),
);

const all: Record<string, any> = {
  ...core,
  transitions: createTransitionsController,
  ...websiteControllers,
  operators: createOperatorsController,
  timeline: createTimelineController,
};

export default all;
