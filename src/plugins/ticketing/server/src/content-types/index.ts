// Every content type of the plugin, keyed by its singular name (uid plugin::ticketing.<key>).
import organization from './organization/schema.json';
import salesChannel from './sales-channel/schema.json';
import pointOfSale from './point-of-sale/schema.json';
import audienceCategory from './audience-category/schema.json';
import audienceSubcategory from './audience-subcategory/schema.json';
import seatCategory from './seat-category/schema.json';
import tariffType from './tariff-type/schema.json';
import season from './season/schema.json';
import activity from './activity/schema.json';
import event from './event/schema.json';
import performance from './performance/schema.json';
import product from './product/schema.json';
import salesCalendar from './sales-calendar/schema.json';
import activityProfile from './activity-profile/schema.json';
import productProfile from './product-profile/schema.json';
import stateTransition from './state-transition/schema.json';
import configVersion from './config-version/schema.json';
import operatorPerimeter from './operator-perimeter/schema.json';
// Places (issue 16): sites, spaces, physical and logical configurations.
import site from './site/schema.json';
import space from './space/schema.json';
import physicalConfiguration from './physical-configuration/schema.json';
import logicalConfiguration from './logical-configuration/schema.json';
// Prices and fees (issue #18).
import vatRate from './vat-rate/schema.json';
import paymentMethod from './payment-method/schema.json';
import deliveryMethod from './delivery-method/schema.json';
import priceLevel from './price-level/schema.json';
import priceGrid from './price-grid/schema.json';
import feeTable from './fee-table/schema.json';
// Capacity (issue #17).
import contingent from './contingent/schema.json';

export default {
  organization: { schema: organization },
  'sales-channel': { schema: salesChannel },
  'point-of-sale': { schema: pointOfSale },
  'audience-category': { schema: audienceCategory },
  'audience-subcategory': { schema: audienceSubcategory },
  'seat-category': { schema: seatCategory },
  'tariff-type': { schema: tariffType },
  season: { schema: season },
  activity: { schema: activity },
  event: { schema: event },
  performance: { schema: performance },
  product: { schema: product },
  'sales-calendar': { schema: salesCalendar },
  'activity-profile': { schema: activityProfile },
  'product-profile': { schema: productProfile },
  // Written only by the transition service (read-only everywhere else).
  'state-transition': { schema: stateTransition },
  // Hidden one-row counter, see services/config-version.ts.
  'config-version': { schema: configVersion },
  // Hidden from the Content Manager: managed through the plugin's perimeter routes
  // (perimeters.manage, never one's own), see services/perimeter.ts.
  'operator-perimeter': { schema: operatorPerimeter },
  site: { schema: site },
  space: { schema: space },
  'physical-configuration': { schema: physicalConfiguration },
  'logical-configuration': { schema: logicalConfiguration },
  // Prices and fees (issue #18).
  'vat-rate': { schema: vatRate },
  'payment-method': { schema: paymentMethod },
  'delivery-method': { schema: deliveryMethod },
  'price-level': { schema: priceLevel },
  'price-grid': { schema: priceGrid },
  'fee-table': { schema: feeTable },
  contingent: { schema: contingent },
};
