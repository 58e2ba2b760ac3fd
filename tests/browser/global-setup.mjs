// Once before the spec files: the plugin and the admin build (reused when present; BROWSER_REBUILD=1 forces them).
import { ensureAdminBuild } from './server.mjs';

export default function globalSetup() {
  ensureAdminBuild();
}
