/**
 * The Content Manager views the plugin configures (services/content-manager-layouts.ts applies
 * them at start): the edit view's field order, widths and groups as in the manual's screens, the
 * list columns an editor sorts by, French labels and descriptions. Pure: no Strapi import; the
 * shell passes the Content Manager's model of a type and its field sizes.
 *
 * What the plugin manages of a stored configuration is its « managed part »: both layouts, each
 * field's labels and description, and the sort/main field/page size settings. The plugin only
 * writes it while it is still Strapi's default or what the plugin itself wrote last time, so an
 * administrator's change in « Configurer la vue » is never overwritten.
 */
import { fieldHelp } from '../../../shared/help';
import { fieldLabels } from '../../../shared/labels';

export type Row = [field: string, size: number][];

export interface PluginView {
  edit: Row[];
  /** Columns of the list view (content types only). */
  list?: string[];
  sort?: [field: string, order: 'ASC' | 'DESC'];
  mainField?: string;
}

const STATE_NOTE: Row = [['state', 6]];

/** Edit rows group what the manual's screens group; a switch sits beside the list it decides. */
export const PLUGIN_VIEWS: Record<string, PluginView> = {
  // Places (issue 16): the plan and the layout are edited in Billetterie › Plans de salle.
  'plugin::ticketing.site': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['address', 6],
        ['timeZone', 6],
      ],
      [['spaces', 12]],
    ],
    list: ['code', 'name', 'timeZone'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.space': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [['site', 6]],
    ],
    list: ['code', 'name', 'site'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.physical-configuration': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['space', 6],
        ['securityGauge', 6],
      ],
      STATE_NOTE,
      [['plan', 12]],
    ],
    list: ['code', 'name', 'space', 'securityGauge', 'state'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.logical-configuration': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['organization', 4],
        ['season', 4],
        ['physicalConfiguration', 4],
      ],
      [['securityGauge', 6]],
      STATE_NOTE,
      [['layout', 12]],
      [['contingents', 12]],
      [['limits', 12]],
    ],
    list: ['code', 'name', 'organization', 'season', 'physicalConfiguration', 'securityGauge', 'state'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.organization': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['siret', 6],
        ['entertainmentLicence', 6],
      ],
      [['salesChannels', 12]],
      [['pricesInPlugin', 4]],
    ],
    list: ['code', 'name', 'siret', 'salesChannels'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.sales-channel': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['type', 6],
        ['external', 3],
        ['active', 3],
      ],
      [['description', 12]],
    ],
    list: ['code', 'name', 'type', 'external', 'active'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.point-of-sale': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['organization', 6],
        ['salesChannel', 6],
      ],
      [['active', 4]],
    ],
    list: ['code', 'name', 'organization', 'salesChannel', 'active'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.audience-category': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [['description', 12]],
    ],
    list: ['code', 'name', 'description'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.audience-subcategory': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['audienceCategory', 6],
        ['season', 6],
      ],
    ],
    list: ['code', 'name', 'audienceCategory', 'season'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.seat-category': {
    edit: [
      [
        ['name', 6],
        ['code', 4],
        ['rank', 2],
      ],
    ],
    list: ['rank', 'code', 'name'],
    sort: ['rank', 'ASC'],
  },
  'plugin::ticketing.tariff-type': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [['season', 6]],
    ],
    list: ['code', 'name', 'season'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.season': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['organization', 6],
        ['state', 6],
      ],
      [
        ['startsOn', 6],
        ['endsOn', 6],
      ],
    ],
    list: ['code', 'name', 'organization', 'startsOn', 'endsOn', 'state'],
    sort: ['startsOn', 'DESC'],
  },
  'plugin::ticketing.activity': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [['season', 6]],
    ],
    list: ['code', 'name', 'season'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.event': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['kind', 4],
        ['season', 4],
        ['activity', 4],
      ],
      [
        ['venueName', 6],
        ['closingToleranceMinutes', 6],
      ],
      [['logicalConfiguration', 6]],
      STATE_NOTE,
      [['description', 12]],
      // « Attribution calendriers de vente »
      [['calendarAssignments', 12]],
      [['performances', 12]],
    ],
    list: ['code', 'name', 'kind', 'season', 'activity', 'state'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.performance': {
    edit: [
      [
        ['event', 6],
        ['code', 6],
      ],
      [
        ['startsAt', 6],
        ['endsAt', 6],
      ],
      [
        ['state', 6],
        ['priceLevel', 6],
      ],
      [
        ['logicalConfiguration', 6],
        ['commercialGauge', 6],
      ],
      [['contingents', 12]],
      [['limits', 12]],
    ],
    list: ['code', 'event', 'startsAt', 'endsAt', 'state'],
    sort: ['startsAt', 'ASC'],
  },
  'plugin::ticketing.product': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['type', 6],
        ['season', 6],
      ],
      STATE_NOTE,
      [['description', 12]],
    ],
    list: ['code', 'name', 'type', 'season', 'state'],
    sort: ['code', 'ASC'],
  },
  // Manual: « Renseigner un nom interne, un code », then « Période vente ».
  'plugin::ticketing.sales-calendar': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['organization', 6],
        ['state', 6],
      ],
      [['periods', 12]],
    ],
    list: ['code', 'name', 'organization', 'state', 'updatedAt'],
    sort: ['code', 'ASC'],
  },
  // Prices and fees (issue #18).
  'plugin::ticketing.vat-rate': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['rate', 4],
        ['family', 6],
      ],
      [
        ['validFrom', 6],
        ['validUntil', 6],
      ],
    ],
    list: ['code', 'name', 'rate', 'validFrom', 'validUntil'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.payment-method': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['kind', 6],
        ['active', 4],
      ],
      [['salesChannels', 12]],
    ],
    list: ['code', 'name', 'kind', 'active'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.delivery-method': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['kind', 6],
        ['active', 4],
      ],
      [['salesChannels', 12]],
    ],
    list: ['code', 'name', 'kind', 'active'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.price-level': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['season', 6],
        ['rank', 4],
      ],
    ],
    list: ['code', 'name', 'season', 'rank'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.price-grid': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['season', 6],
        ['state', 6],
      ],
      [
        ['event', 6],
        ['performance', 6],
      ],
      [['cells', 12]],
    ],
    list: ['code', 'name', 'season', 'event', 'performance', 'state'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.fee-table': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['organization', 6],
        ['kind', 6],
      ],
      [['state', 6]],
      [['fees', 12]],
    ],
    list: ['code', 'name', 'organization', 'kind', 'state'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.contingent': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['organization', 6],
        ['contingentKind', 6],
      ],
      [['salesChannels', 12]],
      [['pointsOfSale', 12]],
      [['audienceCategories', 12]],
    ],
    list: ['code', 'name', 'organization', 'contingentKind'],
    sort: ['code', 'ASC'],
  },
  // One period: its opening (kind, then the date or the days/hours), its closing, its audiences.
  'ticketing.sales-period': {
    edit: [
      [['name', 12]],
      [
        ['openingKind', 6],
        ['opensAt', 6],
      ],
      [
        ['openingDays', 3],
        ['openingHours', 3],
      ],
      [
        ['closingKind', 6],
        ['closesAt', 6],
      ],
      [
        ['closingDays', 3],
        ['closingHours', 3],
      ],
      [['audienceCategories', 12]],
    ],
    mainField: 'name',
  },
  'ticketing.calendar-assignment': {
    edit: [
      [
        ['salesCalendar', 6],
        ['allChannels', 6],
      ],
      [['salesChannels', 12]],
    ],
  },
  'ticketing.profile-event': {
    edit: [
      [
        ['event', 6],
        ['performances', 6],
      ],
    ],
  },
  // Manual: name, code, grand public / structures; « Evénement »; sous-catégories de public;
  // catégories de places; types de tarif; « Attribution filières de vente ».
  'plugin::ticketing.activity-profile': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['organization', 6],
        ['buyerKind', 6],
      ],
      STATE_NOTE,
      [['allEvents', 12]],
      [['events', 12]],
      [
        ['allAudienceSubcategories', 6],
        ['audienceSubcategories', 6],
      ],
      [
        ['allSeatCategories', 6],
        ['seatCategories', 6],
      ],
      [
        ['allTariffTypes', 6],
        ['tariffTypes', 6],
      ],
      [['salesChannels', 12]],
    ],
    list: ['code', 'name', 'organization', 'buyerKind', 'state', 'updatedAt'],
    sort: ['code', 'ASC'],
  },
  // Manual: name and code; sale start and end; grand public / structures; sous-catégories;
  // « Quantité »; « Produit »; « Attribution filières de vente ».
  'plugin::ticketing.product-profile': {
    edit: [
      [
        ['name', 6],
        ['code', 6],
      ],
      [
        ['organization', 6],
        ['buyerKind', 6],
      ],
      STATE_NOTE,
      [
        ['saleStart', 6],
        ['saleEnd', 6],
      ],
      [
        ['allAudienceSubcategories', 6],
        ['audienceSubcategories', 6],
      ],
      [
        ['minQuantity', 4],
        ['maxQuantity', 4],
      ],
      [['products', 12]],
      [['salesChannels', 12]],
    ],
    list: ['code', 'name', 'buyerKind', 'saleStart', 'saleEnd', 'state'],
    sort: ['code', 'ASC'],
  },
  'plugin::ticketing.state-transition': {
    edit: [
      [
        ['targetUid', 6],
        ['targetCode', 6],
      ],
      [
        ['action', 4],
        ['fromState', 4],
        ['toState', 4],
      ],
      [
        ['operatorName', 6],
        ['at', 6],
      ],
      [['reason', 12]],
      [
        ['targetDocumentId', 6],
        ['cascadeOf', 6],
      ],
      [['operatorId', 4]],
    ],
    list: ['at', 'targetCode', 'action', 'fromState', 'toState', 'operatorName'],
    sort: ['at', 'DESC'],
  },
};

/* ------------------------------------------------------------------------------------------ */

export interface LayoutField {
  name: string;
  size: number;
}

/** The Content Manager's model of a type or component (its `findContentType`/`findComponent`). */
export interface ContentManagerModel {
  uid: string;
  attributes: Record<string, { type: string; relationType?: string; required?: boolean }>;
  /** A schema's own view defaults; `config.attributes.<field>.hidden` keeps a field out of both views. */
  config?: { attributes?: Record<string, { hidden?: boolean }> };
}

export interface ManagedPart {
  edit: LayoutField[][];
  list: string[];
  labels: Record<string, { edit: string; list: string }>;
  descriptions: Record<string, string>;
  settings: { mainField: string; defaultSortBy: string; defaultSortOrder: string; pageSize: number };
}

/** The stored configuration, as the Content Manager keeps it (only what is read here is typed). */
export interface StoredConfiguration {
  settings?: Record<string, unknown>;
  metadatas?: Record<string, { edit?: Record<string, unknown>; list?: Record<string, unknown> }>;
  layouts?: { edit?: LayoutField[][]; list?: string[] } & Record<string, unknown>;
  [key: string]: unknown;
}

// Strapi's Content Manager (5.54, services/utils/configuration): not shown in the edit view.
const NOT_EDITABLE = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'firstPublishedAt']);
const NON_LISTABLE_TYPES = new Set(['json', 'password', 'richtext', 'dynamiczone', 'blocks']);
const LISTABLE_RELATIONS = new Set(['oneToOne', 'oneToMany', 'manyToOne', 'manyToMany']);
const DEFAULT_LIST_LENGTH = 4;
const MAX_ROW_SIZE = 12;

const isHidden = (model: ContentManagerModel, name: string) => model.config?.attributes?.[name]?.hidden === true;

const isListable = (model: ContentManagerModel, name: string) => {
  const attribute = model.attributes[name];
  if (!attribute || isHidden(model, name) || NON_LISTABLE_TYPES.has(attribute.type)) return false;
  return attribute.type !== 'relation' || LISTABLE_RELATIONS.has(attribute.relationType ?? '');
};

const firstStringField = (model: ContentManagerModel) => Object.keys(model.attributes).find((name) => model.attributes[name].type === 'string' && name !== 'id') ?? 'id';

/** Fields appended to the last row while they fit in 12 columns, then to new rows (as the Content Manager does). */
function appendToRows(rows: LayoutField[][], fields: LayoutField[]): LayoutField[][] {
  const out = rows.map((row) => [...row]);
  if (fields.length === 0) return out;
  if (out.length === 0) out.push([]);
  for (const field of fields) {
    const last = out[out.length - 1];
    if (last.reduce((sum, f) => sum + f.size, 0) + field.size > MAX_ROW_SIZE) out.push([field]);
    else last.push(field);
  }
  return out;
}

/**
 * The managed part of the configuration Strapi creates for a model nobody configured (the
 * Content Manager's createDefaultConfiguration): fields in schema order, appended to rows of 12
 * at their default sizes; the first four listable fields as columns; labels = field names, no
 * description; sorted by the first string field. `sizeOf(type)` is the field-sizes service's.
 */
export function strapiDefault(model: ContentManagerModel, sizeOf: (type: string) => number): ManagedPart {
  const fields = Object.keys(model.attributes).filter((name) => !NOT_EDITABLE.has(name) && !isHidden(model, name));
  const edit = appendToRows(
    [],
    fields.map((name) => ({ name, size: sizeOf(model.attributes[name].type) })),
  );
  const list = Object.keys(model.attributes)
    .filter((name) => name !== 'documentId' && isListable(model, name))
    .slice(0, DEFAULT_LIST_LENGTH);
  const names = [...Object.keys(model.attributes), 'id', 'documentId'];
  const labels = Object.fromEntries(names.map((name) => [name, { edit: name, list: name }]));
  const descriptions = Object.fromEntries(names.map((name) => [name, '']));
  const main = firstStringField(model);
  return { edit, list, labels, descriptions, settings: { mainField: main, defaultSortBy: main, defaultSortOrder: 'ASC', pageSize: 10 } };
}

/** What the plugin wants for a model: its view, French labels and descriptions. */
export function pluginManaged(model: ContentManagerModel, base: ManagedPart): ManagedPart {
  const view = PLUGIN_VIEWS[model.uid];
  if (!view) return base;
  const attributes = new Set(Object.keys(model.attributes));
  const placed = new Set(view.edit.flat().map(([name]) => name));
  // A field the view does not place yet (a schema grew) keeps Strapi's place: appended at the end.
  const missing = base.edit.flat().filter((f) => !placed.has(f.name));
  const rows = view.edit.map((row) => row.filter(([name]) => attributes.has(name)).map(([name, size]) => ({ name, size }))).filter((row) => row.length > 0);
  const edit = missing.length > 0 ? [...rows, ...appendToRows([], missing)] : rows;
  const help = fieldHelp[model.uid] ?? {};
  const labels = { ...base.labels };
  const descriptions = { ...base.descriptions };
  for (const name of Object.keys(labels)) {
    const label = fieldLabels[name]?.fr;
    if (label) labels[name] = { edit: label, list: label };
    if (help[name]) descriptions[name] = help[name].fr;
  }
  const sort = view.sort && attributes.has(view.sort[0]) ? view.sort : null;
  return {
    edit,
    list: view.list ? view.list.filter((name) => attributes.has(name)) : base.list,
    labels,
    descriptions,
    settings: {
      ...base.settings,
      ...(view.mainField && attributes.has(view.mainField) ? { mainField: view.mainField } : {}),
      ...(sort ? { defaultSortBy: sort[0], defaultSortOrder: sort[1] } : {}),
    },
  };
}

/** The managed part of a stored configuration. */
export function managedPart(stored: StoredConfiguration): ManagedPart {
  const metadatas = stored.metadatas ?? {};
  const settings = stored.settings ?? {};
  return {
    edit: (stored.layouts?.edit ?? []).map((row) => row.map((f) => ({ name: f.name, size: f.size }))),
    list: [...(stored.layouts?.list ?? [])],
    labels: Object.fromEntries(Object.entries(metadatas).map(([name, m]) => [name, { edit: String(m.edit?.label ?? name), list: String(m.list?.label ?? name) }])),
    descriptions: Object.fromEntries(Object.entries(metadatas).map(([name, m]) => [name, String(m.edit?.description ?? '')])),
    settings: {
      mainField: String(settings.mainField ?? 'id'),
      defaultSortBy: String(settings.defaultSortBy ?? 'id'),
      defaultSortOrder: String(settings.defaultSortOrder ?? 'ASC'),
      pageSize: Number(settings.pageSize ?? 10),
    },
  };
}

/** A managed part restricted to some fields (a schema that grew or shrank since it was written). */
function restricted(part: ManagedPart, fields: ReadonlySet<string>): ManagedPart {
  const pick = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([name]) => fields.has(name)));
  return {
    edit: part.edit.map((row) => row.filter((f) => fields.has(f.name))).filter((row) => row.length > 0),
    list: part.list.filter((name) => fields.has(name)),
    labels: pick(part.labels),
    descriptions: pick(part.descriptions),
    settings: part.settings,
  };
}

const fieldsOf = (part: ManagedPart) => new Set([...Object.keys(part.labels), ...part.edit.flat().map((f) => f.name), ...part.list]);

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/**
 * Whether a stored managed part is still `reference` (Strapi's default, or what the plugin wrote),
 * comparing only the fields both know: the Content Manager appends a field added to a schema and
 * drops a removed one by itself, which is no administrator's change.
 */
export function isUnchanged(current: ManagedPart, reference: ManagedPart): boolean {
  const a = fieldsOf(current);
  const common = new Set([...fieldsOf(reference)].filter((name) => a.has(name)));
  return canonical(restricted(current, common)) === canonical(restricted(reference, common));
}

export const sameManaged = (a: ManagedPart, b: ManagedPart) => canonical(a) === canonical(b);

/** The stored configuration with its managed part replaced (everything else kept: editable, visible, mainField of relations…). */
export function withManaged(stored: StoredConfiguration, part: ManagedPart): StoredConfiguration {
  const metadatas: NonNullable<StoredConfiguration['metadatas']> = {};
  for (const [name, m] of Object.entries(stored.metadatas ?? {})) {
    metadatas[name] = {
      ...m,
      edit: {
        ...(m.edit ?? {}),
        ...(part.labels[name] && Object.keys(m.edit ?? {}).length > 0 ? { label: part.labels[name].edit } : {}),
        ...(name in part.descriptions && Object.keys(m.edit ?? {}).length > 0 ? { description: part.descriptions[name] } : {}),
      },
      list: { ...(m.list ?? {}), ...(part.labels[name] ? { label: part.labels[name].list } : {}) },
    };
  }
  return {
    ...stored,
    settings: { ...(stored.settings ?? {}), ...part.settings },
    metadatas,
    layouts: { ...(stored.layouts ?? {}), edit: part.edit, list: part.list },
  };
}
