import type { Core, UID } from '@strapi/strapi';
import type { LogicalLayout, SeatingPlan } from '../../../shared/seating-plan';
import { type ContentTypeName, uidOf } from '../constants';
import type { ShapeProblem } from '../domain/shape';
import { emptyLayout, reconcile } from '../domain/places';
import { type CapacityProblem, validateAllocations, validateLimits } from '../domain/capacity';
import { resolveDocumentId, toOneRelationInput } from './relations';
import type { DbRow } from '../strapi-types';
import { ConflictError, bilingual } from '../errors';
import { TABLES } from './capacity';

type Plain = DbRow;
const toShape = (p: CapacityProblem): ShapeProblem => ({ path: p.path, fr: p.fr, en: p.en });
const q = (strapi: Core.Strapi, name: ContentTypeName) => strapi.db.query(uidOf(name) as UID.ContentType);

/**
 * What the write guard asks of the capacity model before any write (issue #17): a logical
 * configuration's or a performance's contingent allocations (contingents of its organisation,
 * categories and seats of the logical configuration, each seat once, quantities within the
 * category) and quantity limits (codes of its season). The pure rules are in domain/capacity.
 */
export async function capacityProblems(strapi: Core.Strapi, name: ContentTypeName, data: Plain, merged: Plain, given: Record<string, string | null>): Promise<ShapeProblem[]> {
  if (name !== 'logical-configuration' && name !== 'performance') return [];
  let relations = given;
  const touched =
    data.contingents !== undefined ||
    data.limits !== undefined ||
    (name === 'logical-configuration' && data.layout !== undefined) ||
    (name === 'performance' && data.logicalConfiguration !== undefined);
  if (!touched) return [];
  const hasAllocations = Array.isArray(merged.contingents) ? merged.contingents.length > 0 : merged.contingents != null;
  let logical: Plain | null = null;
  let organization: string | null = null;
  let season: string | null = null;
  if (name === 'logical-configuration') {
    logical = merged;
    organization = relations.organization ?? null;
    season = relations.season ?? null;
  } else {
    const event: Plain | null = relations.event
      ? await q(strapi, 'event').findOne({
          where: { documentId: relations.event },
          select: ['documentId'],
          populate: { logicalConfiguration: { select: ['documentId'] }, season: { select: ['documentId'], populate: { organization: { select: ['documentId'] } } } },
        })
      : null;
    season = event?.season?.documentId ?? null;
    organization = event?.season?.organization?.documentId ?? null;
    const input = toOneRelationInput(data.logicalConfiguration);
    const own = input === undefined ? ((merged.logicalConfiguration as Plain | undefined)?.documentId ?? null) : await resolveDocumentId(strapi, uidOf('logical-configuration'), input);
    const logicalId = own ?? event?.logicalConfiguration?.documentId ?? null;
    logical = logicalId
      ? await q(strapi, 'logical-configuration').findOne({
          where: { documentId: logicalId },
          select: ['documentId', 'securityGauge', 'layout'],
          populate: { physicalConfiguration: { select: ['documentId'] } },
        })
      : null;
    if (logical && !relations.physicalConfiguration) relations = { ...relations, physicalConfiguration: logical.physicalConfiguration?.documentId ?? null };
    if (!logical && hasAllocations) return [{ path: 'contingents', fr: 'contingents : la séance n’a pas de configuration logique', en: 'contingents: the performance has no logical configuration' }];
  }
  const problems: ShapeProblem[] = [];
  if (hasAllocations && logical) {
    const physicalId = name === 'logical-configuration' ? relations.physicalConfiguration : logical.physicalConfiguration?.documentId;
    const physical: Plain | null = physicalId ? await q(strapi, 'physical-configuration').findOne({ where: { documentId: physicalId }, select: ['plan', 'securityGauge'] }) : null;
    const layout = (logical.layout as LogicalLayout | null) ?? emptyLayout();
    const r = reconcile((physical?.plan as SeatingPlan) ?? null, layout, logical.securityGauge ?? 0, physical?.securityGauge ?? 0);
    const killed = new Set(layout.killedSeats ?? []);
    const categoryOfSeat = new Map<string, string>();
    for (const [cat, ids] of Object.entries(layout.seatsByCategory ?? {})) for (const id of ids ?? []) if (!killed.has(id) && !categoryOfSeat.has(id)) categoryOfSeat.set(id, cat);
    const contingents: Plain[] = organization ? await q(strapi, 'contingent').findMany({ where: { organization: { documentId: organization } }, select: ['code'] }) : [];
    const { problems: found } = validateAllocations(merged.contingents, {
      contingentCodes: new Set(contingents.map((c) => c.code as string)),
      categories: new Map(r.categories.map((c) => [c.code, { kind: c.kind, sellable: c.sellable }])),
      categoryOfSeat,
    });
    problems.push(...found.map(toShape));
  }
  if (merged.limits != null) {
    const codes = async (n: ContentTypeName) =>
      season ? new Set(((await q(strapi, n).findMany({ where: { season: { documentId: season } }, select: ['code'] })) as Plain[]).map((r) => r.code as string)) : undefined;
    const { problems: found } = validateLimits(merged.limits, { tariffTypeCodes: await codes('tariff-type'), audienceSubcategoryCodes: await codes('audience-subcategory') });
    problems.push(...found.map(toShape));
  }
  return problems;
}

/** The codes a list of allocations names: its contingents and their release targets. */
const namedContingents = (allocations: unknown): Set<string> => {
  const codes = new Set<string>();
  if (!Array.isArray(allocations)) return codes;
  for (const a of allocations as Plain[]) {
    if (typeof a?.contingent === 'string') codes.add(a.contingent);
    if (typeof a?.releaseTo === 'string') codes.add(a.releaseTo);
  }
  return codes;
};

/**
 * A contingent is named by its code in allocations (JSON, not relations) and in the counters of
 * live holds. Renaming or deleting one still named would silently hand its places to the open
 * sale and orphan its counters: refused (409 CONTINGENT_IN_USE) with what names it — objects of
 * the contingent's own organisation, which whoever may write the contingent may read.
 */
export async function assertContingentFree(strapi: Core.Strapi, action: string, documentId: string | undefined, data: Plain) {
  if (!documentId || (action !== 'delete' && action !== 'update')) return;
  const row: Plain | null = await q(strapi, 'contingent').findOne({ where: { documentId }, select: ['code'], populate: { organization: { select: ['documentId'] } } });
  if (!row || (action === 'update' && (data.code === undefined || data.code === row.code))) return;
  const code = row.code as string;
  const organization = row.organization?.documentId as string | undefined;
  if (!organization) return;
  const inOrganization = { contingents: { $notNull: true } };
  const [logicals, performances] = await Promise.all([
    q(strapi, 'logical-configuration').findMany({ where: { ...inOrganization, organization: { documentId: organization } }, select: ['code', 'contingents'] }),
    q(strapi, 'performance').findMany({ where: { ...inOrganization, event: { season: { organization: { documentId: organization } } } }, select: ['code', 'contingents'] }),
  ]);
  const referrers = [...(logicals as Plain[]), ...(performances as Plain[])].filter((r) => namedContingents(r.contingents).has(code)).map((r) => r.code as string);
  // In the document service's transaction when there is one (SQLite has one connection: a query outside it would wait forever).
  const heldOn: string[] = await strapi.db.transaction(async ({ trx }) =>
    (await trx(TABLES.lines).where({ pool: code, live: true }).distinct('performance_id')).map((r: Plain) => String(r.performance_id)),
  );
  const held = heldOn.length ? await q(strapi, 'performance').count({ where: { documentId: { $in: heldOn }, event: { season: { organization: { documentId: organization } } } } }) : 0;
  if (referrers.length === 0 && held === 0) return;
  const shown = referrers.slice(0, 5).join(', ') + (referrers.length > 5 ? ` (+${referrers.length - 5})` : '');
  const verb = action === 'delete' ? { fr: 'suppression refusée', en: 'delete refused' } : { fr: 'changement de code refusé', en: 'code change refused' };
  const parts = {
    fr: [referrers.length ? `des allocations le nomment — ${shown}` : '', held ? `des places en sont réservées ou vendues sur ${held} séance(s)` : ''].filter(Boolean).join(' ; '),
    en: [referrers.length ? `allocations name it — ${shown}` : '', held ? `places are held or sold from it on ${held} performance(s)` : ''].filter(Boolean).join('; '),
  };
  throw new ConflictError(bilingual(`${verb.fr} : le contingent « ${code} » est utilisé : ${parts.fr}`, `${verb.en}: contingent "${code}" is in use: ${parts.en}`), {
    code: 'CONTINGENT_IN_USE',
    contingent: code,
    referrers,
    performancesWithHolds: held,
  });
}
