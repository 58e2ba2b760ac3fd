/** docs/sales-rules.md §2: non-dated products. */
import { compileSnapshot, listProductsOnSale, productStatus, productWindows, type ConfigurationInput, type ProductQuery } from '..';
import { carmenConfig, clone, ids, productProfile } from './fixtures';

const JULY = '2027-07-01T10:00:00Z';
function ask(config: ConfigurationInput, query: Partial<ProductQuery> = {}) {
  return productStatus(compileSnapshot(config), { productId: ids.subscription, channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at: JULY, ...query });
}
const codes = (a: { reasons: { code: string }[] }) => a.reasons.map((r) => r.code);
const withChange = (change: (c: ConfigurationInput) => void) => {
  const c = clone(carmenConfig());
  change(c);
  return c;
};

describe('productStatus', () => {
  it('ON_SALE between saleStart (included) and saleEnd (excluded)', () => {
    const answer = ask(carmenConfig());
    expect(answer.status).toBe('ON_SALE');
    expect([answer.opensAt, answer.closesAt]).toEqual(['2027-05-01T08:00:00.000Z', '2027-09-30T22:00:00.000Z']);
    expect(answer.provenance.profiles.map((p) => p.id)).toEqual([ids.productProfile]);
    expect(ask(carmenConfig(), { at: '2027-05-01T08:00:00Z' }).status).toBe('ON_SALE');
    expect(ask(carmenConfig(), { at: '2027-04-30T10:00:00Z' }).status).toBe('SOON_ON_SALE');
    const ended = ask(carmenConfig(), { at: '2027-09-30T22:00:00Z' });
    expect([ended.status, codes(ended)]).toEqual(['SALES_ENDED', ['CLOSED']]);
  });
  it('open-ended bounds give null opensAt / closesAt', () => {
    const answer = ask(
      withChange((c) => Object.assign(c.productProfiles[0], { saleStart: null, saleEnd: null })),
      { at: '2030-01-01T00:00:00Z' },
    );
    expect([answer.status, answer.opensAt, answer.closesAt]).toEqual(['ON_SALE', null, null]);
  });
  it('catalogue gate: product and season running; suspended → TEMPORARILY_UNAVAILABLE', () => {
    expect(codes(ask(withChange((c) => (c.products[0].state = 'closed'))))).toEqual(['PRODUCT_NOT_RUNNING']);
    const suspended = ask(withChange((c) => (c.products[0].state = 'suspended')));
    expect([suspended.status, codes(suspended)]).toEqual(['TEMPORARILY_UNAVAILABLE', ['PRODUCT_SUSPENDED']]);
    expect(codes(ask(withChange((c) => (c.seasons[0].state = 'preparing'))))).toEqual(['SEASON_NOT_RUNNING']);
  });
  it('profiles: validated only, channel, buyer kind, subcategory — each failure named', () => {
    expect(codes(ask(withChange((c) => (c.productProfiles[0].state = 'draft'))))).toEqual(['NO_VALIDATED_PRODUCT_PROFILE']);
    expect(codes(ask(carmenConfig(), { channelId: ids.guichet }))).toEqual(['CHANNEL_NOT_IN_PROFILE']);
    expect(codes(ask(carmenConfig(), { buyerKind: 'structure' }))).toEqual(['BUYER_KIND_MISMATCH']);
    const sub = withChange((c) => Object.assign(c.productProfiles[0], { allAudienceSubcategories: false, audienceSubcategoryIds: [ids.occPlein] }));
    expect(codes(ask(sub))).toEqual(['SUBCATEGORY_NOT_IN_PROFILE']);
    expect(ask(sub, { audienceSubcategoryId: ids.occPlein }).status).toBe('ON_SALE');
    expect(codes(ask(carmenConfig(), { productId: 'nope' }))).toEqual(['UNKNOWN_PRODUCT']);
  });
  it('quantity: allowed when some granting profile in effect has min ≤ n ≤ max', () => {
    const config = withChange((c) => {
      Object.assign(c.productProfiles[0], { minQuantity: 2, maxQuantity: 4 });
      c.productProfiles.push(productProfile('pp-groups', { minQuantity: 10, maxQuantity: null }));
    });
    expect(ask(config, { quantity: 3 }).quantityAllowed).toBe(true);
    expect(ask(config, { quantity: 12 }).quantityAllowed).toBe(true);
    const one = ask(config, { quantity: 1 });
    expect([one.status, one.quantityAllowed, codes(one)]).toEqual(['ON_SALE', false, ['QUANTITY_BELOW_MIN']]);
    const six = ask(config, { quantity: 6 });
    expect([six.quantityAllowed, codes(six)]).toEqual([false, ['QUANTITY_BELOW_MIN', 'QUANTITY_ABOVE_MAX']]);
    expect(ask(config).quantityAllowed).toBeNull();
  });
  it('union of profiles: dates of several profiles', () => {
    const config = withChange((c) => c.productProfiles.push(productProfile('pp-late', { saleStart: '2027-11-01T00:00:00Z', saleEnd: '2027-12-01T00:00:00Z' })));
    const gap = ask(config, { at: '2027-10-15T00:00:00Z' });
    expect([gap.status, gap.opensAt]).toEqual(['SOON_ON_SALE', '2027-11-01T00:00:00.000Z']);
    expect(gap.provenance.profiles.map((p) => p.id)).toEqual(['pp-late']);
  });
});

describe('listProductsOnSale and productWindows', () => {
  const snapshot = compileSnapshot(carmenConfig());
  it('lists what productStatus says is on sale', () => {
    expect(listProductsOnSale(snapshot, { channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at: JULY }).map((p) => p.product.id)).toEqual([ids.subscription]);
    expect(listProductsOnSale(snapshot, { channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at: '2027-04-01T00:00:00Z' })).toEqual([]);
    expect(listProductsOnSale(snapshot, { channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at: '2027-04-01T00:00:00Z', includeSoon: true })).toHaveLength(1);
    expect(listProductsOnSale(snapshot, { channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at: JULY, productType: 'voucher' })).toEqual([]);
  });
  it('windows per channel × buyer kind', () => {
    const w = productWindows(snapshot, { productId: ids.subscription, at: JULY });
    expect(w.windows).toHaveLength(1);
    expect(w.windows[0]).toMatchObject({ channel: { id: ids.web }, buyerKind: 'public', intervals: [{ position: 'current', profiles: [{ id: ids.productProfile }] }] });
  });
});
