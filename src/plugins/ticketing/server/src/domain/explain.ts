/**
 * Explanations: the reasons of an answer and the problems of a check share one shape, so
 * the admin UI renders both the same way (stable code, links to the objects, fr/en text).
 * Every message is written here, once: the rest of the engine only picks a builder.
 */
import type { CatalogueState, Id } from './model';
import type { ObjectType, ReasonCode } from '../../../shared/enums';

export type { ObjectType };

/** A link to one configuration object. Periods also carry their calendar (their ids are only unique within it). */
export interface ObjectRef {
  readonly type: ObjectType;
  readonly id: Id;
  readonly code: string;
  readonly calendarId?: Id;
}

export interface Message {
  readonly fr: string;
  readonly en: string;
}

/** Why an answer is not ON_SALE (or why a quantity is refused). */
export interface Reason {
  readonly code: ReasonCode;
  readonly objects: readonly ObjectRef[];
  readonly message: Message;
}

/** A finding of a validation check. */
export interface Problem {
  readonly code: ProblemCode;
  readonly objects: readonly ObjectRef[];
  readonly message: Message;
}

export type { ReasonCode };

/**
 * The order of an answer's reasons: what the buyer can do nothing about first, then what a
 * different question would change, then what time will change. The first reason of an answer
 * is the one to show when only one is shown. Within a rank, reasons keep the order in which the
 * engine found them (gate, window, profiles).
 *
 * 0. the question names something unknown (or no channel): nothing can be answered;
 * 1. the catalogue said no for good: cancelled, closed, in preparation (…_NOT_RUNNING);
 * 2. suspended (TEMPORARILY_UNAVAILABLE: it may come back, but not by the buyer's doing);
 * 3. the performance is over, or its date is unreadable;
 * 4. not in this channel: the channel, the point of sale, no calendar or no profile for it;
 * 5. not for this buyer: buyer kind, season of the subcategory or tariff type, event,
 *    performance, subcategory, seat category or tariff type outside every profile, no period
 *    for the audience category, an empty window;
 * 6. time: not yet open, then closed;
 * 7. the quantity asked (it never changes the status).
 *
 * Hence a SOON_ON_SALE answer starts with NOT_YET_OPEN, a SALES_ENDED one with PERFORMANCE_OVER
 * or CLOSED, a TEMPORARILY_UNAVAILABLE one with a …_SUSPENDED reason (property-tested).
 */
export const REASON_RANK: Readonly<Record<ReasonCode, number>> = {
  UNKNOWN_PERFORMANCE: 0,
  UNKNOWN_PRODUCT: 0,
  UNKNOWN_CHANNEL: 0,
  UNKNOWN_POINT_OF_SALE: 0,
  UNKNOWN_AUDIENCE_SUBCATEGORY: 0,
  UNKNOWN_SEAT_CATEGORY: 0,
  UNKNOWN_TARIFF_TYPE: 0,
  CHANNEL_REQUIRED: 0,
  UNKNOWN_EVENT: 0,
  UNKNOWN_SEASON: 0,
  SEASON_NOT_RUNNING: 1,
  EVENT_NOT_RUNNING: 1,
  PERFORMANCE_NOT_RUNNING: 1,
  PRODUCT_NOT_RUNNING: 1,
  SEASON_SUSPENDED: 2,
  EVENT_SUSPENDED: 2,
  PERFORMANCE_SUSPENDED: 2,
  PRODUCT_SUSPENDED: 2,
  PERFORMANCE_OVER: 3,
  INVALID_PERFORMANCE_DATE: 3,
  CHANNEL_INACTIVE: 4,
  CHANNEL_NOT_ENABLED_FOR_ORGANIZATION: 4,
  POINT_OF_SALE_INACTIVE: 4,
  POINT_OF_SALE_WRONG_CHANNEL: 4,
  POINT_OF_SALE_WRONG_ORGANIZATION: 4,
  NO_VALIDATED_CALENDAR_FOR_CHANNEL: 4,
  NO_VALIDATED_ACTIVITY_PROFILE: 4,
  CHANNEL_NOT_IN_PROFILE: 4,
  AUDIENCE_SUBCATEGORY_OTHER_SEASON: 5,
  TARIFF_TYPE_OTHER_SEASON: 5,
  BUYER_KIND_MISMATCH: 5,
  EVENT_NOT_IN_PROFILE: 5,
  PERFORMANCE_NOT_IN_PROFILE: 5,
  SUBCATEGORY_NOT_IN_PROFILE: 5,
  SEAT_CATEGORY_NOT_IN_PROFILE: 5,
  TARIFF_TYPE_NOT_IN_PROFILE: 5,
  NO_PERIOD_FOR_AUDIENCE_CATEGORY: 5,
  NO_VALIDATED_PRODUCT_PROFILE: 5,
  EMPTY_SALES_WINDOW: 5,
  NO_PRICE: 5,
  NOT_YET_OPEN: 6,
  CLOSED: 6,
  QUANTITY_BELOW_MIN: 7,
  QUANTITY_ABOVE_MAX: 7,
  // Capacity (issue #17): only on an open window (the status SOLD_OUT), naming the binding pool.
  SOLD_OUT: 6,
};

/**
 * Puts an answer's own `reasons` array in REASON_RANK order, in place (stable; the elements
 * are shared frozen reasons, the array is the answer's). Every answer's reasons pass here.
 */
export function orderReasons(list: Reason[]): Reason[] {
  // Insertion sort: a handful of elements, stable, no allocation.
  for (let i = 1; i < list.length; i++) {
    const r = list[i];
    const rank = REASON_RANK[r.code];
    let j = i - 1;
    while (j >= 0 && REASON_RANK[list[j].code] > rank) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = r;
  }
  return list;
}

export type ProblemCode =
  | 'UNKNOWN_SALES_CALENDAR'
  | 'UNKNOWN_ACTIVITY_PROFILE'
  | 'UNKNOWN_PRODUCT_PROFILE'
  | 'UNKNOWN_REFERENCE'
  | 'CALENDAR_HAS_NO_PERIOD'
  | 'PERIOD_HAS_NO_AUDIENCE_CATEGORY'
  | 'PERIOD_INVALID_DATE'
  | 'PERIOD_INVALID_RELATIVE_RULE'
  | 'PERIOD_CLOSES_BEFORE_OPENING'
  | 'PERIOD_YIELDS_NO_WINDOW'
  | 'CALENDAR_NOT_ASSIGNED'
  | 'PERFORMANCE_WITHOUT_WINDOW'
  | 'PROFILE_HAS_NO_CHANNEL'
  | 'PROFILE_HAS_NO_EVENT'
  | 'PROFILE_HAS_NO_AUDIENCE_SUBCATEGORY'
  | 'PROFILE_HAS_NO_SEAT_CATEGORY'
  | 'PROFILE_HAS_NO_TARIFF_TYPE'
  | 'PERFORMANCE_SELECTION_WITH_ALL_EVENTS'
  | 'PERFORMANCE_NOT_OF_EVENT'
  | 'PROFILE_HAS_NO_PRODUCT'
  | 'MIN_QUANTITY_ABOVE_MAX'
  | 'INVALID_QUANTITY'
  | 'SALE_END_NOT_AFTER_START'
  | 'INVALID_SALE_DATE'
  | 'CHANNEL_NOT_ENABLED_FOR_ORGANIZATION'
  | 'PROFILES_OVERLAP';

const STATE_FR: Record<CatalogueState, string> = {
  preparing: 'en préparation',
  validated: 'validé',
  running: 'en exploitation',
  suspended: 'suspendu',
  closed: 'clôturé',
  cancelled: 'annulé',
};

/** « code » in French, "code" in English. */
const fq = (ref: ObjectRef): string => `« ${ref.code} »`;
const eq = (ref: ObjectRef): string => `"${ref.code}"`;
const fList = (refs: readonly ObjectRef[]): string => refs.map(fq).join(', ');
const eList = (refs: readonly ObjectRef[]): string => refs.map(eq).join(', ');

/** Messages are given as a thunk so that builders read the same as problems; evaluated at once (plain data). */
const reason = (code: ReasonCode, objects: readonly ObjectRef[], text: () => [string, string]): Reason => {
  const [fr, en] = text();
  return { code, objects, message: { fr, en } };
};

const problem = (code: ProblemCode, objects: readonly ObjectRef[], fr: string, en: string): Problem => ({
  code,
  objects,
  message: { fr, en },
});

/** Local date-times as they appear in messages, formatted by the caller in the institution zone. */
export interface LocalTime {
  fr: string;
  en: string;
}

/** Builders of every reason, one per code (some codes have one builder per object type). */
export const reasons = {
  unknown(code: ReasonCode, type: ObjectType, id: Id, fr: string, en: string): Reason {
    return reason(code, [{ type, id, code: id }], () => [`${fr} « ${id} » est inconnu(e).`, `Unknown ${en} "${id}".`]);
  },
  channelRequired: (): Reason => reason('CHANNEL_REQUIRED', [], () => ['Indiquez une filière de vente ou un point de vente.', 'A sales channel or a point of sale is required.']),
  seasonNotRunning: (s: ObjectRef, state: CatalogueState): Reason =>
    reason('SEASON_NOT_RUNNING', [s], () => [`La saison ${fq(s)} n'est pas en exploitation (${STATE_FR[state]}).`, `Season ${eq(s)} is not running (${state}).`]),
  seasonSuspended: (s: ObjectRef): Reason => reason('SEASON_SUSPENDED', [s], () => [`La saison ${fq(s)} est suspendue.`, `Season ${eq(s)} is suspended.`]),
  eventNotRunning: (e: ObjectRef, state: CatalogueState): Reason =>
    reason('EVENT_NOT_RUNNING', [e], () => [`L'événement ${fq(e)} n'est pas en exploitation (${STATE_FR[state]}).`, `Event ${eq(e)} is not running (${state}).`]),
  eventSuspended: (e: ObjectRef): Reason => reason('EVENT_SUSPENDED', [e], () => [`L'événement ${fq(e)} est suspendu.`, `Event ${eq(e)} is suspended.`]),
  performanceNotRunning: (p: ObjectRef, state: CatalogueState): Reason =>
    reason('PERFORMANCE_NOT_RUNNING', [p], () => [`La séance ${fq(p)} n'est pas en exploitation (${STATE_FR[state]}).`, `Performance ${eq(p)} is not running (${state}).`]),
  performanceSuspended: (p: ObjectRef): Reason => reason('PERFORMANCE_SUSPENDED', [p], () => [`La séance ${fq(p)} est suspendue.`, `Performance ${eq(p)} is suspended.`]),
  productNotRunning: (x: ObjectRef, state: CatalogueState): Reason =>
    reason('PRODUCT_NOT_RUNNING', [x], () => [`Le produit ${fq(x)} n'est pas en exploitation (${STATE_FR[state]}).`, `Product ${eq(x)} is not running (${state}).`]),
  productSuspended: (x: ObjectRef): Reason => reason('PRODUCT_SUSPENDED', [x], () => [`Le produit ${fq(x)} est suspendu.`, `Product ${eq(x)} is suspended.`]),
  invalidPerformanceDate: (p: ObjectRef): Reason =>
    reason('INVALID_PERFORMANCE_DATE', [p], () => [`La date de la séance ${fq(p)} est illisible.`, `Performance ${eq(p)} has an unreadable start date.`]),
  channelInactive: (c: ObjectRef): Reason => reason('CHANNEL_INACTIVE', [c], () => [`La filière de vente ${fq(c)} est inactive.`, `Sales channel ${eq(c)} is inactive.`]),
  channelNotEnabled: (c: ObjectRef, o: ObjectRef): Reason =>
    reason('CHANNEL_NOT_ENABLED_FOR_ORGANIZATION', [c, o], () => [
      `La filière de vente ${fq(c)} n'est pas ouverte pour l'organisme ${fq(o)}.`,
      `Sales channel ${eq(c)} is not enabled for organisation ${eq(o)}.`,
    ]),
  pointOfSaleInactive: (pos: ObjectRef): Reason => reason('POINT_OF_SALE_INACTIVE', [pos], () => [`Le point de vente ${fq(pos)} est inactif.`, `Point of sale ${eq(pos)} is inactive.`]),
  pointOfSaleWrongChannel: (pos: ObjectRef, c: ObjectRef): Reason =>
    reason('POINT_OF_SALE_WRONG_CHANNEL', [pos, c], () => [
      `Le point de vente ${fq(pos)} n'appartient pas à la filière ${fq(c)}.`,
      `Point of sale ${eq(pos)} does not belong to sales channel ${eq(c)}.`,
    ]),
  pointOfSaleWrongOrganization: (pos: ObjectRef, o: ObjectRef): Reason =>
    reason('POINT_OF_SALE_WRONG_ORGANIZATION', [pos, o], () => [
      `Le point de vente ${fq(pos)} n'appartient pas à l'organisme ${fq(o)}.`,
      `Point of sale ${eq(pos)} does not belong to organisation ${eq(o)}.`,
    ]),
  subcategoryOtherSeason: (u: ObjectRef, s: ObjectRef): Reason =>
    reason('AUDIENCE_SUBCATEGORY_OTHER_SEASON', [u, s], () => [
      `La sous-catégorie de public ${fq(u)} n'appartient pas à la saison ${fq(s)}.`,
      `Audience subcategory ${eq(u)} does not belong to season ${eq(s)}.`,
    ]),
  tariffTypeOtherSeason: (t: ObjectRef, s: ObjectRef): Reason =>
    reason('TARIFF_TYPE_OTHER_SEASON', [t, s], () => [`Le type de tarif ${fq(t)} n'appartient pas à la saison ${fq(s)}.`, `Tariff type ${eq(t)} does not belong to season ${eq(s)}.`]),

  noValidatedCalendar: (e: ObjectRef, c: ObjectRef): Reason =>
    reason('NO_VALIDATED_CALENDAR_FOR_CHANNEL', [e, c], () => [
      `Aucun calendrier de vente validé n'est attribué à l'événement ${fq(e)} pour la filière ${fq(c)}.`,
      `No validated sales calendar is assigned to event ${eq(e)} for sales channel ${eq(c)}.`,
    ]),
  noPeriodForCategory: (a: ObjectRef, calendars: readonly ObjectRef[]): Reason =>
    reason('NO_PERIOD_FOR_AUDIENCE_CATEGORY', [a, ...calendars], () => [
      `Aucune période des calendriers ${fList(calendars)} ne concerne la catégorie de public ${fq(a)}.`,
      `No period of calendars ${eList(calendars)} is for audience category ${eq(a)}.`,
    ]),
  emptyWindow: (p: ObjectRef, periods: readonly ObjectRef[]): Reason =>
    reason('EMPTY_SALES_WINDOW', [p, ...periods], () => [
      `Les périodes de vente applicables ne donnent aucun créneau pour la séance ${fq(p)} (fermeture avant ouverture, ou après la fin de la séance).`,
      `The applicable sales periods give no window for performance ${eq(p)} (closing before opening, or after the performance is over).`,
    ]),
  /** `opens`/`closed` are thunks: formatting a local time is only done when the message is read. */
  notYetOpen: (opens: () => LocalTime): Reason =>
    reason('NOT_YET_OPEN', [], () => {
      const t = opens();
      return [`Les ventes ne sont pas encore ouvertes : ouverture le ${t.fr}.`, `Sales are not open yet: they open on ${t.en}.`];
    }),
  closed: (closed: () => LocalTime): Reason =>
    reason('CLOSED', [], () => {
      const t = closed();
      return [`Les ventes sont fermées depuis le ${t.fr}.`, `Sales closed on ${t.en}.`];
    }),
  performanceOver: (p: ObjectRef): Reason => reason('PERFORMANCE_OVER', [p], () => [`La séance ${fq(p)} est terminée.`, `Performance ${eq(p)} is over.`]),

  noValidatedActivityProfile: (c: ObjectRef, o: ObjectRef): Reason =>
    reason('NO_VALIDATED_ACTIVITY_PROFILE', [c, o], () => [
      `Aucun profil activité validé de l'organisme ${fq(o)} ne comprend la filière ${fq(c)}.`,
      `No validated activity profile of organisation ${eq(o)} includes sales channel ${eq(c)}.`,
    ]),
  noValidatedProductProfile: (x: ObjectRef): Reason =>
    reason('NO_VALIDATED_PRODUCT_PROFILE', [x], () => [`Aucun profil produit validé ne comprend le produit ${fq(x)}.`, `No validated product profile includes product ${eq(x)}.`]),
  channelNotInProfile: (profile: ObjectRef, c: ObjectRef): Reason =>
    reason('CHANNEL_NOT_IN_PROFILE', [profile, c], () => [
      `Le profil ${fq(profile)} le permettrait, mais pas sur la filière ${fq(c)}.`,
      `Profile ${eq(profile)} would allow it, but not on sales channel ${eq(c)}.`,
    ]),
  buyerKindMismatch: (profile: ObjectRef, profileKind: string, asked: string): Reason =>
    reason('BUYER_KIND_MISMATCH', [profile], () => [
      `Le profil ${fq(profile)} est réservé ${profileKind === 'structure' ? 'aux structures' : 'au grand public'}.`,
      `Profile ${eq(profile)} is for ${profileKind === 'structure' ? 'structures' : 'the general public'}, not ${asked === 'structure' ? 'structures' : 'the general public'}.`,
    ]),
  eventNotInProfile: (profile: ObjectRef, e: ObjectRef): Reason =>
    reason('EVENT_NOT_IN_PROFILE', [profile, e], () => [`L'événement ${fq(e)} n'est pas dans le profil ${fq(profile)}.`, `Event ${eq(e)} is not in profile ${eq(profile)}.`]),
  performanceNotInProfile: (profile: ObjectRef, p: ObjectRef): Reason =>
    reason('PERFORMANCE_NOT_IN_PROFILE', [profile, p], () => [
      `La séance ${fq(p)} n'est pas dans la sélection de séances du profil ${fq(profile)}.`,
      `Performance ${eq(p)} is not in the performance selection of profile ${eq(profile)}.`,
    ]),
  subcategoryNotInProfile: (profile: ObjectRef, u: ObjectRef): Reason =>
    reason('SUBCATEGORY_NOT_IN_PROFILE', [profile, u], () => [
      `La sous-catégorie de public ${fq(u)} n'est pas dans le profil ${fq(profile)}.`,
      `Audience subcategory ${eq(u)} is not in profile ${eq(profile)}.`,
    ]),
  seatCategoryNotInProfile: (profile: ObjectRef, k: ObjectRef | null): Reason =>
    k
      ? reason('SEAT_CATEGORY_NOT_IN_PROFILE', [profile, k], () => [
          `La catégorie de place ${fq(k)} n'est pas dans le profil ${fq(profile)}.`,
          `Seat category ${eq(k)} is not in profile ${eq(profile)}.`,
        ])
      : reason('SEAT_CATEGORY_NOT_IN_PROFILE', [profile], () => [`Le profil ${fq(profile)} ne comprend aucune catégorie de place.`, `Profile ${eq(profile)} includes no seat category.`]),
  tariffTypeNotInProfile: (profile: ObjectRef, t: ObjectRef | null): Reason =>
    t
      ? reason('TARIFF_TYPE_NOT_IN_PROFILE', [profile, t], () => [`Le type de tarif ${fq(t)} n'est pas dans le profil ${fq(profile)}.`, `Tariff type ${eq(t)} is not in profile ${eq(profile)}.`])
      : reason('TARIFF_TYPE_NOT_IN_PROFILE', [profile], () => [
          `Le profil ${fq(profile)} ne comprend aucun type de tarif de cette saison.`,
          `Profile ${eq(profile)} includes no tariff type of this season.`,
        ]),
  quantityBelowMin: (profiles: readonly ObjectRef[], n: number, min: number): Reason =>
    reason('QUANTITY_BELOW_MIN', profiles, () => [`La quantité ${n} est inférieure au minimum (${min}).`, `Quantity ${n} is below the minimum (${min}).`]),
  quantityAboveMax: (profiles: readonly ObjectRef[], n: number, max: number): Reason =>
    reason('QUANTITY_ABOVE_MAX', profiles, () => [`La quantité ${n} dépasse le maximum (${max}).`, `Quantity ${n} is above the maximum (${max}).`]),
};

/** Builders of every problem of the validation checks. */
export const problems = {
  unknownObject: (code: ProblemCode, type: ObjectType, id: Id): Problem => problem(code, [{ type, id, code: id }], `L'objet « ${id} » est introuvable.`, `Object "${id}" not found.`),
  unknownReference: (owner: ObjectRef, type: ObjectType, id: Id): Problem =>
    problem('UNKNOWN_REFERENCE', [owner, { type, id, code: id }], `${fq(owner)} fait référence à un objet inconnu (${type} « ${id} »).`, `${eq(owner)} refers to an unknown object (${type} "${id}").`),
  calendarHasNoPeriod: (cal: ObjectRef): Problem => problem('CALENDAR_HAS_NO_PERIOD', [cal], `Le calendrier ${fq(cal)} n'a aucune période de vente.`, `Calendar ${eq(cal)} has no sales period.`),
  periodHasNoCategory: (cal: ObjectRef, period: ObjectRef): Problem =>
    problem('PERIOD_HAS_NO_AUDIENCE_CATEGORY', [cal, period], `La période ${fq(period)} n'a aucune catégorie de public.`, `Period ${eq(period)} has no audience category.`),
  periodInvalidDate: (cal: ObjectRef, period: ObjectRef, which: 'opening' | 'closing'): Problem =>
    problem(
      'PERIOD_INVALID_DATE',
      [cal, period],
      `La date ${which === 'opening' ? "d'ouverture" : 'de fermeture'} de la période ${fq(period)} est illisible.`,
      `The ${which} date of period ${eq(period)} is unreadable.`,
    ),
  periodInvalidRelativeRule: (cal: ObjectRef, period: ObjectRef, which: 'opening' | 'closing'): Problem =>
    problem(
      'PERIOD_INVALID_RELATIVE_RULE',
      [cal, period],
      `La règle relative ${which === 'opening' ? "d'ouverture" : 'de fermeture'} de la période ${fq(period)} doit avoir des jours et heures entiers, positifs, pas tous deux nuls.`,
      `The relative ${which} rule of period ${eq(period)} needs whole, non-negative days and hours, not both zero.`,
    ),
  periodClosesBeforeOpening: (cal: ObjectRef, period: ObjectRef): Problem =>
    problem(
      'PERIOD_CLOSES_BEFORE_OPENING',
      [cal, period],
      `La période ${fq(period)} ferme avant (ou au moment de) son ouverture, quelle que soit la séance.`,
      `Period ${eq(period)} closes before (or when) it opens, whatever the performance.`,
    ),
  periodYieldsNoWindow: (cal: ObjectRef, period: ObjectRef, e: ObjectRef, count: number): Problem =>
    problem(
      'PERIOD_YIELDS_NO_WINDOW',
      [cal, period, e],
      `La période ${fq(period)} ne donne aucun créneau de vente pour les ${count} séance(s) de l'événement ${fq(e)} (fermeture avant ouverture, ou après la fin de la séance).`,
      `Period ${eq(period)} gives no sales window for any of the ${count} performance(s) of event ${eq(e)} (closing before opening, or after the performance is over).`,
    ),
  calendarNotAssigned: (cal: ObjectRef): Problem =>
    problem('CALENDAR_NOT_ASSIGNED', [cal], `Le calendrier ${fq(cal)} n'est attribué à aucun événement.`, `Calendar ${eq(cal)} is not assigned to any event.`),
  performanceWithoutWindow: (e: ObjectRef, c: ObjectRef, profiles: readonly ObjectRef[], performances: readonly ObjectRef[], count: number): Problem =>
    problem(
      'PERFORMANCE_WITHOUT_WINDOW',
      [e, c, ...profiles, ...performances],
      `${count} séance(s) en exploitation de l'événement ${fq(e)} n'ont aucun créneau de vente sur la filière ${fq(c)}, alors que le(s) profil(s) ${fList(profiles)} les y autorisent.`,
      `${count} running performance(s) of event ${eq(e)} have no sales window on channel ${eq(c)}, although profile(s) ${eList(profiles)} grant them there.`,
    ),
  profileHasNoChannel: (p: ObjectRef): Problem => problem('PROFILE_HAS_NO_CHANNEL', [p], `Le profil ${fq(p)} n'a aucune filière de vente.`, `Profile ${eq(p)} has no sales channel.`),
  profileHasNoEvent: (p: ObjectRef): Problem =>
    problem('PROFILE_HAS_NO_EVENT', [p], `Le profil ${fq(p)} n'a aucun événement et n'est pas ouvert à tous les événements.`, `Profile ${eq(p)} has no event and is not for all events.`),
  profileHasNoSubcategory: (p: ObjectRef): Problem =>
    problem('PROFILE_HAS_NO_AUDIENCE_SUBCATEGORY', [p], `Le profil ${fq(p)} n'a aucune sous-catégorie de public sélectionnée.`, `Profile ${eq(p)} has no audience subcategory selected.`),
  profileHasNoSeatCategory: (p: ObjectRef): Problem =>
    problem('PROFILE_HAS_NO_SEAT_CATEGORY', [p], `Le profil ${fq(p)} n'a aucune catégorie de place sélectionnée.`, `Profile ${eq(p)} has no seat category selected.`),
  profileHasNoTariffType: (p: ObjectRef): Problem =>
    problem('PROFILE_HAS_NO_TARIFF_TYPE', [p], `Le profil ${fq(p)} n'a aucun type de tarif sélectionné.`, `Profile ${eq(p)} has no tariff type selected.`),
  performanceSelectionWithAllEvents: (p: ObjectRef, e: ObjectRef): Problem =>
    problem(
      'PERFORMANCE_SELECTION_WITH_ALL_EVENTS',
      [p, e],
      `Le profil ${fq(p)} est ouvert à tous les événements : une sélection de séances (événement ${fq(e)}) n'est pas possible.`,
      `Profile ${eq(p)} is for all events: a performance selection (event ${eq(e)}) is not possible.`,
    ),
  performanceNotOfEvent: (p: ObjectRef, perf: ObjectRef, e: ObjectRef): Problem =>
    problem(
      'PERFORMANCE_NOT_OF_EVENT',
      [p, perf, e],
      `La séance ${fq(perf)} sélectionnée dans le profil ${fq(p)} n'appartient pas à l'événement ${fq(e)}.`,
      `Performance ${eq(perf)} selected in profile ${eq(p)} does not belong to event ${eq(e)}.`,
    ),
  profileHasNoProduct: (p: ObjectRef): Problem => problem('PROFILE_HAS_NO_PRODUCT', [p], `Le profil produit ${fq(p)} n'a aucun produit.`, `Product profile ${eq(p)} has no product.`),
  minAboveMax: (p: ObjectRef, min: number, max: number): Problem =>
    problem(
      'MIN_QUANTITY_ABOVE_MAX',
      [p],
      `Le profil ${fq(p)} a une quantité minimale (${min}) supérieure à la maximale (${max}).`,
      `Profile ${eq(p)} has a minimum quantity (${min}) above its maximum (${max}).`,
    ),
  invalidQuantity: (p: ObjectRef): Problem =>
    problem('INVALID_QUANTITY', [p], `Les quantités du profil ${fq(p)} doivent être des entiers positifs.`, `The quantities of profile ${eq(p)} must be non-negative integers.`),
  saleEndNotAfterStart: (p: ObjectRef): Problem =>
    problem('SALE_END_NOT_AFTER_START', [p], `La fin de vente du profil ${fq(p)} n'est pas postérieure à son début.`, `The sale end of profile ${eq(p)} is not after its start.`),
  invalidSaleDate: (p: ObjectRef): Problem => problem('INVALID_SALE_DATE', [p], `Une date de vente du profil ${fq(p)} est illisible.`, `A sale date of profile ${eq(p)} is unreadable.`),
  channelNotEnabled: (p: ObjectRef, c: ObjectRef, o: ObjectRef): Problem =>
    problem(
      'CHANNEL_NOT_ENABLED_FOR_ORGANIZATION',
      [p, c, o],
      `Le profil ${fq(p)} utilise la filière ${fq(c)}, qui n'est pas ouverte pour l'organisme ${fq(o)} : rien n'y sera vendu.`,
      `Profile ${eq(p)} uses sales channel ${eq(c)}, which is not enabled for organisation ${eq(o)}: nothing will be sold there.`,
    ),
  profilesOverlap: (p: ObjectRef, other: ObjectRef, channels: readonly ObjectRef[], count: number): Problem =>
    problem(
      'PROFILES_OVERLAP',
      [p, other, ...channels],
      `Les profils ${fq(p)} et ${fq(other)} accordent tous deux ${count} séance(s) sur ${fList(channels)} au même type d'acheteur, pour des publics, catégories de place et tarifs communs. Les profils s'additionnent : une restriction de l'un ne limite pas l'autre.`,
      `Profiles ${eq(p)} and ${eq(other)} both grant ${count} performance(s) on ${eList(channels)} to the same buyer kind, for shared audiences, seat categories and tariff types. Profiles add up: a restriction in one does not limit the other.`,
    ),
  productProfilesOverlap: (p: ObjectRef, other: ObjectRef, products: readonly ObjectRef[], channels: readonly ObjectRef[]): Problem =>
    problem(
      'PROFILES_OVERLAP',
      [p, other, ...products, ...channels],
      `Les profils produit ${fq(p)} et ${fq(other)} vendent tous deux ${fList(products)} sur ${fList(channels)} au même type d'acheteur, à des dates communes. Les profils s'additionnent : les quantités min/max de l'un ne limitent pas l'autre.`,
      `Product profiles ${eq(p)} and ${eq(other)} both sell ${eList(products)} on ${eList(channels)} to the same buyer kind at overlapping dates. Profiles add up: the min/max quantities of one do not limit the other.`,
    ),
};
