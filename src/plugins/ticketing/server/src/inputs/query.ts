/**
 * Query-string inputs as zod schemas (zod 4, the version Strapi's own routes validate with):
 * one schema per route, from which both the parsing (with 400s naming the parameter) and the
 * OpenAPI description (website/openapi.ts, through zod's `z.toJSONSchema`) come. No regular
 * expression, bound or enumeration is written twice.
 *
 * Messages: zod issues carry a token (`MESSAGE`), turned into French and English by `describe`,
 * and the error is written in the caller's language (errors.ts `bilingual`).
 */
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { bilingual } from '../errors';
import { INSTANT_EXAMPLE, INSTANT_EXPECTED, INSTANT_PATTERN, parseStrictInstant } from './instant';

type Text = { fr: string; en: string };

/** Codes follow the schemas' regex; documentIds are lower-case alphanumerics: both fit. */
export const IDENTIFIER_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$';
const IDENTIFIER = new RegExp(IDENTIFIER_PATTERN);

/** A query parameter's value is one string: not repeated (`a=1&a=2`), not nested (`a[b]=1`). */
const singleValue = (issue: { input?: unknown }): string | undefined => {
  if (issue.input === undefined) return 'required';
  if (Array.isArray(issue.input)) return 'repeated';
  if (typeof issue.input === 'object') return 'nested';
  return undefined;
};

/** Messages, by token (`name` or `name:arg`). */
function describe(token: string): Text {
  const [name, ...rest] = token.split(':');
  const arg = rest.join(':');
  switch (name) {
    case 'required':
      return { fr: 'obligatoire', en: 'is required' };
    case 'repeated':
      return { fr: 'donné plusieurs fois', en: 'given more than once' };
    case 'nested':
      return { fr: 'doit être une seule valeur, pas un objet', en: 'must be a single value, not an object' };
    case 'empty':
      return { fr: 'est vide', en: 'is empty' };
    case 'identifier':
      return { fr: 'doit être un code ou un documentId (lettres, chiffres, « _ », « . », « - »)', en: 'must be a code or a documentId (letters, digits, "_", ".", "-")' };
    case 'integer': {
      const [min, max] = arg.split('-');
      return { fr: `doit être un nombre entier de ${min} à ${max}`, en: `must be a whole number from ${min} to ${max}` };
    }
    case 'oneOf':
      return { fr: `doit être l'une des valeurs ${arg}`, en: `must be one of ${arg}` };
    case 'instant': {
      const [fr, en] = arg.split('|');
      return { fr: `${fr} ; attendu : ${INSTANT_EXPECTED.fr}`, en: `${en}; expected ${INSTANT_EXPECTED.en}` };
    }
    case 'unknown':
      return { fr: 'paramètre inconnu', en: 'unknown parameter' };
    case 'channelOrPointOfSale':
      return { fr: 'indiquez une filière de vente (channel) ou un point de vente (pointOfSale)', en: 'give a sales channel (channel) or a point of sale (pointOfSale)' };
    case 'after':
      return { fr: `doit être après « ${arg} »`, en: `must be after "${arg}"` };
    case 'ambiguous':
      return {
        fr: 'ce code désigne plusieurs objets (un par saison) : donnez son documentId ou le paramètre « season »',
        en: 'this code names several objects (one per season); give its documentId or the "season" parameter',
      };
    default:
      return { fr: token, en: token };
  }
}

/** 400 naming the parameter (`details.errors[0].path`), in the caller's language. */
export function invalidParameter(name: string, token: string, details: Record<string, unknown> = {}) {
  const text = describe(token);
  const message = bilingual(text.fr, text.en);
  return new errors.ValidationError(bilingual(`Paramètre « ${name} » invalide : ${text.fr}`, `Invalid parameter "${name}": ${text.en}`), {
    code: 'INVALID_PARAMETER',
    ...details,
    errors: [{ path: [name], message, name: 'ValidationError' }],
  });
}

const text = () => z.string({ error: (issue) => singleValue(issue) });

/** A code or a documentId. */
export const identifier = (description: string) => text().min(1, 'empty').max(200, 'identifier').regex(IDENTIFIER, 'identifier').meta({ description });

/** An instant (ISO 8601, strict: inputs/instant.ts), parsed to epoch ms. */
export const instant = (description: string) =>
  text()
    .regex(new RegExp(INSTANT_PATTERN), `instant:ce n’est pas un instant ISO 8601|not an ISO 8601 instant`)
    .transform((value, ctx) => {
      const parsed = parseStrictInstant(value);
      if (parsed.ok) return parsed.ms;
      ctx.issues.push({ code: 'custom', message: `instant:${parsed.problem.fr}|${parsed.problem.en}`, input: value });
      return z.NEVER;
    })
    .meta({ description, examples: [INSTANT_EXAMPLE] });

/** A whole number from `min` to `max`, written in digits only (no sign, exponent, fraction). */
export const integer = (min: number, max: number, description: string) => {
  const token = `integer:${min}-${max}`;
  return z
    .preprocess(
      (value) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value),
      z
        .int({ error: (issue) => singleValue(issue) ?? token })
        .min(min, token)
        .max(max, token),
    )
    .meta({ description });
};

/** One of `values` (declared once, in shared/enums.ts). */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, description: string) =>
  z.enum(values, { error: (issue) => singleValue(issue) ?? `oneOf:${values.join(', ')}` }).meta({ description });

/**
 * Parses `query` with `schema`, or throws the 400 of its first issue, naming the parameter.
 * Unknown parameters are refused too: a typo (`chanel=`) must not silently widen an answer.
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue.code === 'unrecognized_keys') throw invalidParameter(issue.keys[0], 'unknown');
  throw invalidParameter(String(issue.path[0] ?? '?'), issue.message);
}
