/**
 * Shape rules: what a well-formed configuration object looks like, independent of the rest of
 * the database. Pure functions over plain objects (the merged state a write would leave),
 * returning every problem with the path of the offending field. The Strapi shell turns them
 * into a 400 and adds the checks that need the database (unique codes, channel enabled).
 *
 * The rules of a sales period (§1.2) are decided once, on the engine's model
 * (`periodRuleIssues`): the write guard reads the stored fields into that model with
 * `salesPeriodRules` (as the configuration loader does) and the validation checks (checks.ts)
 * call the same function.
 */
import type { ClosingRule, OpeningRule } from './model';
import { parseInstant } from './time';

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

/** The conditional fields of a type, and of the components it holds (by attribute name). */
export interface ConditionalSchema {
  fields: readonly ConditionalField[];
  components: Record<string, readonly ConditionalField[]>;
}

export const NO_CONDITIONS: ConditionalSchema = { fields: [], components: {} };

function choiceWording(choice: string, value: unknown): { fr: string; en: string } {
  const label = fieldLabels[choice] ?? { fr: choice, en: choice };
  if (typeof value === 'boolean' || value === null || value === undefined) {
    return value === false ? { fr: `« ${label.fr} » est désactivé`, en: `"${label.en}" is off` } : { fr: `« ${label.fr} » est activé`, en: `"${label.en}" is on` };
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

// ---------------------------------------------------------------------------------------
// Sales period rules (§1.2), on the engine's model

/** Which field of a period a rule issue is about. */
export type PeriodRuleField = 'opensAt' | 'openingDays' | 'openingHours' | 'closesAt' | 'closingDays' | 'closingHours';

export interface PeriodRuleIssue {
  code: 'PERIOD_INVALID_DATE' | 'PERIOD_INVALID_RELATIVE_RULE' | 'PERIOD_CLOSES_BEFORE_OPENING';
  rule: 'opening' | 'closing';
  field: PeriodRuleField;
  /** PERIOD_INVALID_RELATIVE_RULE: a count that is not whole and ≥ 0, or 0 days and 0 hours. */
  relative?: 'notWhole' | 'zero';
}

/**
 * How far one DST change may move a relative rule given in days against one given in hours (a
 * calendar day lasts 23 to 25 hours): §1.2 refuses a relative period only when it is empty even
 * with this shift in its favour.
 */
const DST_SHIFT_HOURS = 1;

const isWholeNonNegativeNumber = (n: number) => Number.isInteger(n) && n >= 0;

/**
 * Whether a period is empty for every possible performance (§1.2): an absolute closing at or
 * before its absolute opening, or a relative closing at or before the relative opening even
 * with a one-hour DST shift in its favour. Days are calendar days and hours elapsed hours, so
 * « 0 d 72 h » before and « 3 d » before differ by an hour across a DST change either way: only
 * equal days make the hours decide exactly. Other combinations are empty for some performances
 * only, which the checks decide per performance with the compiled bounds.
 */
export function periodAlwaysEmpty(opening: OpeningRule, closing: ClosingRule): boolean {
  if (opening.kind === 'absolute' && closing.kind === 'absolute') return parseInstant(closing.at) <= parseInstant(opening.at);
  if (opening.kind === 'relative' && closing.kind === 'relative') {
    // How long the interval lasts when the days between the two rules are all 24 hours long.
    const nominalHours = (opening.days - closing.days) * 24 + (opening.hours - closing.hours);
    const shift = opening.days === closing.days ? 0 : DST_SHIFT_HOURS;
    return nominalHours + shift <= 0;
  }
  return false;
}

/**
 * Every rule issue of a sales period: an unreadable absolute date, relative days or hours that
 * are not whole and ≥ 0 (or both zero), and a period empty for every possible performance. The
 * write guard (via salesPeriodProblems) and the validation checks both ask this function.
 */
export function periodRuleIssues(opening: OpeningRule, closing: ClosingRule): PeriodRuleIssue[] {
  const out: PeriodRuleIssue[] = [];
  const rules = [
    ['opening', opening],
    ['closing', closing],
  ] as const;
  for (const [rule, r] of rules) {
    const prefix = rule === 'opening' ? 'opening' : 'closing';
    if (r.kind === 'absolute' && Number.isNaN(parseInstant(r.at))) {
      out.push({ code: 'PERIOD_INVALID_DATE', rule, field: rule === 'opening' ? 'opensAt' : 'closesAt' });
    } else if (r.kind === 'relative') {
      const days = isWholeNonNegativeNumber(r.days);
      const hours = isWholeNonNegativeNumber(r.hours);
      if (!days) out.push({ code: 'PERIOD_INVALID_RELATIVE_RULE', rule, field: `${prefix}Days`, relative: 'notWhole' });
      if (!hours) out.push({ code: 'PERIOD_INVALID_RELATIVE_RULE', rule, field: `${prefix}Hours`, relative: 'notWhole' });
      if (days && hours && r.days + r.hours === 0) out.push({ code: 'PERIOD_INVALID_RELATIVE_RULE', rule, field: `${prefix}Days`, relative: 'zero' });
    }
  }
  if (out.length === 0 && periodAlwaysEmpty(opening, closing)) {
    out.push({ code: 'PERIOD_CLOSES_BEFORE_OPENING', rule: 'closing', field: closing.kind === 'absolute' ? 'closesAt' : 'closingDays' });
  }
  return out;
}

/** A count of days or hours as stored (null or empty: 0; numbers may arrive as numeric strings; NaN when unreadable). */
const storedCount = (v: unknown): number => (isSet(v) ? (asNumber(v) ?? Number.NaN) : 0);
/** An instant as stored (a Date, or text), as the ISO string the engine reads ('' when absent or unreadable). */
const storedInstant = (v: unknown): string => {
  if (!isSet(v)) return '';
  const ms = parseInstant(typeof v === 'number' || v instanceof Date ? v : String(v));
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
};

/**
 * The rules of a stored sales period (component `ticketing.sales-period`: openingKind, opensAt,
 * openingDays… as the database gives them), in the engine's model. The configuration loader
 * and the write guard both read periods with it; an unknown opening kind reads as absolute and
 * an unknown closing kind as none (the write guard refuses both).
 */
export function salesPeriodRules(period: Plain): { opening: OpeningRule; closing: ClosingRule } {
  const opening: OpeningRule =
    period.openingKind === 'relative' ? { kind: 'relative', days: storedCount(period.openingDays), hours: storedCount(period.openingHours) } : { kind: 'absolute', at: storedInstant(period.opensAt) };
  let closing: ClosingRule;
  switch (period.closingKind) {
    case 'atPerformance':
      closing = { kind: 'atPerformance' };
      break;
    case 'absolute':
      closing = { kind: 'absolute', at: storedInstant(period.closesAt) };
      break;
    case 'relative':
      closing = { kind: 'relative', days: storedCount(period.closingDays), hours: storedCount(period.closingHours) };
      break;
    default:
      closing = { kind: 'none' };
  }
  return { opening, closing };
}

/** The write guard's words for each rule issue. */
function ruleIssueProblem(issue: PeriodRuleIssue, at: string): ShapeProblem {
  const label = issue.rule === 'opening' ? OPENING : CLOSING;
  const path = `${at}.${issue.field}`;
  switch (issue.code) {
    case 'PERIOD_INVALID_DATE':
      return issue.rule === 'opening'
        ? problem(path, "la date d'ouverture est obligatoire pour une ouverture absolue", 'an absolute opening needs its date and time')
        : problem(path, 'la date de fermeture est obligatoire pour une fermeture absolue', 'an absolute closing needs its date and time');
    case 'PERIOD_INVALID_RELATIVE_RULE':
      if (issue.relative === 'zero') {
        return problem(path, `une règle relative (${label.fr}) ne peut pas être de 0 jour et 0 heure`, `a relative rule (${label.en}) cannot be 0 days and 0 hours`);
      }
      return issue.field.endsWith('Hours')
        ? problem(path, `le nombre d'heures (${label.fr}) doit être un entier positif ou nul`, `the number of hours (${label.en}) must be a whole number ≥ 0`)
        : problem(path, `le nombre de jours (${label.fr}) doit être un entier positif ou nul`, `the number of days (${label.en}) must be a whole number ≥ 0`);
    default:
      return problem(path, "la fermeture doit être postérieure à l'ouverture (pour au moins une séance)", 'the closing must come after the opening (for some performance at least)');
  }
}

/** One sales period of a calendar (component `ticketing.sales-period`). */
export function salesPeriodProblems(period: Plain, at: string): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  const p = (field: string) => `${at}.${field}`;
  const openingKind = period.openingKind;
  if (openingKind !== 'absolute' && openingKind !== 'relative') {
    out.push(problem(p('openingKind'), "le type d'ouverture doit être « absolute » ou « relative »", 'the opening kind must be "absolute" or "relative"'));
  }
  const closingKind = period.closingKind ?? 'none';
  if (!['none', 'atPerformance', 'absolute', 'relative'].includes(String(closingKind))) {
    out.push(
      problem(
        p('closingKind'),
        'le type de fermeture doit être « none », « atPerformance », « absolute » ou « relative »',
        'the closing kind must be "none", "atPerformance", "absolute" or "relative"',
      ),
    );
  }
  // The fields of the kinds a period does not have are hidden by their conditions and must stay
  // empty (shapeProblems › hiddenFieldProblems); the fields of its kinds are checked here, by the
  // rules as the engine reads them.
  const { opening, closing } = salesPeriodRules({ ...period, closingKind });
  const issues = periodRuleIssues(opening, closing).filter((issue) => (issue.rule === 'opening' ? openingKind === 'absolute' || openingKind === 'relative' : closing.kind === closingKind));
  for (const issue of issues) {
    const problemOf = ruleIssueProblem(issue, at);
    if (!out.some((x) => x.path === problemOf.path)) out.push(problemOf);
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
