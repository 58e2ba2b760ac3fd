/**
 * POST /holds, the part that needs no database (issue #17): the body's objects resolved by code or
 * documentId, each line checked against the engine's sale status (ON_SALE now, NO_PRICE included)
 * and against the performance's pools (it has a validated logical configuration; its seats exist,
 * are sellable, are not given twice). Every bad field is reported at once (400 naming it); a line
 * not on sale is a 409 with the engine's reasons.
 */
import { errors } from '@strapi/utils';
import { type Reason, type Snapshot } from '../domain';
import { lineStatus } from '../domain/pricing';
import { BEST_MAX_QUANTITY, capacityOf, type ContingentInfo, type PerformanceCapacity } from '../domain/capacity';
import { ConflictError, bilingual } from '../errors';
import { channelOfContext, lookupOf, resolve, resolveContext, type Kind } from './answers';
import type { HoldBody, Locale } from './params';

export interface ResolvedHoldLine {
  index: number;
  performanceId: string;
  performanceCode: string;
  /** The performance's season (the per-season per-buyer limit counts across it). */
  seasonId: string | null;
  category: string;
  tariffType: string;
  quantity: number;
  seats: string[] | null;
  /** Best available (issue #17): `quantity` adjacent seats of the numbered `category`, chosen in the hold's transaction. */
  best?: boolean;
}

export interface ResolvedHold {
  channelId: string | null;
  pointOfSaleId: string | null;
  audienceCategoryId: string | null;
  audienceSubcategory: string;
  buyerReference: string | null;
  lines: ResolvedHoldLine[];
  capacities: Map<string, PerformanceCapacity>;
  contingents: Map<string, ReadonlyMap<string, ContingentInfo>>;
}

type Problem = { path: (string | number)[]; code: string; message: { fr: string; en: string } };

export function resolveHold(snapshot: Snapshot, body: HoldBody, at: number, locale: Locale): ResolvedHold {
  const lookup = lookupOf(snapshot);
  const problems: Problem[] = [];
  if (!body.channel && !body.pointOfSale)
    problems.push({ path: ['channel'], code: 'MISSING', message: { fr: 'channel : filière ou point de vente requis', en: 'channel: a channel or a point of sale is required' } });
  const find = (kind: Kind, value: string, seasonId?: string | null) => {
    try {
      return resolve(lookup, kind, kind, value, seasonId);
    } catch {
      return null;
    }
  };
  // The context's own objects: a 404 naming the parameter, as on every website route.
  const ctx = resolveContext(lookup, { channel: body.channel, pointOfSale: body.pointOfSale, audience: body.audience, buyer: body.buyer, at: undefined, locale: undefined } as never);
  const sub = snapshot.config.audienceSubcategories.find((s) => s.id === ctx.audienceSubcategoryId);
  const capacity = capacityOf(snapshot);
  const lines: ResolvedHoldLine[] = [];
  const notOnSale: { index: number; reasons: Reason[] }[] = [];
  const seen = new Map<string, string>();
  const bestCategories = new Set<number>();
  body.lines.forEach((l, i) => {
    const bad = (field: string | null, code: string, fr: string, en: string) => {
      const path = field ? `lines[${i}].${field}` : `lines[${i}]`;
      problems.push({ path: field ? ['lines', i, ...field.split('.')] : ['lines', i], code, message: { fr: `${path} : ${fr}`, en: `${path}: ${en}` } });
    };
    const perf = find('performance', l.performance);
    const tariff = find('tariffType', l.tariffType, perf?.seasonId);
    if (!perf) bad('performance', 'NOT_FOUND', 'séance inconnue', 'unknown performance');
    if (!tariff) bad('tariffType', 'NOT_FOUND', 'type de tarif inconnu', 'unknown tariff type');
    if ((l.quantity === undefined) === (l.seats === undefined))
      return void bad(null, 'INVALID', 'soit « quantity » (avec « seatCategory »), soit « seats »', 'either "quantity" (with "seatCategory") or "seats"');
    if (l.best && l.seats) return void bad('best', 'INVALID', '« best » choisit les places : ne pas donner « seats »', '"best" chooses the seats: do not give "seats"');
    if (l.best && (l.quantity ?? 0) > BEST_MAX_QUANTITY)
      return void bad('quantity', 'BEST_QUANTITY', `de 1 à ${BEST_MAX_QUANTITY} places côte à côte`, `from 1 to ${BEST_MAX_QUANTITY} adjacent seats`);
    if (!perf || !tariff) return;
    const pc = capacity.performances.get(perf.id);
    if (!pc)
      return void bad(
        'performance',
        'NO_CAPACITY',
        'cette séance n’a pas de configuration logique validée : ses places ne se comptent pas',
        'this performance has no validated logical configuration: its places are not counted',
      );
    const categories = new Map<string, string[] | null>();
    if (l.seats) {
      l.seats.forEach((seat, k) => {
        const category = pc.categoryOfSeat.get(seat);
        const key = `${perf.id}|${seat}`;
        if (category === undefined)
          return void bad(`seats.${k}`, 'UNKNOWN_SEAT', `place « ${seat} » inconnue ou non vendue dans cette séance`, `seat "${seat}" is unknown or not sold in this performance`);
        if (seen.has(key)) return void bad(`seats.${k}`, 'DUPLICATE_SEAT', `place « ${seat} » demandée deux fois (${seen.get(key)})`, `seat "${seat}" asked twice (${seen.get(key)})`);
        seen.set(key, `lines[${i}]`);
        if (l.seatCategory) {
          const asked = find('seatCategory', l.seatCategory);
          if (asked && asked.code !== category) return void bad(`seats.${k}`, 'WRONG_CATEGORY', `place « ${seat} » de catégorie « ${category} »`, `seat "${seat}" is in category "${category}"`);
        }
        const list = categories.get(category) ?? [];
        list.push(seat);
        categories.set(category, list);
      });
    } else {
      const seat = l.seatCategory ? find('seatCategory', l.seatCategory) : null;
      if (!seat) return void bad('seatCategory', 'NOT_FOUND', 'catégorie de place inconnue (requise avec « quantity »)', 'unknown seat category (required with "quantity")');
      const kind = pc.categories.get(seat.code)?.kind;
      if (!kind) return void bad('seatCategory', 'NO_PLACES', `aucune place de catégorie « ${seat.code} » dans cette séance`, `no place of category "${seat.code}" in this performance`);
      if (l.best) {
        if (kind === 'unnumbered')
          return void bad(
            'best',
            'UNNUMBERED_CATEGORY',
            `catégorie « ${seat.code} » non numérotée : pas de meilleures places, donner une quantité`,
            `category "${seat.code}" is unnumbered: no best seats, give a quantity`,
          );
        bestCategories.add(i);
      } else if (kind !== 'unnumbered')
        return void bad(
          'seatCategory',
          'NUMBERED_CATEGORY',
          `catégorie « ${seat.code} » numérotée : donner les places (« seats ») ou « best »`,
          `category "${seat.code}" is numbered: give the seats ("seats") or "best"`,
        );
      categories.set(seat.code, null);
    }
    for (const [category, seats] of categories) {
      const seatEntry = find('seatCategory', category);
      if (!seatEntry) continue;
      const answer = lineStatus(snapshot, { ...ctx, performanceId: perf.id, seatCategoryId: seatEntry.id, tariffTypeId: tariff.id, at });
      if (answer.status !== 'ON_SALE') {
        notOnSale.push({ index: i, reasons: answer.reasons });
        continue;
      }
      lines.push({
        index: i,
        performanceId: perf.id,
        performanceCode: perf.code,
        seasonId: perf.seasonId,
        category,
        tariffType: tariff.code,
        quantity: seats ? seats.length : (l.quantity ?? 0),
        seats,
        ...(bestCategories.has(i) ? { best: true } : {}),
      });
    }
  });
  if (problems.length > 0) {
    const text = problems.map((p) => (locale === 'en' ? p.message.en : p.message.fr)).join(' ; ');
    throw new errors.ValidationError(text, {
      code: 'INVALID_HOLD',
      errors: problems.map((p) => ({ path: p.path.map(String), code: p.code, message: bilingual(p.message.fr, p.message.en), name: 'ValidationError' })),
    });
  }
  if (notOnSale.length > 0) {
    const message = (lang: 'fr' | 'en') => notOnSale.map((n) => `lines[${n.index}] : ${n.reasons.map((r) => r.message[lang]).join(' ; ')}`).join(' ; ');
    throw new ConflictError(bilingual(`pas en vente : ${message('fr')}`, `not on sale: ${message('en')}`), {
      code: 'NOT_ON_SALE',
      lines: notOnSale.map((n) => ({ line: n.index, reasons: n.reasons.map((r) => ({ code: r.code, message: r.message[locale] })) })),
    });
  }
  const capacities = new Map<string, PerformanceCapacity>();
  const contingents = new Map<string, ReadonlyMap<string, ContingentInfo>>();
  for (const l of lines) {
    capacities.set(l.performanceId, capacity.performances.get(l.performanceId)!);
    contingents.set(l.performanceId, capacity.contingentsOf.get(l.performanceId) ?? new Map());
  }
  return {
    channelId: channelOfContext(snapshot, ctx),
    pointOfSaleId: ctx.pointOfSaleId ?? null,
    audienceCategoryId: sub?.audienceCategoryId ?? null,
    audienceSubcategory: sub?.code ?? body.audience,
    buyerReference: body.buyerReference ?? null,
    lines,
    capacities,
    contingents,
  };
}
