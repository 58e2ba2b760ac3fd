/**
 * The website API's query parameters, parsed by hand (no dependency): every parameter is a
 * single string of a known name and shape, or the request is refused with a 400 naming it.
 * The parsed query is also the ETag's normal form (fixed key order, canonical values).
 */
import { errors } from '@strapi/utils';
import { parseInstant } from '../domain';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE = 10_000;
/** Codes follow the schemas' regex; documentIds are lower-case alphanumerics: both fit. */
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
/** Instants the engine is asked about: far enough either way for any season. */
const MIN_INSTANT = Date.UTC(1970, 0, 1);
const MAX_INSTANT = Date.UTC(2200, 0, 1);
const PRODUCT_TYPES = ['subscription', 'package', 'freeProduct', 'service', 'voucher', 'membership'] as const;

export type Locale = 'fr' | 'en';

export interface ContextParams {
  channel?: string;
  pointOfSale?: string;
  audience: string;
  buyer: 'public' | 'structure';
  /** Explicit instant (ms), or undefined = now. */
  at?: number;
  locale: Locale;
}
export interface OnSaleParams extends ContextParams {
  season?: string;
  event?: string;
  from?: number;
  to?: number;
  includeSoon: boolean;
  page: number;
  pageSize: number;
}
export interface PerformanceStatusParams extends ContextParams {
  seatCategory?: string;
  tariffType?: string;
}
export interface ProductsOnSaleParams extends ContextParams {
  season?: string;
  productType?: (typeof PRODUCT_TYPES)[number];
  includeSoon: boolean;
  page: number;
  pageSize: number;
}
export interface ProductStatusParams extends ContextParams {
  quantity?: number;
}
export interface CatalogParams {
  season?: string;
}

const bad = (name: string, message: string) =>
  new errors.ValidationError(`Invalid parameter "${name}": ${message}`, { errors: [{ path: [name], message, name: 'ValidationError' }] });

/** Reads the raw query: only known names, each a single string. */
class Reader {
  private readonly used = new Set<string>();
  constructor(private readonly query: Record<string, unknown>) {
    for (const [name, value] of Object.entries(query ?? {})) {
      if (Array.isArray(value)) throw bad(name, 'given more than once');
      if (typeof value !== 'string') throw bad(name, 'must be a single value, not an object');
    }
  }
  raw(name: string): string | undefined {
    this.used.add(name);
    const value = this.query?.[name] as string | undefined;
    if (value === undefined) return undefined;
    if (value.length > 200) throw bad(name, 'too long');
    return value;
  }
  identifier(name: string, required = false): string | undefined {
    const value = this.raw(name);
    if (value === undefined || value === '') {
      if (required) throw bad(name, 'is required');
      if (value === '') throw bad(name, 'is empty');
      return undefined;
    }
    if (!IDENTIFIER.test(value)) throw bad(name, 'must be a code or a documentId (letters, digits, "_", ".", "-")');
    return value;
  }
  instant(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    // ISO 8601 only (Date.parse would also read "March 7" or "0").
    if (!/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+)?(Z|[+-]\d{2}(:?\d{2})?)?$/i.test(value)) throw bad(name, 'must be an ISO 8601 instant, e.g. 2027-10-12T18:00:00Z');
    const ms = parseInstant(value);
    if (!Number.isFinite(ms) || ms < MIN_INSTANT || ms >= MAX_INSTANT) throw bad(name, 'must be an ISO 8601 instant between 1970 and 2200');
    return ms;
  }
  integer(name: string, min: number, max: number): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!/^\d{1,9}$/.test(value)) throw bad(name, `must be a whole number from ${min} to ${max}`);
    const n = Number(value);
    if (n < min || n > max) throw bad(name, `must be a whole number from ${min} to ${max}`);
    return n;
  }
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw bad(name, `must be one of ${allowed.join(', ')}`);
    return value as T;
  }
  /** Unknown parameters are refused too: a typo (`chanel=`) must not silently widen an answer. */
  done() {
    for (const name of Object.keys(this.query ?? {})) if (!this.used.has(name)) throw bad(name, 'unknown parameter');
  }
}

function context(r: Reader): ContextParams {
  const channel = r.identifier('channel');
  const pointOfSale = r.identifier('pointOfSale');
  if (!channel && !pointOfSale) throw bad('channel', 'give a sales channel (channel) or a point of sale (pointOfSale)');
  return {
    channel,
    pointOfSale,
    audience: r.identifier('audience', true)!,
    buyer: r.oneOf('buyer', ['public', 'structure'] as const) ?? 'public',
    at: r.instant('at'),
    locale: r.oneOf('locale', ['fr', 'en'] as const) ?? 'fr',
  };
}

function paging(r: Reader) {
  return {
    page: r.integer('page', 1, MAX_PAGE) ?? 1,
    pageSize: r.integer('pageSize', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE,
  };
}

const includeSoon = (r: Reader) => r.oneOf('include', ['soon'] as const) === 'soon';

export function parseOnSale(query: Record<string, unknown>): OnSaleParams {
  const r = new Reader(query);
  const params: OnSaleParams = {
    ...context(r),
    season: r.identifier('season'),
    event: r.identifier('event'),
    from: r.instant('from'),
    to: r.instant('to'),
    includeSoon: includeSoon(r),
    ...paging(r),
  };
  if (params.from !== undefined && params.to !== undefined && params.to <= params.from) throw bad('to', 'must be after "from"');
  r.done();
  return params;
}

export function parsePerformanceStatus(query: Record<string, unknown>): PerformanceStatusParams {
  const r = new Reader(query);
  const params = { ...context(r), seatCategory: r.identifier('seatCategory'), tariffType: r.identifier('tariffType') };
  r.done();
  return params;
}

export function parseProductsOnSale(query: Record<string, unknown>): ProductsOnSaleParams {
  const r = new Reader(query);
  const params = { ...context(r), season: r.identifier('season'), productType: r.oneOf('productType', PRODUCT_TYPES), includeSoon: includeSoon(r), ...paging(r) };
  r.done();
  return params;
}

export function parseProductStatus(query: Record<string, unknown>): ProductStatusParams {
  const r = new Reader(query);
  const params = { ...context(r), quantity: r.integer('quantity', 1, 10_000) };
  r.done();
  return params;
}

export function parseCatalog(query: Record<string, unknown>): CatalogParams {
  const r = new Reader(query);
  const params = { season: r.identifier('season') };
  r.done();
  return params;
}

export function parsePathIdentifier(name: string, value: unknown): string {
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) throw bad(name, 'must be a code or a documentId');
  return value;
}

/** The canonical text of a parsed query (ETag input): keys sorted, undefined dropped. */
export function normalForm(params: object): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}
