/**
 * The enumerations are declared once (shared/enums.ts). The content types' JSON schemas cannot
 * import them: this test fails when one of them drifts.
 */
import fs from 'fs';
import path from 'path';
import { BUYER_KINDS, CATALOGUE_STATES, CONFIGURATION_STATES, EVENT_KINDS, PRODUCT_TYPES, SALES_CHANNEL_TYPES } from '../../../../shared/enums';

const schema = (type: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../content-types', type, 'schema.json'), 'utf8')).attributes;

const cases: [string, string, readonly string[]][] = [
  ['product', 'type', PRODUCT_TYPES],
  ['event', 'kind', EVENT_KINDS],
  ['sales-channel', 'type', SALES_CHANNEL_TYPES],
  ['activity-profile', 'buyerKind', BUYER_KINDS],
  ['product-profile', 'buyerKind', BUYER_KINDS],
  ...['season', 'event', 'performance', 'product'].map((type): [string, string, readonly string[]] => [type, 'state', CATALOGUE_STATES]),
  ...['sales-calendar', 'activity-profile', 'product-profile'].map((type): [string, string, readonly string[]] => [type, 'state', CONFIGURATION_STATES]),
];
test.each(cases)('%s.%s is the shared enumeration', (type, field, values) => {
  expect(schema(type)[field].enum).toEqual([...values]);
});
