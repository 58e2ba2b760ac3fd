/** The plugin's content types that hold the sales configuration, by name (`plugin::ticketing.<name>`): shared by the server and the admin. */
export const CONTENT_TYPES = [
  'organization',
  'sales-channel',
  'point-of-sale',
  'audience-category',
  'audience-subcategory',
  'seat-category',
  'tariff-type',
  'season',
  'activity',
  'event',
  'performance',
  'product',
  'sales-calendar',
  'activity-profile',
  'product-profile',
  // Places (issue 16)
  'site',
  'space',
  'physical-configuration',
  'logical-configuration',
  // Prices and fees (issue #18).
  'vat-rate',
  'payment-method',
  'delivery-method',
  'price-level',
  'price-grid',
  'fee-table',
  // Capacity (issue #17).
  'contingent',
] as const;

export type ContentTypeName = (typeof CONTENT_TYPES)[number];
