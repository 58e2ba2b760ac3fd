import fs from 'node:fs';
import path from 'node:path';
import { fieldHelp } from '../../../../shared/help';
import { enumValueLabels, fieldLabels } from '../../../../shared/labels';
import { type ContentManagerModel, PLUGIN_VIEWS, type StoredConfiguration, isUnchanged, managedPart, pluginManaged, strapiDefault, withManaged } from '../content-manager-views';

const SRC = path.resolve(__dirname, '../..');
type Attribute = { type: string; relation?: string; enum?: string[]; component?: string };
const schemaOf = (uid: string): { attributes: Record<string, Attribute> } => {
  const file = uid.startsWith('plugin::')
    ? path.join(SRC, 'content-types', uid.slice('plugin::ticketing.'.length), 'schema.json')
    : path.join(SRC, 'components', `${uid.slice('ticketing.'.length)}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
};

/** The Content Manager's model of a type: its attributes, relations with `relationType`, Strapi's own fields. */
const modelOf = (uid: string): ContentManagerModel => {
  const attributes: ContentManagerModel['attributes'] = { id: { type: 'integer' } };
  for (const [name, a] of Object.entries(schemaOf(uid).attributes)) attributes[name] = a.type === 'relation' ? { ...a, relationType: a.relation } : a;
  if (uid.startsWith('plugin::')) {
    Object.assign(attributes, {
      createdAt: { type: 'datetime' },
      updatedAt: { type: 'datetime' },
      createdBy: { type: 'relation', relationType: 'oneToOne' },
      updatedBy: { type: 'relation', relationType: 'oneToOne' },
    });
    attributes.documentId = { type: 'string' };
  }
  return { uid, attributes };
};
const SIZES: Record<string, number> = { component: 12, boolean: 4, integer: 4, date: 4, datetime: 6, enumeration: 6, relation: 6, string: 6, text: 6 };
const sizeOf = (type: string) => SIZES[type];

describe.each(Object.keys(PLUGIN_VIEWS))('%s', (uid) => {
  const model = modelOf(uid);
  const view = PLUGIN_VIEWS[uid];
  const editable = Object.keys(schemaOf(uid).attributes);

  test('the edit view places every field once, in rows of at most 12 columns', () => {
    const placed = view.edit.flat().map(([name]) => name);
    expect([...placed].sort()).toEqual([...editable].sort());
    for (const row of view.edit) expect(row.reduce((sum, [, size]) => sum + size, 0)).toBeLessThanOrEqual(12);
    // Fields of the full-width kinds stay full width (the Content Manager would move them otherwise).
    for (const [name, size] of view.edit.flat()) if (model.attributes[name].type === 'component') expect(size).toBe(12);
  });

  test('list columns exist and can be listed; the sort field can be sorted', () => {
    for (const name of view.list ?? []) {
      expect(model.attributes[name]).toBeDefined();
      expect(model.attributes[name].type).not.toBe('component');
    }
    if (view.sort) {
      const attribute = model.attributes[view.sort[0]];
      expect(attribute.type).not.toBe('component');
      if (attribute.type === 'relation') expect(['oneToOne', 'manyToOne']).toContain(attribute.relationType);
    }
  });

  test('every field has a French and English label, every enumeration value a translation', () => {
    for (const [name, attribute] of Object.entries(schemaOf(uid).attributes)) {
      expect([name, fieldLabels[name]?.fr && fieldLabels[name]?.en]).toEqual([name, expect.any(String)]);
      for (const value of attribute.enum ?? []) expect([value, enumValueLabels[value]?.en]).toEqual([value, expect.any(String)]);
    }
  });

  test('descriptions exist in both languages for the fields that have one', () => {
    for (const [name, help] of Object.entries(fieldHelp[uid] ?? {})) {
      expect(model.attributes[name]).toBeDefined();
      expect(help.fr.length).toBeGreaterThan(10);
      expect(help.en.length).toBeGreaterThan(10);
    }
  });

  test('applied to Strapi’s default, the plugin’s part reads back the same, and is then « unchanged »', () => {
    const base = strapiDefault(model, sizeOf);
    const stored: StoredConfiguration = withManaged(
      {
        settings: { ...base.settings, bulkable: true },
        metadatas: Object.fromEntries(
          Object.keys(model.attributes).map((n) => [n, { edit: n === 'id' || n === 'documentId' ? {} : { label: n, description: '', editable: true }, list: { label: n, sortable: true } }]),
        ),
        layouts: { edit: base.edit, list: base.list },
      },
      base,
    );
    expect(isUnchanged(managedPart(stored), base)).toBe(true);
    const written = withManaged(stored, pluginManaged(model, base));
    const part = managedPart(written);
    expect(part.edit.map((row) => row.map((f) => [f.name, f.size]))).toEqual(view.edit);
    expect(isUnchanged(part, part)).toBe(true);
    expect(isUnchanged(part, base)).toBe(false);
    // Everything else is kept.
    expect(written.settings?.bulkable).toBe(true);
    expect(written.metadatas?.code?.edit?.editable ?? true).toBe(true);
  });
});

describe('isUnchanged', () => {
  const model = modelOf('plugin::ticketing.sales-calendar');
  const base = strapiDefault(model, sizeOf);
  const plugin = pluginManaged(model, base);

  test('an administrator’s change (a description, a column, a width) is a change', () => {
    expect(isUnchanged({ ...plugin, descriptions: { ...plugin.descriptions, code: 'Le nôtre' } }, plugin)).toBe(false);
    expect(isUnchanged({ ...plugin, list: [...plugin.list, 'id'] }, plugin)).toBe(false);
    expect(isUnchanged({ ...plugin, edit: [[{ name: 'name', size: 12 }], ...plugin.edit.slice(1)] }, plugin)).toBe(false);
    expect(isUnchanged({ ...plugin, settings: { ...plugin.settings, pageSize: 50 } }, plugin)).toBe(false);
  });

  test('a field the Content Manager appended (a schema that grew) is not a change', () => {
    const grown = {
      ...plugin,
      edit: [...plugin.edit.slice(0, -1), [...plugin.edit[plugin.edit.length - 1], { name: 'newField', size: 6 }]],
      labels: { ...plugin.labels, newField: { edit: 'newField', list: 'newField' } },
    };
    expect(isUnchanged(grown, plugin)).toBe(true);
  });
});

test('Strapi’s default edit layout: schema order, rows of 12 at default sizes', () => {
  const base = strapiDefault(modelOf('ticketing.sales-period'), sizeOf);
  expect(base.edit.map((row) => row.map((f) => `${f.name}:${f.size}`))).toEqual([
    ['name:6', 'openingKind:6'],
    ['opensAt:6', 'openingDays:4'],
    ['openingHours:4', 'closingKind:6'],
    ['closesAt:6', 'closingDays:4'],
    ['closingHours:4', 'audienceCategories:6'],
  ]);
  expect(base.settings).toEqual({ mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC', pageSize: 10 });
});
