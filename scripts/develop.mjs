#!/usr/bin/env node
/**
 * `npm run develop`: Strapi in development with the ticketing plugin rebuilt on every change.
 * The plugin's watcher (strapi-plugin watch) rewrites dist/ on start and on each change; Strapi
 * must not load the plugin halfway through. So Strapi starts only once the watcher reports its
 * first server bundle, and each later "server rebuilt" touches a stamp file that Strapi's own
 * watcher does see (it ignores dist/ folders), which restarts Strapi on the new code.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const plugin = path.join(root, 'src', 'plugins', 'ticketing');
const stamp = path.join(plugin, 'server', 'rebuilt.stamp');
const env = { STRAPI_TELEMETRY_DISABLED: 'true', ...process.env };

const children = [];
let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const spawnTool = (args, cwd, stdio) => {
  const child = spawn('npx', args, { cwd, stdio, env });
  children.push(child);
  child.on('exit', (code) => stop(code ?? 0));
  return child;
};

let strapiStarted = false;
const startStrapi = () => {
  if (strapiStarted) return;
  strapiStarted = true;
  spawnTool(['strapi', 'develop'], root, 'inherit');
};

const watcher = spawnTool(['strapi-plugin', 'watch'], plugin, ['ignore', 'pipe', 'inherit']);
let pending = '';
watcher.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    if (!/server (re)?built/i.test(line)) continue;
    if (strapiStarted) fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
    else startStrapi();
  }
});
