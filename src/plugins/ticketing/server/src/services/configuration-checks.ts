import type { Core } from '@strapi/strapi';
import type { TransitionProblem } from '../../../shared/lifecycle';

export interface CheckResult {
  blocking: TransitionProblem[];
  warnings: TransitionProblem[];
}

/**
 * What the transition service needs from the engine: the check of one configuration object,
 * evaluated as if it were validated. Kept to this small interface so that the transition
 * service does not know how the configuration is loaded nor how the engine is called.
 */
export interface ConfigurationChecker {
  check(name: 'sales-calendar' | 'activity-profile' | 'product-profile', documentId: string): Promise<CheckResult>;
}

export const createConfigurationChecks = ({ strapi }: { strapi: Core.Strapi }): ConfigurationChecker => ({
  async check(name) {
    // Wired to the engine (domain/index.ts) and the configuration loader once they are merged.
    void strapi;
    void name;
    throw new Error('configuration checks are not wired yet');
  },
});
