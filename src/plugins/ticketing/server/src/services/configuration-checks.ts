import type { Core } from '@strapi/strapi';
import type { TransitionProblem } from '../../../shared/lifecycle';
import { PLUGIN_ID } from '../constants';
import { type ConfigurationInput, checkActivityProfile, checkProductProfile, checkSalesCalendar } from '../domain';
import { type DbRow } from '../strapi-types';

export interface CheckResult {
  blocking: TransitionProblem[];
  warnings: TransitionProblem[];
}

export type CheckedTypeName = 'sales-calendar' | 'activity-profile' | 'product-profile' | 'physical-configuration' | 'logical-configuration';

/**
 * What the transition service needs from the engine: the check of one configuration object,
 * evaluated as if it were validated. Kept to this small interface so that the transition
 * service does not know how the configuration is loaded nor how the engine is called.
 */
export interface ConfigurationChecker {
  check(name: CheckedTypeName, documentId: string): Promise<CheckResult>;
}

const ENGINE_CHECKS = {
  'sales-calendar': checkSalesCalendar,
  'activity-profile': checkActivityProfile,
  'product-profile': checkProductProfile,
} as const;

/**
 * Loads the configuration (inside the caller's transaction when there is one: the transition
 * service calls this with the object's row locked, so the check sees what gets validated) and
 * runs the engine's check of the object.
 */
export const createConfigurationChecks = ({ strapi }: { strapi: Core.Strapi }): ConfigurationChecker => ({
  async check(name, documentId) {
    // Places (issue 16): their rules read the plan, not the sales configuration.
    if (name === 'physical-configuration' || name === 'logical-configuration') return strapi.plugin(PLUGIN_ID).service('places').check(name, documentId);
    const input = (await strapi.plugin(PLUGIN_ID).service('configuration').load()) as ConfigurationInput;
    const result = ENGINE_CHECKS[name](input, documentId);
    const plain = (p: DbRow): TransitionProblem => ({ code: p.code, message: { fr: p.message.fr, en: p.message.en }, objects: p.objects });
    return { blocking: result.blocking.map(plain), warnings: result.warnings.map(plain) };
  },
});
