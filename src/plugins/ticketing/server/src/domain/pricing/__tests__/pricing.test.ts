/** The pricing core: examples and invariants (fast-check). */
import fc from 'fast-check';
import {
  compilePricing,
  formatEuros,
  hasPrice,
  maximumRevenue,
  percentOf,
  priceOf,
  pricedPairs,
  quote,
  validateCells,
  validateFees,
  validateVatRate,
  vatOfTtc,
  withPriceGate,
  type PricingInput,
  type PriceCellInput,
} from '..';
import type { SaleAnswer } from '../..';

const AT = Date.parse('2027-06-15T10:00:00Z');

function base(): PricingInput {
  return {
    vatRates: [
      { id: 'v55', code: 'SPECTACLE', family: 'SPECTACLE', rate: 5.5, validFrom: null, validUntil: null },
      { id: 'v20', code: 'NORMAL', family: 'NORMAL', rate: 20, validFrom: null, validUntil: null },
      { id: 'v21', code: 'CREATION', family: 'CREATION', rate: 2.1, validFrom: null, validUntil: null },
    ],
    grids: [
      {
        id: 'gs',
        code: 'SAISON',
        seasonId: 's',
        eventId: null,
        performanceId: null,
        cells: [
          { seatCategoryId: 'c1', tariffTypeId: 'plein', priceLevelId: null, amount: 4500, vatRateId: 'v55' },
          { seatCategoryId: 'c1', tariffTypeId: 'plein', priceLevelId: 'A', amount: 6000, vatRateId: 'v55' },
          { seatCategoryId: 'c2', tariffTypeId: 'plein', priceLevelId: null, amount: 3000, vatRateId: 'v55' },
          { seatCategoryId: 'c1', tariffTypeId: 'reduit', priceLevelId: null, amount: 3500, vatRateId: 'v55' },
        ],
      },
      { id: 'ge', code: 'CARMEN', seasonId: 's', eventId: 'carmen', performanceId: null, cells: [{ seatCategoryId: 'c2', tariffTypeId: 'plein', priceLevelId: null, amount: 3200, vatRateId: 'v55' }] },
      { id: 'gp', code: 'GALA', seasonId: 's', eventId: null, performanceId: 'gala', cells: [{ seatCategoryId: 'c1', tariffTypeId: 'plein', priceLevelId: null, amount: 15000, vatRateId: 'v55' }] },
    ],
    performances: [
      { id: 'p1', eventId: 'carmen', seasonId: 's', priceLevelId: null },
      { id: 'pA', eventId: 'carmen', seasonId: 's', priceLevelId: 'A' },
      { id: 'gala', eventId: 'carmen', seasonId: 's', priceLevelId: 'A' },
      { id: 'other', eventId: 'tosca', seasonId: 's', priceLevelId: 'B' },
    ],
    fees: {
      simple: [{ id: 'f1', code: 'LOC', name: 'Frais de location', kind: 'fixed', value: 150, vatRateId: 'v20', salesChannelIds: ['web'], tariffTypeIds: [], validFrom: null, validUntil: null }],
      general: [
        {
          id: 'g1',
          code: 'RESA',
          name: 'Réservation',
          kind: 'percent',
          value: 2.5,
          vatRateId: 'v20',
          salesChannelIds: ['web'],
          feeKind: 'booking',
          paymentMethodId: null,
          deliveryKind: null,
          validFrom: null,
          validUntil: null,
        },
      ],
      delivery: [{ id: 'd1', code: 'POSTE', name: 'Envoi postal', deliveryMethodId: 'post', per: 'order', amount: 250, vatRateId: 'v20', salesChannelIds: [], validFrom: null, validUntil: null }],
    },
    deliveryMethods: [
      { id: 'post', code: 'POSTE', kind: 'post', salesChannelIds: [] },
      { id: 'eticket', code: 'EBILLET', kind: 'eTicket', salesChannelIds: ['web'] },
    ],
    paymentMethods: [{ id: 'card', code: 'CB', kind: 'card', salesChannelIds: [] }],
  };
}

describe('money', () => {
  it('VAT from TTC, rounded half-up to the cent', () => {
    expect(vatOfTtc(4500, 550)).toBe(235); // 4500 × 5.5 / 105.5 = 234.597…
    expect(vatOfTtc(12000, 2000)).toBe(2000);
    expect(vatOfTtc(211, 1000)).toBe(19); // 19.18…
    expect(vatOfTtc(11, 1000)).toBe(1); // 1.0 exactly
    expect(vatOfTtc(102, 200)).toBe(2); // 102 × 2 / 102 = 2 exactly
    expect(vatOfTtc(153, 200)).toBe(3); // 3.0 exactly
    expect(vatOfTtc(1, 10000)).toBe(1); // 0.5 → half-up
    expect(vatOfTtc(0, 550)).toBe(0);
    expect(percentOf(1000, 250)).toBe(25);
    expect(percentOf(1, 5000)).toBe(1); // 0.5 → 1
  });
  it('formats the French way', () => {
    expect(formatEuros(4500).replace(/\s/g, ' ')).toBe('45,00 €');
  });
});

describe('price of a performance', () => {
  const snap = compilePricing(base());
  const price = (performanceId: string, seatCategoryId: string, tariffTypeId = 'plein') => priceOf(snap, { performanceId, seatCategoryId, tariffTypeId, at: AT })?.ttc ?? null;
  it('season grid, then event grid, then performance grid; the level of the performance first', () => {
    expect(price('p1', 'c1')).toBe(4500);
    expect(price('pA', 'c1')).toBe(6000);
    expect(price('p1', 'c2')).toBe(3200); // event grid overrides the season's cell
    expect(price('other', 'c2')).toBe(3000); // another event keeps the season's
    expect(price('gala', 'c1')).toBe(15000); // the gala's own cell
    expect(price('gala', 'c2')).toBe(3200); // the gala inherits the cells it does not set
    expect(price('gala', 'c1', 'reduit')).toBe(3500);
    expect(price('p1', 'c3')).toBeNull();
    expect(price('nope', 'c1')).toBeNull();
    expect(hasPrice(snap, 'p1', 'c3', 'plein')).toBe(false);
  });
  it('a price carries its VAT split and its grid', () => {
    expect(priceOf(snap, { performanceId: 'p1', seatCategoryId: 'c1', tariffTypeId: 'plein', at: AT })).toEqual({
      ttc: 4500,
      vat: 235,
      ht: 4265,
      vatRate: { code: 'SPECTACLE', rate: 5.5 },
      gridId: 'gs',
    });
  });
  it('lists the priced pairs of a performance', () => {
    expect(
      pricedPairs(snap, 'p1')
        .map((p) => `${p.seatCategoryId}/${p.tariffTypeId}`)
        .sort(),
    ).toEqual(['c1/plein', 'c1/reduit', 'c2/plein']);
  });
  it('uses the row of the rate in force at the instant', () => {
    const input = base();
    input.vatRates[0] = { ...input.vatRates[0], validUntil: '2027-01-01T00:00:00Z' };
    input.vatRates.push({ id: 'v55b', code: 'SPECTACLE-2027', family: 'SPECTACLE', rate: 7, validFrom: '2027-01-01T00:00:00Z', validUntil: null });
    const s = compilePricing(input);
    expect(priceOf(s, { performanceId: 'p1', seatCategoryId: 'c1', tariffTypeId: 'plein', at: AT })!.vatRate.rate).toBe(7);
    expect(priceOf(s, { performanceId: 'p1', seatCategoryId: 'c1', tariffTypeId: 'plein', at: Date.parse('2026-06-01T00:00:00Z') })!.vatRate.rate).toBe(5.5);
  });
});

describe('quote', () => {
  const snap = compilePricing(base());
  it('lines, ticket fees, order fees, VAT per rate, totals', () => {
    const r = quote(snap, {
      channelId: 'web',
      at: AT,
      deliveryMethodId: 'post',
      paymentMethodId: 'card',
      lines: [
        { performanceId: 'p1', seatCategoryId: 'c1', tariffTypeId: 'plein', quantity: 2 },
        { performanceId: 'p1', seatCategoryId: 'c2', tariffTypeId: 'plein', quantity: 1 },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const q = r.quote;
    expect(q.lines[0].ttc).toBe(9000);
    expect(q.lines[0].fees.map((f) => f.ttc)).toEqual([150]);
    expect(q.lines[0].total.ttc).toBe(9300);
    // booking 2.5 % of 122 € tickets = 3.05 €, post 2.50 € per order
    expect(q.orderFees.map((f) => [f.code, f.ttc])).toEqual([
      ['RESA', 305],
      ['POSTE', 250],
    ]);
    expect(q.totals.ttc).toBe(9000 + 3200 + 3 * 150 + 305 + 250);
    expect(q.vatByRate.map((v) => v.rate)).toEqual([5.5, 20]);
    expect(q.totals.ht + q.totals.vat).toBe(q.totals.ttc);
  });
  it('at the box office: no booking fee, no simple fee', () => {
    const r = quote(snap, { channelId: 'guichet', at: AT, lines: [{ performanceId: 'p1', seatCategoryId: 'c1', tariffTypeId: 'plein', quantity: 1 }] });
    expect(r.ok && r.quote.totals.ttc).toBe(4500);
  });
  it('returns every bad line, by index', () => {
    const r = quote(snap, {
      channelId: 'guichet',
      at: AT,
      deliveryMethodId: 'eticket',
      paymentMethodId: 'bitcoin',
      lines: [
        { performanceId: 'p1', seatCategoryId: 'c3', tariffTypeId: 'plein', quantity: 1 },
        { performanceId: 'p1', seatCategoryId: 'c1', tariffTypeId: 'plein', quantity: 0 },
        { performanceId: 'p1', seatCategoryId: 'c1', tariffTypeId: 'plein', quantity: 1 },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => `${p.code}:${p.field}`)).toEqual([
        'DELIVERY_METHOD_NOT_ON_CHANNEL:deliveryMethod',
        'UNKNOWN_PAYMENT_METHOD:paymentMethod',
        'NO_PRICE:lines[0]',
        'BAD_QUANTITY:lines[1].quantity',
      ]);
  });
});

describe('maximum gross revenue', () => {
  it('sellable places per category × full price, HT and TTC', () => {
    const snap = compilePricing(base());
    const r = maximumRevenue(snap, { performanceIds: ['p1', 'gala'], sellable: () => ({ c1: 100, c2: 50, c9: 10 }), tariffTypeId: () => 'plein', at: AT });
    expect(r.performances[0]).toMatchObject({ ttc: 100 * 4500 + 50 * 3200, unpricedSeatCategoryIds: ['c9'] });
    expect(r.performances[1].ttc).toBe(100 * 15000 + 50 * 3200);
    expect(r.totals.ttc).toBe(r.performances[0].ttc + r.performances[1].ttc);
    expect(r.totals.ht + r.totals.vat).toBe(r.totals.ttc);
  });
});

describe('validation', () => {
  const refs = { seatCategoryIds: new Set(['c1']), tariffTypeIds: new Set(['plein']), priceLevelIds: new Set(['A']), vatRateIds: new Set(['v55']) };
  const cell = (over: Record<string, unknown> = {}) => ({ seatCategory: 'c1', tariffType: 'plein', amount: 100, vatRate: 'v55', ...over });
  it('names the bad field of a cell', () => {
    expect(validateCells([cell()], refs).problems).toEqual([]);
    expect(validateCells([cell(), cell({ amount: -1 })], refs).problems.map((p) => p.path)).toEqual(['cells[1].amount']);
    expect(validateCells([cell({ amount: 1.5 })], refs).problems[0].code).toBe('BAD_AMOUNT');
    expect(validateCells([cell({ amount: 10_000_001 })], refs).problems[0].path).toBe('cells[0].amount');
    expect(validateCells([cell({ tariffType: 'other-season' })], refs).problems.map((p) => p.path)).toEqual(['cells[0].tariffType']);
    expect(validateCells([cell({ seatCategory: 'x' })], refs).problems.map((p) => p.path)).toEqual(['cells[0].seatCategory']);
    expect(validateCells([cell(), cell()], refs).problems.map((p) => p.code)).toEqual(['DUPLICATE_CELL']);
  });
  it('names the bad field of a fee', () => {
    const fee = { code: 'F', name: 'F', vatRate: 'v20', kind: 'percent', value: 101 };
    expect(validateFees('simple', [fee]).problems.map((p) => `${p.code}:${p.path}`)).toEqual(['BAD_PERCENT:fees[0].value']);
    expect(validateFees('simple', [{ ...fee, kind: 'fixed', value: 1.5 }]).problems.map((p) => p.code)).toEqual(['BAD_AMOUNT']);
    expect(validateFees('simple', [{ ...fee, value: 12.5 }]).problems).toEqual([]);
    expect(validateFees('delivery', [{ code: 'P', name: 'P', vatRate: 'v', deliveryMethod: 'post', per: 'order', amount: -5 }]).problems[0].path).toBe('fees[0].amount');
  });
  it('VAT rates: 0–100, two decimals, no overlap within a code', () => {
    const r = (rate: unknown, validFrom: string | null = null, validUntil: string | null = null, id = 'n') => ({ id, family: 'TVA', rate, validFrom, validUntil });
    expect(validateVatRate(r(5.5), [])).toEqual([]);
    expect(validateVatRate(r(101), [])[0].path).toBe('rate');
    expect(validateVatRate(r(-1), [])[0].path).toBe('rate');
    expect(validateVatRate(r(5.555), [])[0].code).toBe('BAD_RATE');
    expect(validateVatRate(r(7), [r(5.5, null, null, 'old')])[0].code).toBe('OVERLAPPING_VAT_RATE');
    expect(validateVatRate(r(7, '2027-01-01T00:00:00Z'), [r(5.5, null, '2027-01-01T00:00:00Z', 'old')])).toEqual([]);
  });
});

describe('properties', () => {
  const cellArb = fc.record({
    seatCategoryId: fc.constantFrom('c1', 'c2', 'c3'),
    tariffTypeId: fc.constantFrom('plein', 'reduit'),
    priceLevelId: fc.constantFrom(null, 'A'),
    amount: fc.integer({ min: 0, max: 10_000_000 }),
    vatRateId: fc.constantFrom('v55', 'v20', 'v21'),
  }) as fc.Arbitrary<PriceCellInput>;
  const feeArb = fc.record({ kind: fc.constantFrom('fixed' as const, 'percent' as const), value: fc.integer({ min: 0, max: 10_000 }) });
  const lineArb = fc.record({
    performanceId: fc.constantFrom('p1', 'pA', 'gala', 'other'),
    seatCategoryId: fc.constantFrom('c1', 'c2', 'c3'),
    tariffTypeId: fc.constantFrom('plein', 'reduit'),
    quantity: fc.integer({ min: 1, max: 20 }),
  });

  it('HT + TVA = TTC for every line, fee and total; VAT never above TTC; fees never negative; quote = sum of lines + fees', () => {
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 12 }), feeArb, feeArb, fc.array(lineArb, { minLength: 1, maxLength: 10 }), (cells, simple, general, lines) => {
        const input = base();
        input.grids[0].cells = cells;
        input.fees.simple[0] = { ...input.fees.simple[0], kind: simple.kind, value: simple.kind === 'percent' ? simple.value / 100 : simple.value };
        input.fees.general[0] = { ...input.fees.general[0], kind: general.kind, value: general.kind === 'percent' ? general.value / 100 : general.value };
        const snap = compilePricing(input);
        const priced = lines.filter((l) => hasPrice(snap, l.performanceId, l.seatCategoryId, l.tariffTypeId));
        if (!priced.length) return;
        const r = quote(snap, { channelId: 'web', at: AT, deliveryMethodId: 'post', paymentMethodId: 'card', lines: priced });
        if (!r.ok) throw new Error(JSON.stringify(r.problems));
        const q = r.quote;
        const fees = [...q.orderFees, ...q.lines.flatMap((l) => l.fees)];
        for (const s of [...q.lines, ...q.lines.map((l) => l.total), ...q.lines.map((l) => l.unitPrice), ...fees, ...q.vatByRate, q.totals]) {
          expect(s.ht + s.vat).toBe(s.ttc);
          expect(s.vat).toBeGreaterThanOrEqual(0);
          expect(s.vat).toBeLessThanOrEqual(s.ttc);
        }
        for (const f of fees) expect(f.ttc).toBeGreaterThan(0);
        const sum = q.lines.reduce((t, l) => t + l.total.ttc, 0) + q.orderFees.reduce((t, f) => t + f.ttc, 0);
        expect(q.totals.ttc).toBe(sum);
        expect(q.vatByRate.reduce((t, v) => t + v.vat, 0)).toBe(q.totals.vat);
      }),
      { numRuns: 200 },
    );
  });

  it('a child grid changes only the cells it sets', () => {
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 12 }), fc.array(cellArb, { maxLength: 6 }), (seasonCells, childCells) => {
        const input = base();
        input.grids = [{ id: 'gs', code: 'S', seasonId: 's', eventId: null, performanceId: null, cells: seasonCells }];
        const without = compilePricing(input);
        input.grids.push({ id: 'gp', code: 'P', seasonId: 's', eventId: null, performanceId: 'pA', cells: childCells });
        const withChild = compilePricing(input);
        for (const perf of ['p1', 'pA', 'gala', 'other'])
          for (const k of ['c1', 'c2', 'c3'])
            for (const t of ['plein', 'reduit']) {
              const q = { performanceId: perf, seatCategoryId: k, tariffTypeId: t, at: AT };
              const set = perf === 'pA' && childCells.some((c) => c.seatCategoryId === k && c.tariffTypeId === t && (c.priceLevelId === null || c.priceLevelId === 'A'));
              const after = priceOf(withChild, q);
              if (!set) expect(after).toEqual(priceOf(without, q));
              else expect(after?.gridId).toBe('gp');
            }
      }),
      { numRuns: 200 },
    );
  });

  it('VAT of an amount is the half-up rounding of the exact value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), (ttc, bp) => {
        const exact = (ttc * bp) / (10_000 + bp);
        const vat = vatOfTtc(ttc, bp);
        expect(Math.abs(vat - exact)).toBeLessThanOrEqual(0.5 + 1e-9);
        if (Math.abs(exact - Math.floor(exact) - 0.5) > 1e-9) expect(vat).toBe(Math.round(exact));
      }),
    );
  });
});

describe('NO_PRICE gate', () => {
  const onSale: SaleAnswer = {
    status: 'ON_SALE',
    opensAt: '2027-06-01T08:00:00.000Z',
    closesAt: null,
    provenance: { periods: [], profiles: [{ type: 'activityProfile' as const, id: 'x', code: 'X' }] },
    reasons: [],
  };
  const perf = [{ type: 'performance' as const, id: 'p1', code: 'P1' }];
  it('leaves a priced answer untouched', () => {
    expect(withPriceGate(onSale, true, perf, true)).toBe(onSale);
  });
  it('makes an unpriced line NOT_ON_SALE with NO_PRICE in both languages, keeping when it would be sold', () => {
    const gated = withPriceGate(onSale, false, perf, true);
    expect(gated).toMatchObject({ status: 'NOT_ON_SALE', opensAt: onSale.opensAt, provenance: { periods: [], profiles: [] } });
    expect(gated.reasons.map((r) => r.code)).toEqual(['NO_PRICE']);
    expect(gated.reasons[0].message.fr).toContain('aucun prix');
    expect(gated.reasons[0].message.en).toContain('no validated price');
  });
  it('adds NO_PRICE to the reasons of an answer already not on sale, in the engine’s order, and keeps TEMPORARILY_UNAVAILABLE', () => {
    const closed: SaleAnswer = { ...onSale, status: 'SALES_ENDED', reasons: [{ code: 'CLOSED', objects: [], message: { fr: 'fermé', en: 'closed' } }] };
    expect(withPriceGate(closed, false, perf, false).reasons.map((r) => r.code)).toEqual(['NO_PRICE', 'CLOSED']);
    const suspended: SaleAnswer = { ...onSale, status: 'TEMPORARILY_UNAVAILABLE' };
    expect(withPriceGate(suspended, false, perf, false).status).toBe('TEMPORARILY_UNAVAILABLE');
  });
});
