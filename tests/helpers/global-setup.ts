import { compileStrapi } from '@strapi/strapi';
import path from 'path';

/** Compile the TypeScript application once for every integration suite. */
export default async function globalSetup() {
  const appDir = path.resolve(__dirname, '../..');
  await compileStrapi({ appDir, ignoreDiagnostics: true });
}
