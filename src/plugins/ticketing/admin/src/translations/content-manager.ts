import { componentNames, contentTypeNames, fieldLabels } from '../../../shared/labels';

/**
 * The Content Manager translates a type's name with its display name as the key and a field
 * label with `content-manager.content-types.<uid>.<field>`: register both for our types.
 */
export function contentManagerTranslations(locale: 'fr' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  const uids = [
    ...Object.keys(contentTypeNames).map((name) => `plugin::ticketing.${name}`),
    ...Object.keys(componentNames).map((name) => `ticketing.${name}`),
  ];
  for (const label of Object.values(contentTypeNames)) out[label.fr] = label[locale];
  for (const label of Object.values(componentNames)) out[label.fr] = label[locale];
  for (const uid of uids) {
    for (const [field, label] of Object.entries(fieldLabels)) {
      out[`content-manager.content-types.${uid}.${field}`] = label[locale];
    }
  }
  return out;
}
