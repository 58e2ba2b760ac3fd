import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import {
  type ContentManagerModel,
  type ManagedPart,
  PLUGIN_VIEWS,
  type StoredConfiguration,
  isUnchanged,
  managedPart,
  pluginManaged,
  sameManaged,
  strapiDefault,
  withManaged,
} from './content-manager-views';

/** Where the plugin keeps, per model, the managed part it last wrote (its marker). */
const MARKER_KEY = 'content-manager-views';

interface ConfigurationService {
  findConfiguration(model: ContentManagerModel): Promise<StoredConfiguration>;
  updateConfiguration(model: ContentManagerModel, configuration: StoredConfiguration): Promise<unknown>;
}

export type ViewOutcome = 'applied' | 'unchanged' | 'kept';

/**
 * Applies the plugin's Content Manager views (services/content-manager-views.ts) at start, to a
 * model whose stored view is still Strapi's default (no marker yet) or exactly what the plugin
 * wrote last time (its marker); any other stored view is an administrator's and is kept as is.
 * Runs after the Content Manager's own bootstrap, which creates and syncs the configurations.
 */
export async function applyContentManagerViews(strapi: Core.Strapi): Promise<Record<string, ViewOutcome>> {
  const contentManager = strapi.plugin('content-manager');
  if (!contentManager) return {};
  const contentTypes = contentManager.service('content-types') as unknown as ConfigurationService & { findContentType(uid: string): ContentManagerModel | undefined };
  const components = contentManager.service('components') as unknown as ConfigurationService & { findComponent(uid: string): ContentManagerModel | undefined };
  const fieldSizes = contentManager.service('field-sizes') as unknown as { getFieldSize(type: string): { default: number } };
  const sizeOf = (type: string) => fieldSizes.getFieldSize(type).default;
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID, key: MARKER_KEY });
  const markers = ((await store.get()) ?? {}) as Record<string, ManagedPart>;
  const outcomes: Record<string, ViewOutcome> = {};

  for (const uid of Object.keys(PLUGIN_VIEWS)) {
    const isComponent = !uid.startsWith('plugin::');
    const service = isComponent ? components : contentTypes;
    const model = isComponent ? components.findComponent(uid) : contentTypes.findContentType(uid);
    if (!model) continue;
    const stored = await service.findConfiguration(model);
    const current = managedPart(stored);
    const untouched = isUnchanged(current, strapiDefault(model, sizeOf)) || (markers[uid] !== undefined && isUnchanged(current, markers[uid]));
    if (!untouched) {
      outcomes[uid] = 'kept';
      continue;
    }
    const desired = withManaged(stored, pluginManaged(model, strapiDefault(model, sizeOf)));
    const written = managedPart(desired);
    if (sameManaged(current, written)) {
      outcomes[uid] = 'unchanged';
    } else {
      const { uid: _uid, category: _category, ...configuration } = desired;
      await service.updateConfiguration(model, configuration);
      outcomes[uid] = 'applied';
    }
    markers[uid] = written;
  }
  await store.set({ value: markers });
  const kept = Object.keys(outcomes).filter((uid) => outcomes[uid] === 'kept');
  if (kept.length > 0) strapi.log.info(`[ticketing] Content Manager views changed by an administrator, kept as they are: ${kept.join(', ')}`);
  return outcomes;
}
