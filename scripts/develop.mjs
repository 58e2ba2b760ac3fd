#!/usr/bin/env node
/**
 * `npm run develop`: Strapi in development with the ticketing plugin rebuilt on every change.
 * Strapi's own watcher ignores dist/ folders, so when the plugin's server bundle is rebuilt we
 * touch a stamp file it does watch, and Strapi restarts on the new code.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const plugin = path.join(root, 'src', 'plugins', 'ticketing');
const serverBundle = path.join(plugin, 'dist', 'server');
const stamp = path.join(plugin, 'server', 'rebuilt.stamp');

const children = [];
let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
};
const run = (args, cwd) => {
  const child = spawn('npx', args, { cwd, stdio: 'inherit', env: { STRAPI_TELEMETRY_DISABLED: 'true', ...process.env } });
  children.push(child);
  child.on('exit', (code) => stop(code ?? 0));
  return child;
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

/** Resolves once the watcher's bundle has been quiet for `quietMs` (it rewrites dist on start). */
const settled = (quietMs, maxMs) =>
  new Promise((resolve) => {
    let timer = setTimeout(resolve, maxMs);
    const watcher = fs.watch(serverBundle, () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        watcher.close();
        resolve();
      }, quietMs);
    });
  });

fs.mkdirSync(serverBundle, { recursive: true });
const firstBuild = settled(3000, 60000);
run(['strapi-plugin', 'watch'], plugin);
await firstBuild;

let timer;
fs.watch(serverBundle, () => {
  clearTimeout(timer);
  timer = setTimeout(() => fs.writeFileSync(stamp, `${new Date().toISOString()}\n`), 1000);
});

run(['strapi', 'develop'], root);
