import type { Core } from '@strapi/strapi';

type Logger = Pick<Core.Strapi['log'], 'debug' | 'info'>;

const PREFIX = '[ticketing]';

/**
 * The Strapi logger the plugin writes to. Bound at register; a module-level binding rather than
 * a service because refusals are logged where their errors are built (errors.ts), with no Strapi
 * instance at hand. Unbound (the engine's unit tests), lines go nowhere.
 */
let logger: Logger | null = null;

export function bindLog(strapi: Core.Strapi): void {
  logger = strapi.log;
}

/**
 * The plugin's log lines, through `strapi.log` (winston; Strapi's default level `http` shows
 * `info`, a `config/logger.ts` at level `debug` shows the refusals too), each prefixed
 * « [ticketing] ». `info`: what changes the sales answers (snapshot rebuilds, transitions).
 * `debug`: refused writes and perimeter refusals. Nothing on the read path of an unchanged
 * configuration.
 */
export const log = {
  info(message: string): void {
    logger?.info(`${PREFIX} ${message}`);
  },
  debug(message: string): void {
    logger?.debug(`${PREFIX} ${message}`);
  },
};
