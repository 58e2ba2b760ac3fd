import type { Core, UID } from '@strapi/strapi';

/**
 * What a write does to a to-one relation, whatever the form the caller used: a documentId,
 * a numeric id, `{ documentId }`, `{ id }`, `{ set: [...] }`, `{ connect: [...] }` or
 * `{ disconnect: [...] }` (the Content Manager's form).
 * Returns `undefined` when the write leaves the relation alone, `null` when it clears it.
 */
type Ref = { documentId?: string; id?: number };

const toRef = (value: unknown): Ref | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.documentId === 'string') return { documentId: v.documentId };
    if (typeof v.id === 'number' || typeof v.id === 'string') {
      return typeof v.id === 'number' || /^\d+$/.test(String(v.id)) ? { id: Number(v.id) } : { documentId: String(v.id) };
    }
  }
  return null;
};

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

export function toOneRelationInput(value: unknown): Ref | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : toRef(value[value.length - 1]);
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if ('set' in v) {
      const list = asList(v.set);
      return list.length === 0 ? null : toRef(list[list.length - 1]);
    }
    if ('connect' in v || 'disconnect' in v) {
      const connect = asList(v.connect);
      if (connect.length > 0) return toRef(connect[connect.length - 1]);
      return asList(v.disconnect).length > 0 ? null : undefined;
    }
  }
  return toRef(value);
}

/** The documentId a reference points to, or null when nothing of that type has it. */
export async function resolveDocumentId(strapi: Core.Strapi, uid: string, ref: Ref | null): Promise<string | null> {
  if (!ref) return null;
  const where = ref.documentId !== undefined ? { documentId: ref.documentId } : { id: ref.id };
  const row = await strapi.db.query(uid as UID.ContentType).findOne({ where, select: ['documentId'] });
  return row ? (row.documentId as string) : null;
}
