import type { Context } from 'koa';
import { factories } from '@strapi/strapi';
import { CONTENT_TYPES, uidOf } from '../constants';
import type { DbRow } from '../strapi-types';
import { createTimelineController } from './timeline';
import { createTransitionsController } from './transitions';
import { websiteControllers } from './website';
import { createOperatorsController } from './operators';
import { createSeatingController } from './seating';
import { createPricesController } from './prices';
import { createHoldsController } from './holds';
import { createConsistencyController } from './consistency';
import { createBoardController } from './board';

/**
 * REST write controllers of the configuration types (see routes/content-api.ts). They answer
 * only what identifies the written document: echoing a draft calendar or profile would put
 * unvalidated configuration in a content-API response.
 */
const slim = (result: unknown) => {
  const data = (result as { data?: DbRow | null } | null)?.data;
  return { data: data ? { documentId: data.documentId, ...(data.state !== undefined ? { state: data.state } : {}) } : null };
};
const core: Record<string, unknown> = Object.fromEntries(
  CONTENT_TYPES.map((name) => [
    name,
    factories.createCoreController(uidOf(name), () => ({
      async create(ctx: Context) {
        return slim(await super.create(ctx));
      },
      async update(ctx: Context) {
        return slim(await super.update(ctx));
      },
      async delete(ctx: Context) {
        return slim(await super.delete(ctx));
      },
    })),
  ]),
);

const all: Record<string, unknown> = {
  ...core,
  transitions: createTransitionsController,
  ...websiteControllers,
  operators: createOperatorsController,
  timeline: createTimelineController,
  seating: createSeatingController,
  prices: createPricesController,
  // Holds (issue #17).
  holds: createHoldsController,
  consistency: createConsistencyController,
  board: createBoardController,
};

export default all;
