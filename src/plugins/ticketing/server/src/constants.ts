import { CONTENT_TYPES, type ContentTypeName } from '../../shared/content-types';

/** UIDs of the plugin in one place. */
export const PLUGIN_ID = 'ticketing';

export { CONTENT_TYPES, type ContentTypeName };

export const uidOf = (name: ContentTypeName) => `plugin::${PLUGIN_ID}.${name}` as const;

export const nameOf = (uid: string): ContentTypeName | null => {
  const prefix = `plugin::${PLUGIN_ID}.`;
  if (!uid.startsWith(prefix)) return null;
  const name = uid.slice(prefix.length) as ContentTypeName;
  return (CONTENT_TYPES as readonly string[]).includes(name) ? name : null;
};

/**
 * Where a code must be unique: in the whole institution, or among the objects that share the
 * same organisation, season or event.
 */
export const CODE_SCOPE: Record<ContentTypeName, 'institution' | 'organization' | 'season'> = {
  organization: 'institution',
  'sales-channel': 'institution',
  'audience-category': 'institution',
  'seat-category': 'institution',
  performance: 'institution',
  'point-of-sale': 'organization',
  season: 'organization',
  'sales-calendar': 'organization',
  'activity-profile': 'organization',
  'product-profile': 'organization',
  'audience-subcategory': 'season',
  'tariff-type': 'season',
  activity: 'season',
  event: 'season',
  product: 'season',
  // Places (issue 16)
  site: 'institution',
  space: 'institution',
  'physical-configuration': 'institution',
  'logical-configuration': 'organization',
  // Prices and fees (issue #18).
  'vat-rate': 'institution',
  'payment-method': 'institution',
  'delivery-method': 'institution',
  'price-level': 'season',
  'price-grid': 'season',
  'fee-table': 'organization',
  contingent: 'organization',
};

/** Relations an object cannot exist without (Strapi cannot mark relations required). */
export const REQUIRED_RELATIONS: Partial<Record<ContentTypeName, string[]>> = {
  'point-of-sale': ['organization', 'salesChannel'],
  'audience-subcategory': ['audienceCategory', 'season'],
  'tariff-type': ['season'],
  season: ['organization'],
  activity: ['season'],
  event: ['season'],
  performance: ['event'],
  product: ['season'],
  'sales-calendar': ['organization'],
  'activity-profile': ['organization'],
  'product-profile': ['organization'],
  // Places (issue 16)
  space: ['site'],
  'physical-configuration': ['space'],
  'logical-configuration': ['organization', 'season', 'physicalConfiguration'],
  // Prices and fees (issue #18).
  'price-level': ['season'],
  'price-grid': ['season'],
  'fee-table': ['organization'],
  contingent: ['organization'],
};

/** Types of the state machinery (not part of the configuration the engine reads). */
export const STATE_TRANSITION_UID = `plugin::${PLUGIN_ID}.state-transition` as const;
export const CONFIG_VERSION_UID = `plugin::${PLUGIN_ID}.config-version` as const;
