import type { ConfigurationInput } from '../../domain';
import { missingStepProblems, setupSteps } from '../setup-steps';

/** A season whose organisation has channels and points of sale, and nothing else yet. */
function emptySeason(): ConfigurationInput {
  return {
    timeZone: 'Europe/Paris',
    organizations: [{ id: 'org', code: 'MUSEE', name: 'Musée', salesChannelIds: ['web'] }],
    salesChannels: [{ id: 'web', code: 'WEB', name: 'Internet', type: 'internet', external: false, active: true }],
    pointsOfSale: [{ id: 'pos', code: 'SITE', name: 'Site', organizationId: 'org', salesChannelId: 'web', active: true }],
    audienceCategories: [],
    audienceSubcategories: [],
    seatCategories: [{ id: 'cat1', code: 'CAT1', name: 'Catégorie 1', rank: 1 }],
    tariffTypes: [],
    seasons: [{ id: 's', code: 'S-2028', name: 'Saison 2028', organizationId: 'org', startsOn: null, endsOn: null, state: 'preparing' }],
    activities: [],
    events: [],
    performances: [],
    products: [],
    salesCalendars: [],
    activityProfiles: [],
    productProfiles: [],
  } as unknown as ConfigurationInput;
}

describe('setup steps and problems agree', () => {
  test('every missing mandatory step is a blocking problem naming the step; optional steps never are', () => {
    const config = emptySeason();
    const steps = setupSteps(config, config.seasons[0], null);
    const missing = steps.filter((s) => s.required && !s.done).map((s) => s.key);
    expect(missing).toEqual(['audienceSubcategories', 'tariffTypes', 'activities', 'salesCalendars', 'events', 'activityProfiles', 'operation']);
    const problems = missingStepProblems(steps, config.seasons[0]);
    expect(problems.map((p) => p.step)).toEqual(missing);
    for (const p of problems) {
      expect(p).toMatchObject({ severity: 'blocking', code: 'SETUP_STEP_MISSING', object: { type: 'season', id: 's' } });
      expect(p.message.fr).toMatch(/^Étape de paramétrage obligatoire manquante : /);
      expect(p.message.en).not.toMatch(/[àéè]/);
    }
    // « Produits » is optional and not done: no problem for it.
    expect(steps.find((s) => s.key === 'products')).toMatchObject({ required: false, done: false });
    expect(problems.some((p) => p.step === 'products')).toBe(false);
  });

  test('a channel-limited operator: channels and points of sale outside the scope do not count', () => {
    const config = emptySeason();
    const steps = setupSteps(config, config.seasons[0], new Set(['phone']));
    expect(steps.find((s) => s.key === 'salesChannels')).toMatchObject({ done: false, count: 0 });
    expect(steps.find((s) => s.key === 'pointsOfSale')).toMatchObject({ done: false, count: 0 });
  });
});

describe('price steps (issue #18)', () => {
  const withPricing = (over: Partial<NonNullable<ConfigurationInput['pricingSetup']>> = {}): ConfigurationInput => ({
    ...emptySeason(),
    pricingSetup: { vatRates: 0, paymentMethods: [], deliveryMethods: [], priceLevels: [], priceGrids: [], feeTables: [], ...over },
  });
  const stepOf = (config: ConfigurationInput, key: string, scope: Set<string> | null = null) => setupSteps(config, config.seasons[0], scope).find((s) => s.key === key);

  test('without the pricing setup, no price step (a configuration that does not carry it)', () => {
    const config = emptySeason();
    expect(setupSteps(config, config.seasons[0], null).map((s) => s.key)).not.toContain('priceGrids');
  });

  test('payment methods*, delivery methods*, price grids* are mandatory; VAT rates, price levels and fees optional', () => {
    const config = withPricing();
    const steps = setupSteps(config, config.seasons[0], null);
    const price = steps.filter((s) => ['vatRates', 'paymentMethods', 'deliveryMethods', 'priceLevels', 'priceGrids', 'simpleFees', 'generalFees', 'deliveryFees'].includes(s.key));
    expect(price.map((s) => [s.key, s.type, s.required])).toEqual([
      ['vatRates', 'vat-rate', false],
      ['paymentMethods', 'payment-method', true],
      ['deliveryMethods', 'delivery-method', true],
      ['priceLevels', 'price-level', false],
      ['priceGrids', 'price-grid', true],
      ['simpleFees', 'fee-table', false],
      ['generalFees', 'fee-table', false],
      ['deliveryFees', 'fee-table', false],
    ]);
    // The operation step stays last.
    expect(steps[steps.length - 1].key).toBe('operation');
    const missing = missingStepProblems(steps, config.seasons[0]).map((p) => p.step);
    expect(missing).toEqual(expect.arrayContaining(['paymentMethods', 'deliveryMethods', 'priceGrids']));
    expect(missing).not.toEqual(expect.arrayContaining(['vatRates']));
    for (const optional of ['vatRates', 'priceLevels', 'simpleFees', 'generalFees', 'deliveryFees']) expect(missing).not.toContain(optional);
  });

  test('a method counts when offered on a channel of the organisation (or on every channel), within the operator’s scope', () => {
    const config = withPricing({
      paymentMethods: [
        { id: 'card', salesChannelIds: ['web'] },
        { id: 'cash', salesChannelIds: ['box-office'] },
      ],
      deliveryMethods: [{ id: 'eticket', salesChannelIds: [] }],
    });
    expect(stepOf(config, 'paymentMethods')).toMatchObject({ count: 1, done: true });
    expect(stepOf(config, 'deliveryMethods')).toMatchObject({ count: 1, done: true });
    expect(stepOf(config, 'paymentMethods', new Set(['phone']))).toMatchObject({ count: 0, done: false });
    expect(stepOf(config, 'deliveryMethods', new Set(['phone']))).toMatchObject({ count: 1, done: true });
  });

  test('price grids: done with a validated grid of the season; drafts counted, archived and other seasons not', () => {
    const grids = [
      { seasonId: 's', state: 'draft' },
      { seasonId: 's', state: 'archived' },
      { seasonId: 'other', state: 'validated' },
    ];
    expect(stepOf(withPricing({ priceGrids: grids }), 'priceGrids')).toMatchObject({ count: 1, done: false, detail: { validated: 0 } });
    expect(stepOf(withPricing({ priceGrids: [...grids, { seasonId: 's', state: 'validated' }] }), 'priceGrids')).toMatchObject({ count: 2, done: true, detail: { validated: 1 } });
  });

  test('fees by kind, of the season’s organisation, done once one table is validated; VAT rates and price levels counted', () => {
    const config = withPricing({
      vatRates: 4,
      priceLevels: [{ seasonId: 's' }, { seasonId: 's' }, { seasonId: 'other' }],
      feeTables: [
        { organizationId: 'org', kind: 'simple', state: 'validated' },
        { organizationId: 'org', kind: 'general', state: 'draft' },
        { organizationId: 'other-org', kind: 'delivery', state: 'validated' },
      ],
    });
    expect(stepOf(config, 'vatRates')).toMatchObject({ count: 4, done: true });
    expect(stepOf(config, 'priceLevels')).toMatchObject({ count: 2, done: true });
    expect(stepOf(config, 'simpleFees')).toMatchObject({ count: 1, done: true });
    expect(stepOf(config, 'generalFees')).toMatchObject({ count: 1, done: false });
    expect(stepOf(config, 'deliveryFees')).toMatchObject({ count: 0, done: false });
  });
});
