import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, nameOf } from '../constants';
import { bilingual } from '../errors';
import { ORGANIZATION_PATH, isSuperAdmin } from './perimeter';
import { type Ability, type DbRow, attributesOf as schemaAttributes } from '../strapi-types';

type Plain = DbRow;
type Ref = { documentId?: string; id?: number };
/** One relation reference of a write's data: where it is (field path) and what it names. */
interface Link {
  path: (string | number)[];
  target: string;
  ref: Ref;
  /** the attribute is the inverse side (`mappedBy`): writing it moves the target */
  inverse: boolean;
}
interface Problem {
  path: (string | number)[];
  fr: string;
  en: string;
}

const WRITES = new Set(['create', 'update', 'clone']);

const UNKNOWN = { fr: "l'objet lié n'existe pas", en: 'the related object does not exist' };
const OTHER_ORGANIZATION = {
  fr: "lien vers un objet d'un autre organisme : un objet d'un organisme ne se lie qu'à des objets du même organisme (ou de l'institution)",
  en: 'link to an object of another organization: an object of an organization links only to objects of the same organization (or institution-wide ones)',
};
const MOVE = {
  fr: "un objet ne change pas d'organisme (créez-le dans l'autre organisme)",
  en: 'an object does not move to another organization (create it in the other one)',
};

export const problemsError = (problems: Problem[]) =>
  new errors.ValidationError(problems.map((p) => `${p.path.join('.')} : ${bilingual(p.fr, p.en)}`).join(' ; '), {
    errors: problems.map((p) => ({ path: p.path.map(String), message: bilingual(p.fr, p.en), name: 'ValidationError', value: null })),
  });

const toRef = (value: unknown): Ref | null => {
  if (typeof value === 'string') return value === '' ? null : /^\d+$/.test(value) ? { id: Number(value) } : { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (value && typeof value === 'object') {
    const v = value as Plain;
    if (typeof v.documentId === 'string') return { documentId: v.documentId };
    if (typeof v.id === 'number' || (typeof v.id === 'string' && /^\d+$/.test(v.id))) return { id: Number(v.id) };
    if (typeof v.id === 'string') return { documentId: v.id };
  }
  return null;
};

/** Every reference a relation input names: plain values, lists, connect / set / disconnect, and positions. */
function refsOf(value: unknown): Ref[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (typeof value === 'object') {
    const v = value as Plain;
    if ('connect' in v || 'set' in v || 'disconnect' in v) return ['connect', 'set', 'disconnect'].flatMap((k) => refsOf(v[k]));
    const own = toRef(v);
    const position = v.position && typeof v.position === 'object' ? [v.position.before, v.position.after].filter((x) => typeof x === 'string').map((x) => ({ documentId: x as string })) : [];
    return [...(own ? [own] : []), ...position];
  }
  const own = toRef(value);
  return own ? [own] : [];
}

/**
 * Links of an organisation-level object stay inside its organisation, on every door (Content
 * Manager, REST, document service), for everyone including super admins; and, for an operator's
 * Content Manager request, a relation target outside their read perimeter is answered exactly as
 * an unknown one (400 naming the field), before any other guard speaks.
 *
 * Registered first among the document middlewares: it opens the write's transaction (the state
 * guard's nests in it), checks the data's references before the write (unknown, outside the
 * perimeter, another organisation; the organisation-defining relation of an existing object may
 * not move it to another organisation), and after the write checks every relation of the written
 * object — own and of its components — so that a clone's copied links are held too (rolled back).
 */
export const createLinkGuard = ({ strapi }: { strapi: Core.Strapi }) => {
  const perimeter = () => strapi.plugin(PLUGIN_ID).service('perimeter');
  const attributesOf = (uid: string) => schemaAttributes(strapi, uid) as Plain;
  const limited = (uid: string) => {
    const name = nameOf(uid);
    return !!name && ORGANIZATION_PATH[name] !== null;
  };

  /** The ability of an operator's Content Manager request (null otherwise: seeds, REST tokens, super admins). */
  function operatorAbility(): Ability | null {
    const ctx = strapi.requestContext.get() as Plain | undefined;
    if (!ctx?.state?.user || !ctx.state.userAbility || isSuperAdmin(ctx.state.user)) return null;
    if (ctx.state.auth?.strategy?.name !== 'admin') return null;
    if (!String(ctx.request?.path ?? '').startsWith('/content-manager/')) return null;
    return ctx.state.userAbility;
  }

  function linksOf(uid: string, data: Plain | undefined, path: (string | number)[], out: Link[]) {
    if (!data || typeof data !== 'object') return out;
    for (const [field, attribute] of Object.entries<Plain>(attributesOf(uid))) {
      if (!(field in data)) continue;
      const value = data[field];
      if (attribute.type === 'relation' && typeof attribute.target === 'string' && nameOf(attribute.target)) {
        for (const ref of refsOf(value)) out.push({ path: [...path, field], target: attribute.target, ref, inverse: !!attribute.mappedBy });
      } else if (attribute.type === 'component' && value && typeof value === 'object') {
        const items = Array.isArray(value) ? value : [value];
        items.forEach((item, i) => linksOf(attribute.component, item, attribute.repeatable ? [...path, field, i] : [...path, field], out));
      }
    }
    return out;
  }

  /** documentIds of the references (null: names nothing), in one query per target type. */
  async function resolve(links: Link[]): Promise<(string | null)[]> {
    const byTarget = new Map<string, Link[]>();
    for (const link of links) byTarget.set(link.target, [...(byTarget.get(link.target) ?? []), link]);
    const found = new Map<string, string>();
    for (const [target, list] of byTarget) {
      const documentIds = list.map((l) => l.ref.documentId).filter((d): d is string => !!d);
      const ids = list.map((l) => l.ref.id).filter((d): d is number => typeof d === 'number');
      const or: Plain[] = [];
      if (documentIds.length) or.push({ documentId: { $in: documentIds } });
      if (ids.length) or.push({ id: { $in: ids } });
      if (!or.length) continue;
      const rows: Plain[] = await strapi.db.query(target as UID.ContentType).findMany({ where: { $or: or }, select: ['id', 'documentId'] });
      for (const row of rows) {
        found.set(`${target}|d|${row.documentId}`, row.documentId);
        found.set(`${target}|i|${row.id}`, row.documentId);
      }
    }
    return links.map((l) => (l.ref.documentId ? found.get(`${l.target}|d|${l.ref.documentId}`) : found.get(`${l.target}|i|${l.ref.id}`)) ?? null);
  }

  /** The organisation of each target (institution-level targets: null), batched per type. */
  async function organizations(items: { target: string; documentId: string }[]) {
    const out = new Map<string, string | null>();
    const byTarget = new Map<string, string[]>();
    for (const { target, documentId } of items) byTarget.set(target, [...(byTarget.get(target) ?? []), documentId]);
    for (const [target, ids] of byTarget) {
      const orgs: Map<string, string | null> = await perimeter().organizationsOf(target, ids);
      for (const [id, org] of orgs) out.set(`${target}|${id}`, org);
    }
    return out;
  }

  /** The organisation the written object will belong to, from its data or (update, clone) as it is. */
  async function organizationAfter(uid: string, action: string, params: Plain, links: Link[], resolved: (string | null)[]) {
    const name = nameOf(uid)!;
    const path = ORGANIZATION_PATH[name];
    if (path === null) return { before: null, after: null, defining: null };
    const before = action !== 'create' && params.documentId ? await perimeter().organizationOf(uid, params.documentId) : null;
    if (path.length === 0) return { before, after: action === 'update' ? (params.documentId ?? null) : null, defining: null };
    const defining = path[0];
    const index = links.findIndex((l) => l.path.length === 1 && l.path[0] === defining && !l.inverse);
    const given = params.data && defining in params.data;
    if (!given) return { before, after: before, defining };
    if (index < 0 || !resolved[index]) return { before, after: null, defining };
    const target = links[index].target;
    const after = await perimeter().organizationOf(target, resolved[index]!);
    return { before, after, defining };
  }

  /** Returns whether the write names any reference (otherwise its stored links cannot change, a clone's aside). */
  async function checkBefore(uid: string, action: string, params: Plain): Promise<boolean> {
    const links = linksOf(uid, params.data, [], []);
    if (links.length === 0) return false;
    const resolved = await resolve(links);
    const problems: Problem[] = [];
    const seen = new Set<string>();
    const add = (p: Problem) => {
      const key = p.path.join('.');
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(p);
      }
    };
    links.forEach((link, i) => {
      if (!resolved[i]) add({ path: link.path, ...UNKNOWN });
    });
    // An operator's request: a target outside their read perimeter is as unknown as one that does not exist.
    const ability = operatorAbility();
    if (ability) {
      const byTarget = new Map<string, string[]>();
      links.forEach((l, i) => {
        if (resolved[i] && limited(l.target)) byTarget.set(l.target, [...(byTarget.get(l.target) ?? []), resolved[i]!]);
      });
      const readable = new Map<string, Set<string>>();
      for (const [target, ids] of byTarget) readable.set(target, await perimeter().readableIds(ability, target, ids));
      links.forEach((l, i) => {
        if (resolved[i] && limited(l.target) && !readable.get(l.target)!.has(resolved[i]!)) add({ path: l.path, ...UNKNOWN });
      });
    }
    if (problems.length) throw problemsError(problems);

    const { before, after, defining } = await organizationAfter(uid, action, params, links, resolved);
    if (action === 'update' && defining && before && after && before !== after) add({ path: [defining], ...MOVE });
    if (after) {
      const targets = links.map((l, i) => ({ l, documentId: resolved[i]! })).filter(({ l }) => limited(l.target) && !(l.path.length === 1 && l.path[0] === defining && !l.inverse));
      const orgs = await organizations(targets.map(({ l, documentId }) => ({ target: l.target, documentId })));
      for (const { l, documentId } of targets) {
        const org = orgs.get(`${l.target}|${documentId}`);
        if (org && org !== after) add({ path: l.path, ...OTHER_ORGANIZATION });
      }
    }
    if (problems.length) throw problemsError(problems);
    return true;
  }

  /** Every organisation-level relation of a stored object (own and of its components), with its field path. */
  function storedLinks(uid: string, row: Plain | null, path: (string | number)[], out: { path: (string | number)[]; target: string; documentId: string }[]) {
    if (!row) return out;
    for (const [field, attribute] of Object.entries<Plain>(attributesOf(uid))) {
      const value = row[field];
      if (value == null) continue;
      if (attribute.type === 'relation' && nameOf(attribute.target) && limited(attribute.target) && !attribute.mappedBy) {
        for (const item of Array.isArray(value) ? value : [value]) if (item?.documentId) out.push({ path: [...path, field], target: attribute.target, documentId: item.documentId });
      } else if (attribute.type === 'component') {
        const items = Array.isArray(value) ? value : [value];
        items.forEach((item, i) => storedLinks(attribute.component, item, attribute.repeatable ? [...path, field, i] : [...path, field], out));
      }
    }
    return out;
  }

  function populateOf(uid: string): Plain {
    const populate: Plain = {};
    for (const [field, attribute] of Object.entries<Plain>(attributesOf(uid))) {
      if (attribute.type === 'relation' && nameOf(attribute.target) && limited(attribute.target) && !attribute.mappedBy) populate[field] = { select: ['documentId'] };
      else if (attribute.type === 'component') {
        const nested = populateOf(attribute.component);
        populate[field] = Object.keys(nested).length ? { populate: nested } : true;
      }
    }
    return populate;
  }

  async function checkAfter(uid: string, documentId: string) {
    const name = nameOf(uid)!;
    if (ORGANIZATION_PATH[name] === null) return;
    const own = await perimeter().organizationOf(uid, documentId);
    if (!own) return;
    const definingField = ORGANIZATION_PATH[name]![0];
    const row = await strapi.db.query(uid as UID.ContentType).findOne({ where: { documentId }, populate: populateOf(uid) });
    const links = storedLinks(uid, row, [], []).filter((l) => !(l.path.length === 1 && l.path[0] === definingField));
    const orgs = await organizations(links);
    const problems = links.filter((l) => {
      const org = orgs.get(`${l.target}|${l.documentId}`);
      return org && org !== own;
    });
    if (problems.length) throw problemsError(problems.map((l) => ({ path: l.path, ...OTHER_ORGANIZATION })));
  }

  return {
    async middleware(context: Plain, next: () => Promise<unknown>) {
      const { uid, action } = context;
      const name = nameOf(uid);
      if (!name || !WRITES.has(action)) return next();
      return strapi.db.transaction(async () => {
        const linked = await checkBefore(uid, action, context.params ?? {});
        const result = (await next()) as Plain | null;
        const documentId = result?.documentId ?? result?.entries?.[0]?.documentId ?? context.params?.documentId;
        if (documentId && (linked || action === 'clone')) await checkAfter(uid, documentId);
        return result;
      });
    },
  };
};
