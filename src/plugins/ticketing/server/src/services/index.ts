import { createWriteGuard } from './write-guard';
import { createDemoSeed } from './demo-seed';

export default {
  'write-guard': createWriteGuard,
  'demo-seed': createDemoSeed,
};
