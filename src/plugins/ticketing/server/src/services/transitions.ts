import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  ACTION_LABELS,
  STATEFUL_TYPES,
  STATE_LABELS,
  type StatefulTypeName,
  type TransitionAction,
  type TransitionProblem,
  type TransitionRecord,
  type TransitionsView,
  allowedRules,
  isReadOnlyState,
  isStatefulType,
  lifecycleOf,
  ruleOf,
} from '../../../shared/lifecycle';
import { PLUGIN_ID, STATE_TRANSITION_UID, nameOf, uidOf } from '../constants';
import { ConflictError, UnprocessableError, bilingual } from '../errors';
import { ACTIONS, rbacActionsForTransition } from '../permissions/actions';
import type { CheckedTypeName, ConfigurationChecker } from './configuration-checks';
import { type DbRow } from '../strapi-types';
import { log } from './log';

type Plain = DbRow;

/** The answer for an unknown object — and for one outside the operator's perimeter (controllers/transitions.ts). */
export const objectNotFound = (documentId: unknown) => new errors.NotFoundError(bilingual(`objet introuvable : ${String(documentId)}`, `object not found: ${String(documentId)}`));

export interface TransitionOperator {
  id?: number | string | null;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
}

export interface ApplyInput {
  /** `plugin::ticketing.<name>` or the singular name. */
  uid: string;
  documentId: string;
  action: string;
  reason?: string | null;
  /** Operator (admin user); null for the system (seed, scripts). */
  user?: TransitionOperator | null;
  /** run on an event: also run its validated performances, in the same transaction. */
  includePerformances?: boolean;
}

export interface ApplyResult {
  uid: string;
  documentId: string;
  from: string;
  to: string;
  action: TransitionAction;
  warnings: TransitionProblem[];
  /** Performances run with their event (includePerformances). */
  cascaded: { documentId: string; code: string | null; from: string; to: string }[];
  configVersion: number;
}

const HISTORY_LENGTH = 20;

const stateLabel = (state: string) => STATE_LABELS[state] ?? { fr: state, en: state };

const operatorName = (user: TransitionOperator | null | undefined): string => {
  if (!user) return 'système / system';
  const full = [user.firstname, user.lastname].filter(Boolean).join(' ').trim();
  return full || user.username || user.email || `#${user.id}`;
};

/**
 * The one place where a state changes. Each transition runs in one database transaction: the
 * object's row is read with FOR UPDATE (PostgreSQL; SQLite serialises transactions on its single
 * connection), the rule and the guards are evaluated on that locked row, the state is written
 * with the raw query API (the document-service guard refuses any state change), the transition
 * is recorded and the configuration version bumped. Two operators acting at once queue on the
 * row lock; the second one sees the new state and gets a 409.
 */
export const createTransitions = ({ strapi }: { strapi: Core.Strapi }) => {
  const isPostgres = () => strapi.db.dialect.client === 'postgres' || strapi.db.config.connection.client === 'postgres';

  const checker = (): ConfigurationChecker => strapi.plugin(PLUGIN_ID).service('configuration-checks');

  function resolveType(uidOrName: string): StatefulTypeName {
    const name = nameOf(uidOrName) ?? uidOrName;
    if (!isStatefulType(name)) {
      throw new errors.ValidationError(bilingual(`ce type n'a pas d'état : ${uidOrName}`, `this type has no state: ${uidOrName}`), {
        errors: [{ path: ['uid'], message: 'unknown stateful type', name: 'ValidationError', value: uidOrName }],
      });
    }
    return name;
  }

  /** The current row, locked until the end of the running transaction on PostgreSQL. */
  async function lockRow(uid: string, where: Plain, select: string[] = ['id', 'documentId', 'state', 'code']) {
    let qb = strapi.db
      .queryBuilder(uid as UID.ContentType)
      .select(select)
      .where(where);
    if (isPostgres()) qb = qb.forUpdate();
    const rows = (await qb.execute()) as Plain[];
    return rows;
  }

  function notAllowed(name: StatefulTypeName, state: string, action: string, code: string | null) {
    const allowed = allowedRules(name, state).map((r) => ({ action: r.action, to: r.to, reasonRequired: r.reasonRequired }));
    const list = allowed.map((a) => a.action).join(', ') || '—';
    const s = stateLabel(state);
    return new ConflictError(
      bilingual(
        `action « ${action} » impossible : ${code ? `« ${code} » ` : ''}est ${s.fr} ; actions possibles : ${list}`,
        `action "${action}" not allowed: ${code ? `"${code}" ` : ''}is ${s.en}; allowed actions: ${list}`,
      ),
      { code: 'TRANSITION_NOT_ALLOWED', state, action, allowedActions: allowed },
    );
  }

  async function record(uid: string, row: Plain, action: TransitionAction, from: string, to: string, reason: string | null, user: TransitionOperator | null | undefined, at: Date, cascadeOf?: string) {
    await strapi.db.query(STATE_TRANSITION_UID).create({
      data: {
        targetUid: uid,
        targetDocumentId: row.documentId,
        targetCode: row.code ?? null,
        action,
        fromState: from,
        toState: to,
        operatorId: user?.id != null ? Number(user.id) : null,
        operatorName: operatorName(user),
        at,
        reason,
        cascadeOf: cascadeOf ?? null,
        createdAt: at,
        updatedAt: at,
        publishedAt: at,
      },
    });
  }

  /**
   * Writes the new state; returns the instant written as the row's `updatedAt`. Strapi's database
   * layer stamps `updatedAt` itself at every update (its timestamps subscriber overrides a given
   * value), so the transition's instant is read back from the row: the history's `at` is then
   * exactly the validated row's `updatedAt`, never a millisecond before it.
   */
  async function setState(uid: string, id: number, state: string, user: TransitionOperator | null | undefined): Promise<Date> {
    const data: Plain = { state };
    if (user?.id != null) data.updatedBy = Number(user.id);
    const updated: Plain | null = await strapi.db.query(uid as UID.ContentType).update({ where: { id }, data, select: ['id', 'updatedAt'] });
    return updated?.updatedAt ? new Date(updated.updatedAt) : new Date();
  }

  /** Guards that depend on other objects: a run needs a running parent. */
  async function parentGuard(name: StatefulTypeName, action: TransitionAction, row: Plain) {
    if (action !== 'run' && action !== 'resume') return;
    // Events and products are sold within their season, performances within their event.
    const parent = name === 'event' || name === 'product' ? { field: 'season', type: 'season' as const } : name === 'performance' ? { field: 'event', type: 'event' as const } : null;
    if (!parent) return;
    const loaded = await strapi.db.query(uidOf(name)).findOne({
      where: { id: row.id },
      populate: { [parent.field]: { select: ['id', 'documentId', 'code', 'state'] } },
    });
    const target = loaded?.[parent.field] as Plain | null;
    // Lock the parent too (child → parent order, the only multi-row order we take), so that it
    // cannot be suspended or closed between this check and the commit.
    const locked = target ? (await lockRow(uidOf(parent.type), { id: target.id }))[0] : null;
    if (!locked || locked.state !== 'running') {
      const what = parent.type === 'season' ? { fr: 'la saison', en: 'the season' } : { fr: "l'événement", en: 'the event' };
      const s = locked ? stateLabel(locked.state) : null;
      const problem: TransitionProblem = {
        code: parent.type === 'season' ? 'SEASON_NOT_RUNNING' : 'EVENT_NOT_RUNNING',
        message: {
          fr: `${what.fr} ${locked ? `« ${locked.code} » est ${s!.fr}` : "n'est pas renseignée"} : elle doit être en exploitation`,
          en: `${what.en} ${locked ? `"${locked.code}" is ${s!.en}` : 'is not set'}: it must be running`,
        },
        objects: locked ? [{ type: parent.type, id: locked.documentId, code: locked.code }] : [],
      };
      throw new UnprocessableError(bilingual(problem.message.fr, problem.message.en), { code: 'GUARD_FAILED', blocking: [problem], warnings: [] });
    }
  }

  async function apply(input: ApplyInput): Promise<ApplyResult> {
    const name = resolveType(input.uid);
    const uid = uidOf(name);
    const action = String(input.action ?? '') as TransitionAction;
    const rule = ruleOf(name, action);
    if (!rule) {
      const known = lifecycleOf(name)
        .rules.map((r) => r.action)
        .join(', ');
      throw new errors.ValidationError(bilingual(`action inconnue « ${action} » (actions : ${known})`, `unknown action "${action}" (actions: ${known})`), {
        errors: [{ path: ['action'], message: `unknown action / action inconnue`, name: 'ValidationError', value: action }],
      });
    }
    const reason = typeof input.reason === 'string' && input.reason.trim() !== '' ? input.reason.trim() : null;
    if (rule.reasonRequired && !reason) {
      throw new errors.ValidationError(bilingual(`un motif est obligatoire pour « ${action} »`, `a reason is required for "${action}"`), {
        errors: [{ path: ['reason'], message: bilingual('motif obligatoire', 'reason required'), name: 'ValidationError', value: null }],
      });
    }
    if (typeof input.documentId !== 'string' || input.documentId === '') {
      throw new errors.ValidationError(bilingual('documentId manquant', 'missing documentId'));
    }

    const applied = (await strapi.db.transaction(async () => {
      const [row] = await lockRow(uid, { documentId: input.documentId });
      if (!row) {
        throw objectNotFound(input.documentId);
      }
      const from = row.state as string;
      if (!rule.from.includes(from)) throw notAllowed(name, from, action, row.code);

      let warnings: TransitionProblem[] = [];
      if (action === 'validate' && STATEFUL_TYPES[name].kind === 'configuration') {
        const result = await checker().check(name as CheckedTypeName, row.documentId);
        if (result.blocking.length > 0) {
          const list = result.blocking.map((p) => p.message.fr).join(' ; ');
          const listEn = result.blocking.map((p) => p.message.en).join('; ');
          throw new UnprocessableError(bilingual(`validation refusée : ${list}`, `validation refused: ${listEn}`), {
            code: 'CHECK_FAILED',
            blocking: result.blocking,
            warnings: result.warnings,
          });
        }
        warnings = result.warnings;
      }
      await parentGuard(name, action, row);

      const at = await setState(uid, row.id, rule.to, input.user);
      await record(uid, row, action, from, rule.to, reason, input.user, at);

      const cascaded: ApplyResult['cascaded'] = [];
      if (name === 'event' && action === 'run' && input.includePerformances) {
        // Find them through the relation, then lock them by id (FOR UPDATE cannot go through
        // the outer join a relation filter produces).
        const candidates = (await strapi.db.query(uidOf('performance')).findMany({
          where: { event: { id: row.id }, state: 'validated' },
          select: ['id'],
        })) as Plain[];
        const performances = candidates.length ? await lockRow(uidOf('performance'), { id: { $in: candidates.map((c) => c.id) }, state: 'validated' }) : [];
        for (const performance of performances) {
          const performanceAt = await setState(uidOf('performance'), performance.id, 'running', input.user);
          await record(uidOf('performance'), performance, 'run', 'validated', 'running', reason, input.user, performanceAt, row.documentId);
          cascaded.push({ documentId: performance.documentId, code: performance.code ?? null, from: 'validated', to: 'running' });
        }
      }

      // Last: the version row is the last lock any write takes.
      const configVersion = await strapi.plugin(PLUGIN_ID).service('config-version').bump();
      return { uid, documentId: row.documentId, from, to: rule.to, action, warnings, cascaded, configVersion } satisfies ApplyResult;
    })) as unknown as ApplyResult;
    // Once its transaction is done: a refused or failed transition throws before this line.
    // An operator's transitions are info; the system's (the demo seed: a hundred at first start) debug.
    const who = input.user ? `${operatorName(input.user)} (admin user ${input.user.id ?? '?'})` : 'system';
    const cascade = applied.cascaded.length > 0 ? `, with ${applied.cascaded.length} performances` : '';
    log[input.user ? 'info' : 'debug'](`transition ${action}: ${name} ${applied.documentId} ${applied.from} → ${applied.to}${cascade} by ${who}; configuration version ${applied.configVersion}`);
    return applied;
  }

  async function history(uid: string, documentId: string, limit = HISTORY_LENGTH): Promise<TransitionRecord[]> {
    const rows = (await strapi.db.query(STATE_TRANSITION_UID).findMany({
      where: { targetUid: uid, targetDocumentId: documentId },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      limit,
    })) as Plain[];
    return rows.map((r) => ({
      id: r.id,
      action: r.action,
      fromState: r.fromState,
      toState: r.toState,
      operatorId: r.operatorId ?? null,
      operatorName: r.operatorName ?? null,
      reason: r.reason ?? null,
      at: new Date(r.at).toISOString(),
    }));
  }

  /** What the side panel shows. `can` answers whether the operator holds an RBAC action. */
  async function describe(uidOrName: string, documentId: string, can: (action: string) => boolean = () => true): Promise<TransitionsView> {
    const name = resolveType(uidOrName);
    const uid = uidOf(name);
    const row = (await strapi.db.query(uid as UID.ContentType).findOne({ where: { documentId }, select: ['id', 'documentId', 'state', 'code'] })) as Plain | null;
    if (!row) throw objectNotFound(documentId);
    const kind = STATEFUL_TYPES[name].kind;
    // A transition is permitted when the operator holds any RBAC action allowing it.
    const permitted = (action: string) => rbacActionsForTransition(kind, action).some((a) => can(a));
    let check: TransitionsView['check'] = null;
    if (kind === 'configuration' && row.state !== 'archived') {
      check = await checker().check(name as CheckedTypeName, documentId);
    }
    return {
      uid,
      documentId,
      code: row.code ?? null,
      state: row.state,
      readOnly: isReadOnlyState(name, row.state),
      final: lifecycleOf(name).final.includes(row.state),
      allowedActions: allowedRules(name, row.state).map((r) => ({ action: r.action, to: r.to, reasonRequired: r.reasonRequired, permitted: permitted(r.action) })),
      check,
      history: can(ACTIONS.readHistory) ? await history(uid, documentId) : null,
      configVersion: await strapi.plugin(PLUGIN_ID).service('config-version').get(),
    };
  }

  return { apply, describe, history, actionLabels: ACTION_LABELS };
};
