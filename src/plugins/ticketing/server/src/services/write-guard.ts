import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CODE_SCOPE, type ContentTypeName, REQUIRED_RELATIONS, nameOf, uidOf } from '../constants';
import { type ConditionalField, type SchemaAttribute, clearHiddenFields, conditionalFields } from '../domain/conditional-fields';
import { type ConditionalSchema, type ShapeProblem, shapeProblems } from '../domain/shape';
import { bilingual } from '../errors';
import { log } from './log';
import { pricingProblems } from './pricing-guard';
import { assertContingentFree, capacityProblems } from './capacity-guard';
import { resolveDocumentId, toOneRelationInput } from './relations';
import { attributesOf, type DbRow } from '../strapi-types';

type Plain = DbRow;

const WRITE_ACTIONS = new Set(['create', 'update', 'clone']);

const SCOPE_LABEL = {
  institution: { fr: "l'institution", en: 'the institution' },
  organization: { fr: "l'organisme", en: 'the organization' },
  season: { fr: 'la saison', en: 'the season' },
} as const;

/** The relations to load from the current document to validate a partial update. */
function relationFields(name: ContentTypeName): string[] {
  const fields = new Set(REQUIRED_RELATIONS[name] ?? []);
  return [...fields];
}

function componentFields(strapi: Core.Strapi, uid: string): string[] {
  const attributes = attributesOf(strapi, uid);
  return Object.entries(attributes)
    .filter(([, a]) => a.type === 'component')
    .map(([field]) => field);
}

const conditionalCache = new Map<string, ConditionalSchema>();

/**
 * The conditional fields of a type and of its components, read from the schemas' own
 * `conditions.visible` (the Content Manager hides the same fields with the same rules).
 */
export function conditionalSchemaOf(strapi: Core.Strapi, uid: string): ConditionalSchema {
  const cached = conditionalCache.get(uid);
  if (cached) return cached;
  const attributes = attributesOf(strapi, uid) as Record<string, SchemaAttribute>;
  const components: Record<string, readonly ConditionalField[]> = {};
  for (const [field, attribute] of Object.entries(attributes)) {
    if (attribute.type !== 'component' || !attribute.component) continue;
    const fields = conditionalFields(attributesOf(strapi, attribute.component) as Record<string, SchemaAttribute>);
    if (fields.length > 0) components[field] = fields;
  }
  const schema = { fields: conditionalFields(attributes), components };
  conditionalCache.set(uid, schema);
  return schema;
}

/**
 * The write's data with the hidden fields it leaves out cleared (top level and component items;
 * an item's visibility is decided on its stored values merged with the written ones).
 */
function withHiddenFieldsCleared(conditional: ConditionalSchema, data: Plain, current: Plain | null): Plain {
  const merged = { ...(current ?? {}), ...data };
  const out = clearHiddenFields(conditional.fields, data, merged);
  for (const [attribute, fields] of Object.entries(conditional.components)) {
    const value = out[attribute];
    if (value === undefined || value === null) continue;
    const stored: Plain[] = Array.isArray(current?.[attribute]) ? current[attribute] : current?.[attribute] ? [current[attribute]] : [];
    const clearItem = (item: unknown) => {
      if (!item || typeof item !== 'object') return item;
      const written = item as Plain;
      const before = written.id === undefined ? undefined : stored.find((s) => String(s.id) === String(written.id));
      return clearHiddenFields(fields, written, { ...(before ?? {}), ...written });
    };
    out[attribute] = Array.isArray(value) ? value.map(clearItem) : clearItem(value);
  }
  return out;
}

function toValidationError(name: ContentTypeName, problems: ShapeProblem[]) {
  // In the caller's language only (errors.ts `bilingual`).
  const message = problems.map((p) => `${p.path} : ${bilingual(p.fr, p.en)}`).join(' ; ');
  log.debug(`write refused (write guard): ${name}: ${message}`);
  return new errors.ValidationError(message, {
    code: 'INVALID_FIELD',
    errors: problems.map((p) => ({
      path: p.path.split(/[.[\]]/).filter(Boolean),
      message: bilingual(p.fr, p.en),
      name: 'ValidationError',
      value: null,
    })),
  });
}

/**
 * Checks every write of a ticketing object, whichever door it comes through (Content Manager,
 * REST, document service): the pure shape rules of domain/shape.ts on the state the write
 * would leave, plus what needs the database: required relations, unique codes in their scope,
 * a point of sale's channel enabled for its organisation. Throws before anything is written.
 */
export const createWriteGuard = ({ strapi }: { strapi: Core.Strapi }) => {
  async function mergedState(name: ContentTypeName, action: string, params: Plain) {
    const uid = uidOf(name);
    const data: Plain = params.data ?? {};
    let current: Plain | null = null;
    if ((action === 'update' || action === 'clone') && params.documentId) {
      const populate = [...relationFields(name), ...componentFields(strapi, uid)];
      current = await strapi.db.query(uid as UID.ContentType).findOne({
        where: { documentId: params.documentId },
        populate: Object.fromEntries(populate.map((f) => [f, true])),
      });
    }
    // A field hidden by its choice holds nothing: cleared when the write leaves it out (the
    // Content Manager does not send hidden fields); refused below when the write gives it a value.
    const cleared = withHiddenFieldsCleared(conditionalSchemaOf(strapi, uid), data, current);
    if (params.data) params.data = cleared;
    const merged: Plain = { ...(current ?? {}), ...cleared };
    // Relations become documentIds (or null) in the merged view.
    const relations: Record<string, string | null> = {};
    for (const field of relationFields(name)) {
      const target = attributesOf(strapi, uid)[field].target as string;
      const input = toOneRelationInput(data[field]);
      if (input === undefined) {
        relations[field] = current?.[field]?.documentId ?? null;
      } else {
        const resolved = await resolveDocumentId(strapi, target, input);
        if (input !== null && resolved === null) {
          throw toValidationError(name, [{ path: field, fr: "l'objet lié n'existe pas", en: 'the related object does not exist' }]);
        }
        relations[field] = resolved;
      }
    }
    return { merged, relations, self: params.documentId as string | undefined };
  }

  async function databaseProblems(name: ContentTypeName, merged: Plain, relations: Record<string, string | null>, self?: string) {
    const problems: ShapeProblem[] = [];
    for (const field of REQUIRED_RELATIONS[name] ?? []) {
      if (!relations[field]) problems.push({ path: field, fr: 'ce lien est obligatoire', en: 'this relation is required' });
    }
    const scope = CODE_SCOPE[name];
    if (typeof merged.code === 'string' && merged.code !== '' && (scope === 'institution' || relations[scope])) {
      const filters: Plain = { code: { $eqi: merged.code } };
      if (scope !== 'institution') filters[scope] = { documentId: relations[scope] };
      if (self) filters.documentId = { $ne: self };
      const clash = await strapi.db.query(uidOf(name)).findOne({ where: filters, select: ['documentId', 'code'] });
      if (clash) {
        problems.push({
          path: 'code',
          fr: `le code « ${merged.code} » est déjà utilisé dans ${SCOPE_LABEL[scope].fr}`,
          en: `the code "${merged.code}" is already used in ${SCOPE_LABEL[scope].en}`,
        });
      }
    }
    if (name === 'point-of-sale' && relations.organization && relations.salesChannel) {
      const organization = await strapi.db.query(uidOf('organization')).findOne({
        where: { documentId: relations.organization },
        populate: { salesChannels: { select: ['documentId'] } },
      });
      const enabled = (organization?.salesChannels ?? []).some((c: Plain) => c.documentId === relations.salesChannel);
      if (!enabled) {
        problems.push({
          path: 'salesChannel',
          fr: "cette filière de vente n'est pas ouverte pour l'organisme du point de vente",
          en: "this sales channel is not enabled for the point of sale's organization",
        });
      }
    }
    if (name === 'physical-configuration' || name === 'logical-configuration' || name === 'event' || name === 'performance') {
      problems.push(...(await strapi.plugin('ticketing').service('places').writeProblems(name, merged, relations, self)));
    }
    return problems;
  }

  return {
    /** Document-service middleware. */
    async middleware(context: Plain, next: () => Promise<unknown>) {
      const name = nameOf(context.uid);
      if (name === 'contingent') await assertContingentFree(strapi, context.action, context.params?.documentId, context.params?.data ?? {});
      if (!name || !WRITE_ACTIONS.has(context.action)) return next();
      const { merged, relations, self } = await mergedState(name, context.action, context.params ?? {});
      const problems = shapeProblems(name, merged, conditionalSchemaOf(strapi, context.uid));
      problems.push(...(await databaseProblems(name, merged, relations, context.action === 'clone' ? undefined : self)));
      // Prices and fees (issue #18): cells, fees, VAT rates.
      problems.push(...(await pricingProblems(strapi, name, context.params?.data ?? {}, merged, relations, context.action === 'clone' ? undefined : self)));
      // Capacity (issue #17): contingent allocations and limits.
      problems.push(...(await capacityProblems(strapi, name, context.params?.data ?? {}, merged, relations)));
      if (problems.length > 0) throw toValidationError(name, problems);
      return next();
    },
  };
};
