import { createConfigurationService } from './configuration';
import { createWriteGuard } from './write-guard';
import { createDemoSeed } from './demo-seed';

export default {
  configuration: createConfigurationService,
  'write-guard': createWriteGuard,
  'demo-seed': createDemoSeed,
};
