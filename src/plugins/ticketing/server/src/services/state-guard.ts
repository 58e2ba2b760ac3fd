import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { STATEFUL_TYPES, STATE_LABELS, type StatefulTypeName, isReadOnlyState, isStatefulType, lifecycleOf } from '../../../shared/lifecycle';
import { CONFIG_VERSION_UID, PLUGIN_ID, STATE_TRANSITION_UID, nameOf, uidOf } from '../constants';
import { ConflictError, bilingual } from '../errors';
import { attributesOf, type Ability, type DbRow } from '../strapi-types';
import { log } from './log';

type Plain = DbRow;

/** Every document-service action that writes. */
const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

const stateError = (fr: string, en: string, value: unknown) =>
  new errors.ValidationError(bilingual(fr, en), {
    errors: [{ path: ['state'], message: bilingual(fr, en), name: 'ValidationError', value: value ?? null }],
  });

/**
 * "Read-only means read-only", for every door (Content Manager, REST, document service):
 *
 * - a write of a ticketing type runs in one transaction opened here, around the rest of the
 *   middleware chain (the write guard included) and the repository call, which joins it
 *   (Strapi's transaction context is an AsyncLocalStorage, and the document service's own
 *   wrapInTransaction nests);
 * - the row being updated/deleted/cloned is read with FOR UPDATE on PostgreSQL before its state
 *   is checked, so a write racing a transition either commits before it or sees the new state
 *   and is refused: it can never modify a row that has just been validated;
 * - `state` cannot be set or changed by a write (only services/transitions.ts changes it, with
 *   the raw query API that does not go through this middleware);
 * - the history and the version counter are not writable through the document service at all;
 * - an object a read-only one points to (directly or through one of its components) cannot be
 *   deleted: Strapi would silently drop that relation from the locked object;
 * - every accepted write bumps the configuration version in the same transaction.
 */
export const createStateGuard = ({ strapi }: { strapi: Core.Strapi }) => {
  const isPostgres = () => strapi.db.config.connection.client === 'postgres';

  async function lockedRows(uid: string, documentId: string): Promise<Plain[]> {
    let qb = strapi.db
      .queryBuilder(uid as UID.ContentType)
      .select(['id', 'state', 'code'])
      .where({ documentId });
    if (isPostgres()) qb = qb.forUpdate();
    return (await qb.execute()) as Plain[];
  }

  function readOnlyError(name: StatefulTypeName, action: string, row: Plain) {
    const s = STATE_LABELS[row.state] ?? { fr: row.state, en: row.state };
    const kind = lifecycleOf(name) === lifecycleOf('sales-calendar') ? 'configuration' : 'catalogue';
    const hint =
      kind === 'configuration'
        ? { fr: "rouvrez-le d'abord (action « reopen », avec un motif)", en: 'reopen it first ("reopen" action, with a reason)' }
        : { fr: 'un objet clôturé ou annulé ne change plus', en: 'a closed or cancelled object is final' };
    const code = row.code ? ` « ${row.code} »` : '';
    const codeEn = row.code ? ` "${row.code}"` : '';
    return new ConflictError(bilingual(`lecture seule : l'objet${code} est ${s.fr}, « ${action} » refusé ; ${hint.fr}`, `read-only: the object${codeEn} is ${s.en}, "${action}" refused; ${hint.en}`), {
      code: 'READ_ONLY',
      state: row.state,
      action,
    });
  }

  /**
   * For each target type, the attribute paths by which a stateful type points to it: a relation
   * of its own (`[attribute]`) or of one of its components (`[component, attribute]`). Read from
   * the schemas once.
   */
  let referrers: Map<string, { name: StatefulTypeName; path: string[] }[]> | null = null;
  function referrersOf(targetUid: string) {
    if (!referrers) {
      const map = new Map<string, { name: StatefulTypeName; path: string[] }[]>();
      const add = (target: string, name: StatefulTypeName, path: string[]) => map.set(target, [...(map.get(target) ?? []), { name, path }]);
      for (const name of Object.keys(STATEFUL_TYPES) as StatefulTypeName[]) {
        for (const [attribute, definition] of Object.entries(attributesOf(strapi, uidOf(name)))) {
          if (definition.type === 'relation' && definition.target) add(definition.target, name, [attribute]);
          if (definition.type === 'component' && definition.component) {
            for (const [inner, innerDefinition] of Object.entries(attributesOf(strapi, definition.component))) {
              if (innerDefinition.type === 'relation' && innerDefinition.target) add(innerDefinition.target, name, [attribute, inner]);
            }
          }
        }
      }
      referrers = map;
    }
    return referrers.get(targetUid) ?? [];
  }

  /** The read-only objects pointing to a document (a few per type: enough to name them). */
  async function lockedReferrers(uid: string, documentId: string) {
    const found: { name: StatefulTypeName; code: string; state: string; documentId: string }[] = [];
    for (const { name, path } of referrersOf(uid)) {
      let where: Plain = { documentId };
      for (const attribute of [...path].reverse()) where = { [attribute]: where };
      const rows: Plain[] = await strapi.db.query(uidOf(name)).findMany({
        where: { ...where, state: { $in: [...lifecycleOf(name).readOnly] } },
        select: ['code', 'state', 'documentId'],
        limit: 3,
      });
      for (const row of rows) if (!found.some((f) => f.name === name && f.code === row.code)) found.push({ name, code: row.code, state: row.state, documentId: row.documentId });
    }
    return found;
  }

  /** The ability of an operator's Content Manager request (null otherwise): what they may be told. */
  function operatorAbility(): Ability | null {
    const ctx = strapi.requestContext.get() as DbRow | undefined;
    const user = ctx?.state?.user;
    if (!user || !ctx.state.userAbility || user.roles?.some((r: Plain) => r.code === 'strapi-super-admin')) return null;
    if (!String(ctx.request?.path ?? '').startsWith('/content-manager/')) return null;
    return ctx.state.userAbility;
  }

  async function checkDeleteReferences(uid: string, documentId: string) {
    const all = await lockedReferrers(uid, documentId);
    if (all.length === 0) return;
    // The refusal names only the referrers the operator may read (the others are counted).
    const ability = operatorAbility();
    let found = all;
    if (ability) {
      found = [];
      for (const f of all) {
        const readable: Set<string> = await strapi.plugin(PLUGIN_ID).service('perimeter').readableIds(ability, uidOf(f.name), [f.documentId]);
        if (readable.has(f.documentId)) found.push(f);
      }
    }
    const hidden = all.length - found.length;
    const list = (lang: 'fr' | 'en') =>
      [
        ...found.map((f) => `${f.code} (${STATE_LABELS[f.state]?.[lang] ?? f.state})`),
        ...(hidden ? [lang === 'fr' ? `${hidden} objet(s) hors de votre périmètre` : `${hidden} object(s) outside your perimeter`] : []),
      ].join(', ');
    throw new ConflictError(
      bilingual(
        `suppression refusée : des objets en lecture seule y font référence — ${list('fr')} ; rouvrez-les ou retirez d'abord la référence`,
        `delete refused: read-only objects refer to it — ${list('en')}; reopen them or remove the reference first`,
      ),
      { code: 'REFERENCED_BY_READ_ONLY', referrers: found.map(({ name, code, state }) => ({ name, code, state })), hidden },
    );
  }

  async function checkStateful(name: StatefulTypeName, action: string, params: Plain) {
    const lifecycle = lifecycleOf(name);
    const data: Plain | undefined = params.data;
    const requested = data && Object.prototype.hasOwnProperty.call(data, 'state') ? data.state : undefined;

    if (action === 'create') {
      if (requested !== undefined && requested !== null && requested !== lifecycle.initial) {
        throw stateError(
          `un nouvel objet est créé « ${STATE_LABELS[lifecycle.initial].fr} » ; l'état ne change que par une action (valider, mettre en exploitation…)`,
          `a new object starts "${lifecycle.initial}"; the state only changes through a transition action`,
          requested,
        );
      }
      return;
    }
    if (!params.documentId) return;
    const rows = await lockedRows(`plugin::${PLUGIN_ID}.${name}`, params.documentId);
    if (rows.length === 0) return; // Strapi answers "not found" itself
    for (const row of rows) {
      if (isReadOnlyState(name, row.state)) throw readOnlyError(name, action, row);
    }
    const current = rows[0].state as string;
    if (action === 'update' && requested !== undefined && requested !== current) {
      throw stateError(`l'état (${current}) ne se modifie pas ici : utilisez les actions (transitions)`, `the state (${current}) cannot be edited: use the transition actions`, requested);
    }
    if (action === 'clone') {
      if (requested !== undefined && requested !== null && requested !== lifecycle.initial) {
        throw stateError(`une copie commence « ${STATE_LABELS[lifecycle.initial].fr} »`, `a copy starts "${lifecycle.initial}"`, requested);
      }
      // The clone is a new object: it starts at the beginning of its lifecycle.
      params.data = { ...(data ?? {}), state: lifecycle.initial };
    }
  }

  return {
    async middleware(context: Plain, next: () => Promise<unknown>) {
      const { uid, action } = context;
      if (!WRITE_ACTIONS.has(action)) return next();
      if (uid === STATE_TRANSITION_UID || uid === CONFIG_VERSION_UID) {
        log.debug(`write refused (state guard): ${action} ${uid}: written by the server only`);
        const history = uid === STATE_TRANSITION_UID;
        throw new ConflictError(
          history
            ? bilingual("l'historique des états est en lecture seule : il est écrit par les actions de transition", 'the state history is read-only: it is written by the transition actions')
            : bilingual('la version de configuration est tenue par le serveur', 'the configuration version is kept by the server'),
          { code: 'READ_ONLY', action },
        );
      }
      const name = nameOf(uid);
      if (!name) return next();
      return strapi.db.transaction(async () => {
        try {
          if (isStatefulType(name)) await checkStateful(name, action, context.params ?? {});
          if (action === 'delete' && context.params?.documentId) await checkDeleteReferences(uid, context.params.documentId);
        } catch (error) {
          log.debug(`write refused (state guard): ${action} ${name} ${context.params?.documentId ?? '(new)'}: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        }
        const result = await next();
        // Last lock of the write (see config-version.ts).
        await strapi.plugin(PLUGIN_ID).service('config-version').bump();
        return result;
      });
    },
  };
};
