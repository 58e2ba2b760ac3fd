import { factories } from '@strapi/strapi';
import { CONTENT_TYPES, uidOf } from '../constants';
import { createConfigVersion } from './config-version';
import { createConfigurationService } from './configuration';
import { createConfigurationChecks } from './configuration-checks';
import { createSalesSnapshot } from './sales-snapshot';
import { createTimeline } from './timeline';
import { createStateGuard } from './state-guard';
import { createTransitions } from './transitions';
import { createWriteGuard } from './write-guard';
import { createDemoSeed } from './demo-seed';
import { createPerimeterService } from './perimeter';
import { createRights } from './rights';
import { createPlacesService } from './places';
import { createPricingService } from './pricing';
import { createCapacityService } from './capacity';
import { createHoldsService } from './holds';
import { createReleasesService } from './releases';

/** Core services behind the REST controllers (`strapi.service(uid)`). */
const core: Record<string, unknown> = Object.fromEntries(CONTENT_TYPES.map((name) => [name, factories.createCoreService(uidOf(name))]));

const all: Record<string, unknown> = {
  ...core,
  configuration: createConfigurationService,
  transitions: createTransitions,
  'sales-snapshot': createSalesSnapshot,
  'state-guard': createStateGuard,
  'config-version': createConfigVersion,
  'configuration-checks': createConfigurationChecks,
  'write-guard': createWriteGuard,
  'demo-seed': createDemoSeed,
  perimeter: createPerimeterService,
  rights: createRights,
  timeline: createTimeline,
  places: createPlacesService,
  // Prices and fees (issue #18).
  pricing: createPricingService,
  // Capacity (issue #17).
  capacity: createCapacityService,
  holds: createHoldsService,
  releases: createReleasesService,
};

export default all;
