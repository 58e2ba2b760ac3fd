import { errors } from '@strapi/utils';
import { log } from './services/log';
import { LOCALES, type Locale } from '../../shared/enums';

/**
 * Errors of the plugin: a stable `details.code` on every one (see ERROR_CODES and the error
 * middleware registered at bootstrap, `errorCodes`), and a message in the caller's language only.
 *
 * The caller's language, read from the request being served (`strapi.requestContext`):
 * - admin routes (the admin panel, the Content Manager): the admin user's `preferedLanguage`
 *   (any language other than French gets English), else the browser's `Accept-Language`;
 * - content API (`/api/…`): the `locale` query parameter when it is `fr` or `en`, else
 *   `Accept-Language`;
 * - otherwise (no request: scripts, the document service called directly) and by default: French,
 *   the institution's language.
 */

/**
 * Strapi maps its ApplicationError subclasses to 400/401/403/404/413/429/501 only. An error
 * whose prototype chain includes http-errors' HttpError is answered by the `strapi::errors`
 * middleware with its own `status`, name, message and details — on the admin API and on the
 * content API alike — and without logging it as a server error. That is the chain we build here
 * (http-errors' own constructors do the same with setPrototypeOf) so that a refused write is a
 * real 409 and a failed check a real 422.
 */
class StatusError extends Error {
  status: number;
  statusCode: number;
  expose = true;
  details: Record<string, unknown>;

  constructor(status: number, name: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    markAsPlugins(this);
    this.status = status;
    this.statusCode = status;
    this.name = name;
    this.details = details;
  }
}
Object.setPrototypeOf(StatusError.prototype, (errors as unknown as { HttpError: { prototype: object } }).HttpError.prototype);

export class ConflictError extends StatusError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(409, 'ConflictError', message, { code: 'CONFLICT', ...details });
  }
}

export class UnprocessableError extends StatusError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(422, 'UnprocessableEntityError', message, { code: 'UNPROCESSABLE', ...details });
  }
}

type RequestLike = {
  query?: Record<string, unknown>;
  state?: { user?: { preferedLanguage?: unknown } | null; route?: { info?: { type?: string } } } & Record<PropertyKey, unknown>;
  get?: (header: string) => string;
  path?: string;
};

const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** Accept-Language headers already read (browsers send a handful of distinct values): header → answer. */
const acceptLanguageMemo = new Map<string, Locale | null>();

/** The best of fr/en in an Accept-Language header (by q-value, then order), or null. */
export function fromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const known = acceptLanguageMemo.get(header);
  if (known !== undefined) return known;
  if (acceptLanguageMemo.size >= 500) acceptLanguageMemo.clear();
  const locale = readAcceptLanguage(header);
  acceptLanguageMemo.set(header, locale);
  return locale;
}

function readAcceptLanguage(header: string): Locale | null {
  let best: { locale: Locale; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    const primary = tag.split('-')[0];
    if (!(q > 0)) continue;
    if (isLocale(primary) && (!best || q > best.q)) best = { locale: primary, q };
  }
  return best?.locale ?? null;
}

const currentRequest = (): RequestLike | undefined => {
  // `strapi` is the global Strapi instance; absent in the engine's unit tests.
  const instance = (globalThis as { strapi?: { requestContext?: { get(): unknown } } }).strapi;
  return instance?.requestContext?.get() as RequestLike | undefined;
};

/** The language of the caller of the request being served (see the top of this file). */
export function callerLanguage(ctx: RequestLike | undefined = currentRequest()): Locale {
  if (!ctx) return LOCALES[0];
  const isContentApi = ctx.state?.route?.info?.type === 'content-api' || (typeof ctx.path === 'string' && ctx.path.startsWith('/api/'));
  if (isContentApi) {
    const locale = ctx.query?.locale;
    if (isLocale(locale)) return locale;
  } else {
    const preferred = ctx.state?.user?.preferedLanguage;
    if (typeof preferred === 'string' && preferred !== '') return preferred.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  }
  return fromAcceptLanguage(ctx.get?.('accept-language')) ?? LOCALES[0];
}

/** Messages the plugin wrote during a request (so the error middleware knows the error is the plugin's). */
const OWN_MESSAGES = Symbol.for('ticketing.errorMessages');
const OWN_ERROR = Symbol.for('ticketing.error');

/** Marks an error as raised by the plugin (the error middleware then gives it a code if it has none). */
export function markAsPlugins<E extends object>(error: E): E {
  (error as Record<symbol, unknown>)[OWN_ERROR] = true;
  return error;
}

/**
 * The message in the caller's language: French `fr` or English `en`, never both. The call
 * signature of the former « fr / en » join is kept: call sites need no change.
 */
export const bilingual = (fr: string, en: string): string => {
  const ctx = currentRequest();
  const message = callerLanguage(ctx) === 'fr' ? fr : en;
  if (ctx?.state) {
    const own = (ctx.state[OWN_MESSAGES] as Set<string> | undefined) ?? new Set<string>();
    own.add(message);
    ctx.state[OWN_MESSAGES] = own;
  }
  return message;
};

/** Both texts of a message, for the code that picks one itself. */
export const localised = (message: { fr: string; en: string }): string => bilingual(message.fr, message.en);

/**
 * Codes given to the plugin's errors that were raised without one, by kind (`details.code`).
 * Errors raised with a code keep it (e.g. READ_ONLY, GUARD_FAILED, INVALID_PARAMETER).
 */
export const ERROR_CODES = {
  ValidationError: 'VALIDATION_ERROR',
  NotFoundError: 'NOT_FOUND',
  PolicyError: 'FORBIDDEN',
  ForbiddenError: 'FORBIDDEN',
  UnauthorizedError: 'UNAUTHORIZED',
  ConflictError: 'CONFLICT',
  UnprocessableEntityError: 'UNPROCESSABLE',
  PayloadTooLargeError: 'PAYLOAD_TOO_LARGE',
  RateLimitError: 'RATE_LIMITED',
} as const;

type ErrorLike = { name?: unknown; message?: unknown; details?: unknown; status?: unknown } & Record<symbol, unknown>;

/**
 * Koa middleware (inside Strapi's error middleware, around every route): gives `details.code` to
 * every error the plugin raised without one — errors on the plugin's own routes, errors marked
 * by the plugin's constructors, and errors whose message `bilingual` wrote in this request (the
 * guards of the document service raise those on the Content Manager's routes too).
 */
export const errorCodes = () => async (ctx: { path?: string; state?: Record<PropertyKey, unknown> }, next: () => Promise<unknown>) => {
  try {
    await next();
  } catch (caught) {
    if (caught && typeof caught === 'object') {
      const error = caught as ErrorLike;
      const own = ctx.state?.[OWN_MESSAGES] as Set<string> | undefined;
      const onOurRoute = typeof ctx.path === 'string' && /^\/(api\/)?ticketing\//.test(ctx.path);
      const ours = onOurRoute || error[OWN_ERROR] === true || (typeof error.message === 'string' && !!own?.has(error.message));
      const name = typeof error.name === 'string' ? error.name : '';
      if (ours && (typeof error.status === 'number' || name in ERROR_CODES)) {
        const details = (error.details && typeof error.details === 'object' ? error.details : {}) as Record<string, unknown>;
        if (typeof details.code !== 'string') {
          details.code = ERROR_CODES[name as keyof typeof ERROR_CODES] ?? (error.status === 404 ? 'NOT_FOUND' : error.status === 403 ? 'FORBIDDEN' : 'ERROR');
        }
        error.details = details;
      }
    }
    throw caught;
  }
};

/**
 * A 403 whose message reaches the client. Strapi's route authorisation middleware answers any
 * ForbiddenError thrown further down with a bare « Forbidden »; PolicyError (a ForbiddenError,
 * still a 403) is its one exception, so the refusal can name the organisation or channel.
 */
export const forbidden = (message: string, details: Record<string, unknown> = {}) => {
  // Every perimeter refusal is built here, and always thrown.
  log.debug(`refused (perimeter): ${message}`);
  return markAsPlugins(new errors.PolicyError(message, { code: 'FORBIDDEN', ...details }));
};
