/**
 * Write-time shape rules: what a well-formed configuration object looks like, independent of
 * the rest of the database. Pure functions over plain objects (the merged state a write would
 * leave), returning every problem with the path of the offending field. The Strapi shell turns
 * them into a 400 and adds the checks that need the database (unique codes, channel enabled).
 */

import { enumValueLabels, fieldLabels } from '../../../shared/labels';
import { type ConditionalField, hiddenWithValue } from './conditional-fields';

export interface ShapeProblem {
  /** Field path as the editor sees it, e.g. `periods[1].openingDays`. */
  path: string;
  fr: string;
  en: string;
}

type Plain = Record<string, unknown>;

const problem = (path: string, fr: string, en: string): ShapeProblem => ({ path, fr, en });

const isSet = (v: unknown) => v !== null && v !== undefined && v !== '';

/** Numbers may arrive as numeric strings from REST clients. */
const asNumber = (v: unknown): number | null => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
};

const isWholeNonNegative = (v: unknown) => {
  const n = asNumber(v);
  return n !== null && Number.isInteger(n) && n >= 0;
};

const instant = (v: unknown): number | null => {
  if (!isSet(v)) return null;
  const t = v instanceof Date ? v.getTime() : Date.parse(String(v));
  return Number.isNaN(t) ? null : t;
};

/** A rule given as days and/or hours before the performance. */
function relativeRule(prefix: string, days: unknown, hours: unknown, label: { fr: string; en: string }): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  const d = isSet(days) ? days : 0;
  const h = isSet(hours) ? hours : 0;
  const zero = (v: unknown) => asNumber(v) === 0;
  if (!isWholeNonNegative(d)) {
    out.push(problem(`${prefix}Days`, `le nombre de jours (${label.fr}) doit être un entier positif ou nul`, `the number of days (${label.en}) must be a whole number ≥ 0`));
  }
  if (!isWholeNonNegative(h)) {
    out.push(problem(`${prefix}Hours`, `le nombre d'heures (${label.fr}) doit être un entier positif ou nul`, `the number of hours (${label.en}) must be a whole number ≥ 0`));
  }
  if (out.length === 0 && zero(d) && zero(h)) {
    out.push(problem(`${prefix}Days`, `une règle relative (${label.fr}) ne peut pas être de 0 jour et 0 heure`, `a relative rule (${label.en}) cannot be 0 days and 0 hours`));
  }
  return out;
}

/** The conditional fields of a type, and of the components it holds (by attribute name). */
export interface ConditionalSchema {
  fields: readonly ConditionalField[];
  components: Record<string, readonly ConditionalField[]>;
}

export const NO_CONDITIONS: ConditionalSchema = { fields: [], components: {} };

function choiceWording(choice: string, value: unknown): { fr: string; en: string } {
  const label = fieldLabels[choice] ?? { fr: choice, en: choice };
  if (typeof value === 'boolean' || value === null || value === undefined) {
    return value === false
      ? { fr: `« ${label.fr} » est désactivé`, en: `"${label.en}" is off` }
      : { fr: `« ${label.fr} » est activé`, en: `"${label.en}" is on` };
  }
  const shown = enumValueLabels[String(value)] ?? { fr: String(value), en: String(value) };
  return { fr: `« ${label.fr} » vaut « ${shown.fr} »`, en: `"${label.en}" is "${shown.en}"` };
}

/**
 * A field that its choice hides must stay empty (domain/conditional-fields.ts): a write that gives
 * it a value is refused, naming the field and the choice.
 */
function hiddenFieldProblems(fields: readonly ConditionalField[], values: Plain, at: string): ShapeProblem[] {
  return hiddenWithValue(fields, values).map(({ field, choice, value }) => {
    const when = choiceWording(choice, value);
    return problem(`${at}${field}`, `doit rester vide quand ${when.fr}`, `must be empty when ${when.en}`);
  });
}

const OPENING = { fr: "l'ouverture", en: 'the opening' };
const CLOSING = { fr: 'la fermeture', en: 'the closing' };

/** One sales period of a calendar (component `ticketing.sales-period`). */
export function salesPeriodProblems(period: Plain, at: string): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  const p = (field: string) => `${at}.${field}`;
  const openingKind = period.openingKind;
  if (openingKind === 'absolute') {
    if (instant(period.opensAt) === null) {
      out.push(problem(p('opensAt'), "la date d'ouverture est obligatoire pour une ouverture absolue", 'an absolute opening needs its date and time'));
    }
  } else if (openingKind === 'relative') {
    out.push(...relativeRule(p('opening'), period.openingDays, period.openingHours, OPENING));
  } else {
    out.push(problem(p('openingKind'), "le type d'ouverture doit être « absolute » ou « relative »", 'the opening kind must be "absolute" or "relative"'));
  }

  const closingKind = period.closingKind ?? 'none';
  if (closingKind === 'none' || closingKind === 'atPerformance') {
    // Nothing to give: the fields of the other kinds are hidden, and must stay empty (below).
  } else if (closingKind === 'absolute') {
    const closes = instant(period.closesAt);
    if (closes === null) {
      out.push(problem(p('closesAt'), 'la date de fermeture est obligatoire pour une fermeture absolue', 'an absolute closing needs its date and time'));
    }
    const opens = openingKind === 'absolute' ? instant(period.opensAt) : null;
    if (opens !== null && closes !== null && closes <= opens) {
      out.push(problem(p('closesAt'), "la fermeture doit être postérieure à l'ouverture", 'the closing must come after the opening'));
    }
  } else if (closingKind === 'relative') {
    out.push(...relativeRule(p('closing'), period.closingDays, period.closingHours, CLOSING));
  } else {
    out.push(problem(p('closingKind'), 'le type de fermeture doit être « none », « atPerformance », « absolute » ou « relative »', 'the closing kind must be "none", "atPerformance", "absolute" or "relative"'));
  }
  return out;
}

function orderedInstants(data: Plain, from: string, to: string): ShapeProblem[] {
  const a = instant(data[from]);
  const b = instant(data[to]);
  if (isSet(data[from]) && a === null) return [problem(from, 'date invalide', 'invalid date')];
  if (isSet(data[to]) && b === null) return [problem(to, 'date invalide', 'invalid date')];
  if (a !== null && b !== null && b <= a) {
    return [problem(to, `doit être postérieur à ${from}`, `must come after ${from}`)];
  }
  return [];
}

function orderedDates(data: Plain, from: string, to: string): ShapeProblem[] {
  const a = isSet(data[from]) ? String(data[from]) : null;
  const b = isSet(data[to]) ? String(data[to]) : null;
  if (a !== null && b !== null && b < a) {
    return [problem(to, `ne peut pas précéder ${from}`, `cannot be before ${from}`)];
  }
  return [];
}

function quantities(data: Plain): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  for (const field of ['minQuantity', 'maxQuantity']) {
    const v = data[field];
    const n = asNumber(v);
    if (isSet(v) && !(n !== null && Number.isInteger(n) && n >= 1)) {
      out.push(problem(field, 'doit être un entier supérieur ou égal à 1', 'must be a whole number ≥ 1'));
    }
  }
  if (out.length === 0 && isSet(data.minQuantity) && isSet(data.maxQuantity) && asNumber(data.minQuantity)! > asNumber(data.maxQuantity)!) {
    out.push(problem('minQuantity', 'la quantité minimale dépasse la quantité maximale', 'the minimum quantity is greater than the maximum quantity'));
  }
  return out;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function codeProblems(data: Plain): ShapeProblem[] {
  const code = data.code;
  if (!isSet(code)) return [problem('code', 'le code est obligatoire', 'the code is required')];
  if (typeof code !== 'string' || !CODE_PATTERN.test(code) || code.length > 40) {
    return [problem('code', 'le code ne contient que lettres, chiffres, « _ », « - », « . » (40 au plus)', 'the code may only contain letters, digits, "_", "-", "." (40 at most)')];
  }
  return [];
}

/**
 * Every shape problem of an object of content type `type` (the singular name), given the
 * state the write would leave it in (current values merged with the written ones; relations
 * as they will be). Components are arrays of plain objects. `conditional`: the type's
 * conditional fields (from its schema), whose hidden fields must stay empty.
 */
export function shapeProblems(type: string, data: Plain, conditional: ConditionalSchema): ShapeProblem[] {
  const out: ShapeProblem[] = [...codeProblems(data), ...hiddenFieldProblems(conditional.fields, data, '')];
  for (const [attribute, fields] of Object.entries(conditional.components)) {
    const value = data[attribute];
    const items = Array.isArray(value) ? (value as Plain[]) : value && typeof value === 'object' ? [value as Plain] : [];
    items.forEach((item, i) => out.push(...hiddenFieldProblems(fields, item ?? {}, Array.isArray(value) ? `${attribute}[${i}].` : `${attribute}.`)));
  }
  switch (type) {
    case 'sales-calendar': {
      const periods = Array.isArray(data.periods) ? (data.periods as Plain[]) : [];
      periods.forEach((period, i) => out.push(...salesPeriodProblems(period, `periods[${i}]`)));
      break;
    }
    case 'event': {
      const t = data.closingToleranceMinutes;
      if (isSet(t) && !isWholeNonNegative(t)) {
        out.push(problem('closingToleranceMinutes', 'la tolérance horaire doit être un nombre entier de minutes positif ou nul', 'the closing tolerance must be a whole number of minutes ≥ 0'));
      }
      break;
    }
    case 'performance':
      if (instant(data.startsAt) === null) {
        out.push(problem('startsAt', 'la date et heure de début est obligatoire', 'the start date and time is required'));
      }
      out.push(...orderedInstants(data, 'startsAt', 'endsAt'));
      break;
    case 'season':
      out.push(...orderedDates(data, 'startsOn', 'endsOn'));
      break;
    case 'product-profile':
      out.push(...orderedInstants(data, 'saleStart', 'saleEnd'));
      out.push(...quantities(data));
      break;
    default:
      break;
  }
  return out;
}

export const formatShapeProblem = (p: ShapeProblem) => `${p.path} : ${p.fr} / ${p.en}`;
