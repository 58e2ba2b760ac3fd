import { errors } from '@strapi/utils';

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
    this.status = status;
    this.statusCode = status;
    this.name = name;
    this.details = details;
  }
}
Object.setPrototypeOf(StatusError.prototype, (errors as unknown as { HttpError: { prototype: object } }).HttpError.prototype);

export class ConflictError extends StatusError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(409, 'ConflictError', message, details);
  }
}

export class UnprocessableError extends StatusError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(422, 'UnprocessableEntityError', message, details);
  }
}

/** « fr » / « en » in one message, as the write guard does. */
export const bilingual = (fr: string, en: string) => `${fr} / ${en}`;

/**
 * A 403 whose message reaches the client. Strapi's route authorisation middleware answers any
 * ForbiddenError thrown further down with a bare « Forbidden »; PolicyError (a ForbiddenError,
 * still a 403) is its one exception, so the refusal can name the organisation or channel.
 */
export const forbidden = (message: string, details: Record<string, unknown> = {}) => new errors.PolicyError(message, details);
