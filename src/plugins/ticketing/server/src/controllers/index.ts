import { factories } from '@strapi/strapi';
import { CONTENT_TYPES, uidOf } from '../constants';
import { createTimelineController } from './timeline';
import { createTransitionsController } from './transitions';
import { createOperatorsController } from './operators';

/** Core REST controllers of the configuration types (see routes/content-api.ts). */
const core: Record<string, unknown> = Object.fromEntries(CONTENT_TYPES.map((name) => [name, factories.createCoreController(uidOf(name) as any)]));

const all: Record<string, any> = {
  ...core,
  transitions: createTransitionsController,
  operators: createOperatorsController,
  timeline: createTimelineController,
};

export default all;
