import path from 'path';
import tsUtils from '@strapi/typescript-utils';
import { TEST_DIST_DIR } from './paths';

/**
 * Compile the TypeScript application once for every integration suite, into a folder of its
 * own so that tests and a running `npm run develop` (which owns dist/) never clean each other's.
 * Type errors fail the build (no `ignoreDiagnostics`).
 */
export default async function globalSetup() {
  const appDir = path.resolve(__dirname, '../..');
  await tsUtils.compile(appDir, {
    configOptions: { options: { incremental: true, outDir: TEST_DIST_DIR, tsBuildInfoFile: path.join(TEST_DIST_DIR, '.tsbuildinfo') } },
  });
}
