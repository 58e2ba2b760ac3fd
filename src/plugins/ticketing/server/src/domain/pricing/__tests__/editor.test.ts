/** The grid editor's rules: French amounts, spreadsheet blocks, inherited cells, revenue inputs. */
import { editableCents, formatCents, formatPercent, parseClipboardBlock, parseEuros, parsePercent } from '../../../../../shared/money';
import { defaultVatRate, fullPriceTariffType, gridCellKey, inheritedCells, sellableBySeatCategory } from '..';

describe('amounts the French way', () => {
  test.each([
    ['45', 4500],
    ['45,5', 4550],
    ['45.50', 4550],
    ['45,50 €', 4550],
    ['  45,50\u00a0€ ', 4550],
    ['1 234,56', 123456],
    ['1\u202f234,56 €', 123456],
    ['0', 0],
    ['0,05', 5],
    ['100000', 10_000_000],
    ['12 EUR', 1200],
  ])('« %s » → %i cents', (text, cents) => {
    expect(parseEuros(text)).toEqual({ ok: true, cents });
  });

  test.each([
    ['', 'EMPTY'],
    ['abc', 'NOT_A_NUMBER'],
    ['45,,5', 'NOT_A_NUMBER'],
    ['4 5', 'NOT_A_NUMBER'],
    ['45,555', 'TOO_PRECISE'],
    ['-3', 'NEGATIVE'],
    ['100000,01', 'TOO_LARGE'],
    ['1e3', 'NOT_A_NUMBER'],
  ])('« %s » is refused (%s), with a message in both languages', (text, code) => {
    const r = parseEuros(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.fr.length).toBeGreaterThan(3);
      expect(r.en.length).toBeGreaterThan(3);
    }
  });

  test('shown as « 45,00 € », edited as « 45,00 », and read back', () => {
    expect(formatCents(4500).replace(/[\u00a0\u202f]/g, ' ')).toBe('45,00 €');
    expect(formatCents(123456).replace(/[\u00a0\u202f]/g, ' ')).toBe('1 234,56 €');
    for (const cents of [0, 5, 4550, 123456, 10_000_000]) {
      expect(parseEuros(formatCents(cents))).toEqual({ ok: true, cents });
      expect(parseEuros(editableCents(cents))).toEqual({ ok: true, cents });
    }
  });

  test('a block copied from a spreadsheet: tabs and lines, Windows line ends, the trailing newline', () => {
    expect(parseClipboardBlock('45\t36,5\r\n30\t\r\n')).toEqual([
      ['45', '36,5'],
      ['30', ''],
    ]);
    expect(parseClipboardBlock('12')).toEqual([['12']]);
  });
});

describe('a child grid’s inherited cells', () => {
  const cell = (seatCategory: string, tariffType: string, amount: number, priceLevel: string | null = null) => ({ seatCategory, tariffType, priceLevel, amount, vatRate: 'v' });
  test('the most specific scope wins; in a scope, validated grids before drafts, then by code', () => {
    const event = [
      { id: 'e1', code: 'B-EVENT', state: 'draft', cells: [cell('c1', 'n', 1)] },
      { id: 'e2', code: 'A-EVENT', state: 'validated', cells: [cell('c1', 'n', 2), cell('c2', 'n', 3)] },
    ];
    const season = [{ id: 's', code: 'SEASON', state: 'validated', cells: [cell('c1', 'n', 9), cell('c3', 'n', 8), cell('c1', 'n', 7, 'A')] }];
    const out = inheritedCells([event, season]);
    expect(out.get(gridCellKey('c1', 'n', null))).toMatchObject({ amount: 2, gridCode: 'A-EVENT' });
    expect(out.get(gridCellKey('c2', 'n', null))).toMatchObject({ amount: 3, gridCode: 'A-EVENT' });
    expect(out.get(gridCellKey('c3', 'n', null))).toMatchObject({ amount: 8, gridCode: 'SEASON' });
    expect(out.get(gridCellKey('c1', 'n', 'A'))).toMatchObject({ amount: 7, gridCode: 'SEASON' });
    expect(inheritedCells([])).toEqual(new Map());
  });

  test('the default VAT rate: the one most cells use, else the parent’s', () => {
    expect(defaultVatRate([{ vatRate: 'a' }, { vatRate: 'b' }, { vatRate: 'b' }])).toBe('b');
    expect(defaultVatRate([], [{ vatRate: 'p' }])).toBe('p');
    expect(defaultVatRate([])).toBeNull();
  });
});

describe('revenue inputs', () => {
  test('sellable places by seat category id, from the reconciliation’s codes', () => {
    const ids = new Map([
      ['CAT1', 'id1'],
      ['CAT2', 'id2'],
    ]);
    expect(
      sellableBySeatCategory(
        [
          { code: 'CAT1', sellable: 100 },
          { code: 'CAT2', sellable: 0 },
          { code: 'GONE', sellable: 5 },
        ],
        ids,
      ),
    ).toEqual({ id1: 100 });
  });

  test('the full-price tariff type: NORMAL, PLEIN or « Plein tarif », else the first by code', () => {
    expect(
      fullPriceTariffType([
        { id: 'r', code: 'REDUIT', name: 'Réduit' },
        { id: 'n', code: 'NORMAL', name: 'Normal' },
      ]),
    ).toBe('n');
    expect(
      fullPriceTariffType([
        { id: 'a', code: 'ABO', name: 'Abonné' },
        { id: 'p', code: 'TP', name: 'Plein tarif' },
      ]),
    ).toBe('p');
    expect(
      fullPriceTariffType([
        { id: 'z', code: 'Z', name: 'Zed' },
        { id: 'b', code: 'B', name: 'Bee' },
      ]),
    ).toBe('b');
    expect(fullPriceTariffType([])).toBeNull();
  });
});

describe('percentages the French way (fee tables)', () => {
  test.each([
    ['2', 2],
    ['2,5', 2.5],
    ['2.55 %', 2.55],
    ['100', 100],
  ])('« %s » → %d', (text, percent) => expect(parsePercent(text)).toEqual({ ok: true, percent }));
  test.each(['abc', '2,555', '100,01', '-1', ''])('« %s » is refused', (text) => expect(parsePercent(text).ok).toBe(false));
  test('shown as « 2,5 % »', () => expect(formatPercent(2.5).replace(/[\u00a0\u202f]/g, ' ')).toBe('2,5 %'));
});
