import fs from 'node:fs';
import path from 'node:path';
import { clearHiddenFields, conditionalFields, holdsValue, isVisible, ruleOf, type SchemaAttribute } from '../conditional-fields';
import { type ConditionalSchema, shapeProblems } from '../shape';

// The evaluator the Content Manager (admin) and Strapi's entity validator use, so that the server
// hides exactly the fields the admin hides (a dependency of @strapi/core, without types).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsonLogic = require('json-logic-js') as { apply(logic: unknown, data: unknown): unknown };

const SRC = path.resolve(__dirname, '../..');
const schemas: Record<string, { attributes: Record<string, SchemaAttribute> }> = {};
for (const dir of fs.readdirSync(path.join(SRC, 'content-types'))) {
  const file = path.join(SRC, 'content-types', dir, 'schema.json');
  if (fs.existsSync(file)) schemas[dir] = JSON.parse(fs.readFileSync(file, 'utf8'));
}
for (const file of fs.readdirSync(path.join(SRC, 'components')).filter((f) => f.endsWith('.json'))) {
  schemas[`ticketing.${file.replace(/\.json$/, '')}`] = JSON.parse(fs.readFileSync(path.join(SRC, 'components', file), 'utf8'));
}

const conditional = (name: string) => conditionalFields(schemas[name].attributes);

describe('the conditions of the schemas', () => {
  test('every choice that decides which fields apply has its conditional fields', () => {
    const table = Object.fromEntries(
      Object.keys(schemas)
        .map((name) => [name, conditional(name).map((f) => `${f.field}←${f.rule.choice}${f.rule.operator}${JSON.stringify(f.rule.value)}`)])
        .filter(([, fields]) => fields.length > 0),
    );
    expect(table).toEqual({
      'ticketing.sales-period': [
        'opensAt←openingKind=="absolute"',
        'openingDays←openingKind=="relative"',
        'openingHours←openingKind=="relative"',
        'closesAt←closingKind=="absolute"',
        'closingDays←closingKind=="relative"',
        'closingHours←closingKind=="relative"',
      ],
      'ticketing.calendar-assignment': ['salesChannels←allChannels==false'],
      'activity-profile': ['events←allEvents==false', 'audienceSubcategories←allAudienceSubcategories==false', 'seatCategories←allSeatCategories==false', 'tariffTypes←allTariffTypes==false'],
      'product-profile': ['audienceSubcategories←allAudienceSubcategories==false'],
    });
  });

  const samples: Record<string, unknown>[] = [
    {},
    { openingKind: 'absolute', closingKind: 'none' },
    { openingKind: 'relative', closingKind: 'relative' },
    { openingKind: 'absolute', closingKind: 'absolute' },
    { closingKind: 'atPerformance' },
    { openingKind: null, closingKind: null },
    { allChannels: true },
    { allChannels: false },
    { allChannels: null },
    { allEvents: false, allAudienceSubcategories: true, allSeatCategories: false, allTariffTypes: null },
    { allEvents: true, allAudienceSubcategories: false, allSeatCategories: true, allTariffTypes: false },
    { allEvents: 0, allAudienceSubcategories: '' },
  ];

  test.each(Object.keys(schemas))('%s: visibility agrees with json-logic-js on every sample', (name) => {
    for (const [field, attribute] of Object.entries(schemas[name].attributes)) {
      const condition = (attribute.conditions as { visible?: unknown } | undefined)?.visible;
      if (!condition) continue;
      for (const values of samples) {
        expect([field, values, isVisible(ruleOf(attribute.conditions), values)]).toEqual([field, values, Boolean(jsonLogic.apply(condition, values))]);
      }
    }
  });
});

describe('ruleOf', () => {
  test('reads the Content-Type Builder form, == and !=', () => {
    expect(ruleOf({ visible: { '==': [{ var: 'kind' }, 'a'] } })).toEqual({ choice: 'kind', operator: '==', value: 'a' });
    expect(ruleOf({ visible: { '!=': [{ var: 'all' }, true] } })).toEqual({ choice: 'all', operator: '!=', value: true });
    expect(ruleOf(undefined)).toBeNull();
    expect(ruleOf({})).toBeNull();
  });

  test('refuses what it would not evaluate as json-logic-js does', () => {
    expect(() => ruleOf({ visible: { and: [{ '==': [{ var: 'a' }, 1] }, { '==': [{ var: 'b' }, 2] }] } })).toThrow(/unsupported/);
    expect(() => ruleOf({ visible: { '==': [{ var: 'a' }, { var: 'b' }] } })).toThrow(/unsupported/);
    expect(() => ruleOf({ visible: true })).toThrow(/unsupported/);
  });

  test('a condition naming a field the object does not have is refused', () => {
    expect(() => conditionalFields({ a: { type: 'string', conditions: { visible: { '==': [{ var: 'nope' }, 1] } } } })).toThrow(/nope/);
  });
});

describe('holdsValue', () => {
  test.each([
    ['scalar', null, false],
    ['scalar', '', false],
    ['scalar', 0, true],
    ['scalar', '2027-06-01T08:00:00.000Z', true],
    ['relation', [], false],
    ['relation', ['a'], true],
    ['relation', { set: [] }, false],
    ['relation', { connect: [], disconnect: [] }, false],
    ['relation', { connect: [{ documentId: 'a' }] }, true],
    ['relation', { disconnect: [{ documentId: 'a' }] }, false],
    ['relation', { documentId: 'a' }, true],
    ['repeatable', [], false],
    ['repeatable', [{ event: 'a' }], true],
  ] as const)('%s %j → %s', (kind, value, expected) => {
    expect(holdsValue(kind, value)).toBe(expected);
  });
});

describe('clearHiddenFields', () => {
  const period = conditional('ticketing.sales-period');
  const profile = conditional('activity-profile');

  test('a hidden field the write leaves out is cleared; a visible one is left as written', () => {
    expect(clearHiddenFields(period, { openingKind: 'relative', openingDays: 3 }, { openingKind: 'relative', openingDays: 3 })).toEqual({
      openingKind: 'relative',
      openingDays: 3,
      opensAt: null,
      closesAt: null,
      closingDays: null,
      closingHours: null,
    });
  });

  test('a hidden field given a value is kept, for the shape rules to refuse', () => {
    const data = { openingKind: 'relative', opensAt: '2027-06-01T08:00:00.000Z', openingDays: 3 };
    expect(clearHiddenFields(period, data, data).opensAt).toBe('2027-06-01T08:00:00.000Z');
  });

  test('visibility follows the stored choice when the write does not give it', () => {
    const cleared = clearHiddenFields(profile, { name: 'x' }, { name: 'x', allEvents: true, allAudienceSubcategories: false, allSeatCategories: true, allTariffTypes: true });
    expect(cleared).toEqual({ name: 'x', events: [], seatCategories: { set: [] }, tariffTypes: { set: [] } });
  });

  test('the input is not changed', () => {
    const data = { allEvents: true };
    clearHiddenFields(profile, data, data);
    expect(data).toEqual({ allEvents: true });
  });
});

describe('shape rules: a hidden field with a value is refused, naming the field and the choice', () => {
  const schemaOf = (type: string): ConditionalSchema => ({
    fields: conditional(type),
    components: type === 'sales-calendar' ? { periods: conditional('ticketing.sales-period') } : {},
  });

  test('an « all events » profile that lists events', () => {
    const problems = shapeProblems('activity-profile', { code: 'P', allEvents: true, events: [{ event: 'e' }] }, schemaOf('activity-profile'));
    expect(problems).toEqual([{ path: 'events', fr: 'doit rester vide quand « Associer tous les événements au profil » est activé', en: 'must be empty when "All events" is on' }]);
  });

  test('a relative opening with a date, in a period', () => {
    const problems = shapeProblems(
      'sales-calendar',
      { code: 'C', periods: [{ openingKind: 'relative', openingDays: 3, opensAt: '2027-06-01T08:00:00.000Z', closingKind: 'none' }] },
      schemaOf('sales-calendar'),
    );
    expect(problems.map((p) => [p.path, p.fr])).toEqual([['periods[0].opensAt', "doit rester vide quand « Type d'ouverture » vaut « Jours et/ou heures avant la séance »"]]);
  });

  test('nothing when the hidden fields are empty', () => {
    expect(shapeProblems('activity-profile', { code: 'P', allEvents: true, events: [], seatCategories: { set: [] } }, schemaOf('activity-profile'))).toEqual([]);
  });
});
