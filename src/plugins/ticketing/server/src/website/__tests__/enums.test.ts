/**
 * The enumerations are declared once (shared/enums.ts). The content types' JSON schemas cannot
 * import them: this test fails when one of them drifts.
 */
import fs from 'fs';
import path from 'path';
import { BUYER_KINDS, CATALOGUE_STATES, CONFIGURATION_STATES, EVENT_KINDS, PRODUCT_TYPES, SALES_CHANNEL_TYPES } from '../../../../shared/enums';

const schema = (type: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../content-types', type, 'schema.json'), 'utf8')).attributes;

test.each([
  ['product', 'type', PRODUCT_TYPES],
  ['event', 'kind', EVENT_KINDS],
  ['sales-channel', 'type', SALES_CHANNEL_TYPES],
  ['activity-profile', 'buyerKind', BUYER_KINDS],
  ['product-profile', 'buyerKind', BUYER_KINDS],
  ...['season', 'event', 'performance', 'product'].map((type) => [type, 'state', CATALOGUE_STATES] as const),
  ...['sales-calendar', 'activity-profile', 'product-profile'].map((type) => [type, 'state', CONFIGURATION_STATES] as const),
])('%s.%s is the shared enumeration', (type, field, values) => {
  expect(schema(type)[field].enum).toEqual([...values]);
});
