import type { Core } from '@strapi/strapi';
import type { CapacityReconciliation, LogicalLayout, SeatingPlan } from '../../../shared/seating-plan';
import type { TransitionProblem } from '../../../shared/lifecycle';
import { uidOf } from '../constants';
import { emptyLayout, emptyPlan, layoutProblems, planProblems, reconcile, seatIdsOf, seatsUsedBy, type PlacesProblem } from '../domain/places';
import type { DbRow } from '../strapi-types';
import { resolveDocumentId, toOneRelationInput } from './relations';

/** A problem of the write guard (services/write-guard.ts › ShapeProblem). */
type WriteProblem = Pick<PlacesProblem, 'path' | 'fr' | 'en'>;

const PHYSICAL = uidOf('physical-configuration');
const LOGICAL = uidOf('logical-configuration');

/**
 * Places (issue 16): the rules of physical and logical configurations that need the database,
 * run by the write guard on every door and by the validate transition's check. The pure rules
 * are in domain/places.
 */
export const createPlacesService = ({ strapi }: { strapi: Core.Strapi }) => {
  async function seatCategoryCodes(): Promise<Set<string>> {
    const rows: DbRow[] = await strapi.db.query(uidOf('seat-category')).findMany({ select: ['code'] });
    return new Set(rows.map((r) => r.code));
  }

  async function physicalRow(documentId: string | null): Promise<DbRow | null> {
    if (!documentId) return null;
    return strapi.db.query(PHYSICAL).findOne({ where: { documentId }, select: ['id', 'documentId', 'code', 'name', 'state', 'securityGauge', 'plan'] });
  }

  /** The logical configurations built on a physical configuration (their layouts). */
  async function logicalsOn(physicalDocumentId: string): Promise<DbRow[]> {
    return strapi.db.query(LOGICAL).findMany({ where: { physicalConfiguration: { documentId: physicalDocumentId } }, select: ['documentId', 'code', 'securityGauge', 'layout'] });
  }

  /** What a write of a physical or logical configuration would break (write guard). */
  async function writeProblems(name: string, merged: DbRow, relations: Record<string, string | null>, self?: string): Promise<WriteProblem[]> {
    const out: WriteProblem[] = [];
    if ((name === 'event' || name === 'performance') && merged.logicalConfiguration !== undefined) {
      // An event or performance is sold in a logical configuration of its own organisation.
      const logical = await resolveDocumentId(strapi, LOGICAL, toOneRelationInput(merged.logicalConfiguration) ?? null);
      const parent = name === 'event' ? { uid: uidOf('season'), id: relations.season } : { uid: uidOf('event'), id: relations.event };
      if (logical && parent.id) {
        const perimeter = strapi.plugin('ticketing').service('perimeter');
        const [mine, its] = [await perimeter.organizationOf(parent.uid, parent.id), await perimeter.organizationOf(LOGICAL, logical)];
        if (mine !== its)
          out.push({
            path: 'logicalConfiguration',
            fr: "la configuration logique doit appartenir à l'organisme de la saison",
            en: "the logical configuration must belong to the season's organization",
          });
      }
    }
    if (name === 'physical-configuration') {
      const plan = merged.plan ?? null;
      if (plan !== null) out.push(...planProblems(plan, 'plan'));
      if (self && out.length === 0) {
        const seats = seatIdsOf(plan as SeatingPlan | null);
        for (const logical of await logicalsOn(self)) {
          let lost = 0;
          for (const id of seatsUsedBy(logical.layout as LogicalLayout | null)) if (!seats.has(id)) lost++;
          if (lost > 0)
            out.push({
              path: 'plan',
              fr: `${lost} place(s) employée(s) par la configuration logique « ${logical.code} » ne peuvent pas être retirées du plan`,
              en: `${lost} seat(s) used by logical configuration "${logical.code}" cannot be removed from the plan`,
            });
          if (typeof merged.securityGauge === 'number' && logical.securityGauge > merged.securityGauge)
            out.push({
              path: 'securityGauge',
              fr: `la configuration logique « ${logical.code} » a une jauge de sécurité de ${logical.securityGauge}, supérieure à ${merged.securityGauge}`,
              en: `logical configuration "${logical.code}" has a security gauge of ${logical.securityGauge}, above ${merged.securityGauge}`,
            });
        }
      }
    }
    if (name === 'logical-configuration') {
      const physical = await physicalRow(relations.physicalConfiguration ?? null);
      if (physical) {
        if (physical.state !== 'validated')
          out.push({
            path: 'physicalConfiguration',
            fr: `la configuration physique « ${physical.code} » doit être validée`,
            en: `physical configuration "${physical.code}" must be validated`,
          });
        if (typeof merged.securityGauge === 'number' && merged.securityGauge > (physical.securityGauge ?? 0))
          out.push({
            path: 'securityGauge',
            fr: `jauge de sécurité ${merged.securityGauge} supérieure à celle de la configuration physique « ${physical.code} » (${physical.securityGauge})`,
            en: `security gauge ${merged.securityGauge} above the one of physical configuration "${physical.code}" (${physical.securityGauge})`,
          });
        if (merged.layout !== null && merged.layout !== undefined) out.push(...layoutProblems(merged.layout, (physical.plan as SeatingPlan) ?? emptyPlan(), await seatCategoryCodes(), 'layout'));
      }
      if (relations.season && relations.organization) {
        const season: DbRow | null = await strapi.db.query(uidOf('season')).findOne({ where: { documentId: relations.season }, populate: { organization: { select: ['documentId'] } } });
        if (season && season.organization?.documentId !== relations.organization)
          out.push({ path: 'season', fr: "la saison n'appartient pas à l'organisme de la configuration", en: "the season does not belong to the configuration's organization" });
      }
    }
    return out;
  }

  /** The reconciliation of a logical configuration, with `layout` instead of its stored one when given. */
  async function reconciliationOf(logical: DbRow, layout?: LogicalLayout | null): Promise<CapacityReconciliation> {
    const physical = await physicalRow(logical.physicalConfiguration?.documentId ?? null);
    return reconcile((physical?.plan as SeatingPlan) ?? null, (layout === undefined ? logical.layout : layout) ?? emptyLayout(), logical.securityGauge ?? 0, physical?.securityGauge ?? 0);
  }

  /** The validate transition's check (services/configuration-checks.ts). */
  async function check(name: 'physical-configuration' | 'logical-configuration', documentId: string): Promise<{ blocking: TransitionProblem[]; warnings: TransitionProblem[] }> {
    const problem = (code: string, fr: string, en: string): TransitionProblem => ({ code, message: { fr, en } });
    if (name === 'physical-configuration') {
      const row = await physicalRow(documentId);
      const plan = (row?.plan as SeatingPlan | null) ?? null;
      const blocking: TransitionProblem[] = planProblems(plan ?? emptyPlan()).map((p) => problem(p.code, `${p.path} : ${p.fr}`, `${p.path}: ${p.en}`));
      if (!plan || (seatIdsOf(plan).size === 0 && (plan.areas ?? []).length === 0)) blocking.push(problem('EMPTY_PLAN', "le plan n'a ni place ni zone", 'the plan has no seat and no area'));
      const warnings: TransitionProblem[] = [];
      if (plan && (row?.securityGauge ?? 0) === 0) warnings.push(problem('NO_SECURITY_GAUGE', 'jauge de sécurité à 0 : aucune place ne pourra être vendue', 'security gauge 0: no place can be sold'));
      return { blocking, warnings };
    }
    const logical: DbRow | null = await strapi.db.query(LOGICAL).findOne({ where: { documentId }, populate: { physicalConfiguration: { select: ['documentId', 'code', 'state'] } } });
    if (!logical) return { blocking: [], warnings: [] };
    const blocking: TransitionProblem[] = [];
    const pc = logical.physicalConfiguration;
    if (!pc) blocking.push(problem('NO_PHYSICAL_CONFIGURATION', 'aucune configuration physique', 'no physical configuration'));
    else if (pc.state !== 'validated')
      blocking.push({
        code: 'PHYSICAL_NOT_VALIDATED',
        message: { fr: `la configuration physique « ${pc.code} » doit être validée`, en: `physical configuration "${pc.code}" must be validated` },
        objects: [{ type: 'physical-configuration', id: pc.documentId, code: pc.code }],
      });
    const r = await reconciliationOf(logical);
    const plain = (p: { code: string; message: { fr: string; en: string } }): TransitionProblem => ({ code: p.code, message: p.message });
    return { blocking: [...blocking, ...r.blocking.map(plain)], warnings: r.warnings.map(plain) };
  }

  return { writeProblems, reconciliationOf, check, seatCategoryCodes, physicalRow };
};
