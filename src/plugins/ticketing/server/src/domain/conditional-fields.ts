/**
 * Conditional fields: a choice decides which fields apply (« Type d'ouverture » absolute → a
 * date and time, relative → days and hours; « Associer tous les événements » on → no event
 * list…). The schemas say it with Strapi's attribute `conditions.visible` (JSON Logic, in the
 * form the Content-Type Builder writes: `{ "==": [{ "var": "<choice>" }, <value>] }` or `!=`),
 * which the Content Manager uses to hide the field and to leave it out of what it saves.
 *
 * The same condition, read from the same schema, decides on the server what a hidden field
 * holds: nothing. A write that leaves a hidden field out clears it (null, an empty list), so a
 * stale value never stays behind a choice; a write that gives a hidden field a value is refused
 * by the shape rules (domain/shape.ts), whatever its door. Pure: no Strapi import.
 */

export type Scalar = string | number | boolean | null;

/** A visibility rule: the field shows when `choice` (a sibling field) equals (or differs from) `value`. */
export interface VisibilityRule {
  choice: string;
  operator: '==' | '!=';
  value: Scalar;
}

type Plain = Record<string, unknown>;

const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * The rule of a `conditions.visible` value, or null when the attribute has none. Anything else
 * than the Content-Type Builder's form is refused (it would be evaluated differently here and
 * in the admin): `ruleOf` throws, and the plugin does not start.
 */
export function ruleOf(conditions: unknown): VisibilityRule | null {
  if (conditions === undefined || conditions === null) return null;
  const visible = (conditions as Plain).visible;
  if (visible === undefined) return null;
  if (typeof visible === 'object' && visible !== null && !Array.isArray(visible)) {
    const entries = Object.entries(visible as Plain);
    if (entries.length === 1) {
      const [operator, args] = entries[0];
      if ((operator === '==' || operator === '!=') && Array.isArray(args) && args.length === 2) {
        const [left, value] = args;
        const choice = typeof left === 'object' && left !== null ? (left as Plain).var : undefined;
        if (typeof choice === 'string' && choice !== '' && isScalar(value)) return { choice, operator, value };
      }
    }
  }
  throw new Error(`unsupported conditions.visible ${JSON.stringify(visible)}: use { "==" | "!=": [{ "var": field }, value] }`);
}

/**
 * JSON Logic's `==` is JavaScript's loose equality (json-logic-js applies `a == b`): the admin
 * hides a field with exactly this comparison, so the server must compare the same way
 * (`undefined == false` is false: a switch never set shows its list only once set to false).
 */
const looseEquals = (a: unknown, b: Scalar): boolean => a == b;

/** Whether the field of `rule` shows for these values of its object (or component item). */
export function isVisible(rule: VisibilityRule | null, values: Plain): boolean {
  if (!rule) return true;
  const equal = looseEquals(values[rule.choice], rule.value);
  return rule.operator === '==' ? equal : !equal;
}

/** How a hidden field is emptied, by its attribute type. */
export type FieldKind = 'scalar' | 'relation' | 'component' | 'repeatable';

export interface SchemaAttribute {
  type: string;
  repeatable?: boolean;
  component?: string;
  conditions?: unknown;
}

export interface ConditionalField {
  field: string;
  kind: FieldKind;
  rule: VisibilityRule;
}

export const kindOf = (attribute: SchemaAttribute): FieldKind =>
  attribute.type === 'relation' ? 'relation' : attribute.type === 'component' ? (attribute.repeatable ? 'repeatable' : 'component') : 'scalar';

/** The conditional fields of a schema's attributes (throws on an unsupported condition). */
export function conditionalFields(attributes: Record<string, SchemaAttribute>): ConditionalField[] {
  const out: ConditionalField[] = [];
  for (const [field, attribute] of Object.entries(attributes)) {
    const rule = ruleOf(attribute.conditions);
    if (!rule) continue;
    if (!Object.prototype.hasOwnProperty.call(attributes, rule.choice)) {
      throw new Error(`conditions.visible of ${field} names ${rule.choice}, which is not an attribute of the same object`);
    }
    out.push({ field, kind: kindOf(attribute), rule });
  }
  return out;
}

/** Whether a written value holds something (a relation input connecting or setting ids, a non-empty list…). */
export function holdsValue(kind: FieldKind, value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (kind === 'scalar') return true;
  if (Array.isArray(value)) return value.length > 0;
  if (kind === 'relation' && typeof value === 'object') {
    const input = value as Plain;
    if ('set' in input || 'connect' in input) {
      return [input.set, input.connect].some((ids) => (Array.isArray(ids) ? ids.length > 0 : ids !== undefined && ids !== null));
    }
    // `{ disconnect: […] }` alone empties; an object id (`{ documentId }`) is a value.
    return !('disconnect' in input);
  }
  return true;
}

/** What a hidden field is cleared to, by kind (a relation as the document service's `set`). */
export const emptyValue = (kind: FieldKind): null | never[] | { set: never[] } => (kind === 'scalar' || kind === 'component' ? null : kind === 'relation' ? { set: [] } : []);

/**
 * The write's data with every hidden field that the write leaves out (or gives an empty value)
 * set to its empty value. `values` are the object's values after the write (current values
 * merged with the written ones), which decide visibility. Fields given a value are kept as
 * given: the shape rules refuse them. Returns a new object; `data` is not changed.
 */
export function clearHiddenFields(fields: readonly ConditionalField[], data: Plain, values: Plain): Plain {
  const out: Plain = { ...data };
  for (const { field, kind, rule } of fields) {
    if (isVisible(rule, values)) continue;
    if (!holdsValue(kind, out[field])) out[field] = emptyValue(kind);
  }
  return out;
}

/**
 * Hidden fields that hold a value after the write (for the shape rules' « must stay empty »):
 * the field, the choice that hides it and that choice's value.
 */
export function hiddenWithValue(fields: readonly ConditionalField[], values: Plain): { field: string; choice: string; value: unknown }[] {
  return fields.filter(({ field, kind, rule }) => !isVisible(rule, values) && holdsValue(kind, values[field])).map(({ field, rule }) => ({ field, choice: rule.choice, value: values[rule.choice] }));
}
