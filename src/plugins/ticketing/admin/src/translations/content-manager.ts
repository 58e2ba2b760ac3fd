import { fieldHelp } from '../../../shared/help';
import { componentNames, contentTypeNames, enumValueLabels, fieldLabels } from '../../../shared/labels';

/** The id of a field's description (admin/src/content-manager.tsx shows it in the admin's language). */
export const helpMessageId = (uid: string, field: string) => `ticketing.help.${uid}.${field}`;

/**
 * The Content Manager translates a type's name with its display name as the key, a field label
 * with `content-manager.content-types.<uid>.<field>` (`content-manager.components.<uid>.<field>`
 * inside a component) and an enumeration option with its raw value: register all of them for
 * our types, with our fields' descriptions.
 */
export function contentManagerTranslations(locale: 'fr' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const label of [...Object.values(contentTypeNames), ...Object.values(componentNames)]) out[label.fr] = label[locale];
  for (const name of Object.keys(contentTypeNames)) {
    for (const [field, label] of Object.entries(fieldLabels)) out[`content-manager.content-types.plugin::ticketing.${name}.${field}`] = label[locale];
  }
  for (const name of Object.keys(componentNames)) {
    for (const [field, label] of Object.entries(fieldLabels)) out[`content-manager.components.ticketing.${name}.${field}`] = label[locale];
  }
  for (const [value, label] of Object.entries(enumValueLabels)) out[value] = label[locale];
  for (const [uid, fields] of Object.entries(fieldHelp)) {
    for (const [field, help] of Object.entries(fields)) out[helpMessageId(uid, field)] = help[locale];
  }
  // The unit of « max. 200 characters » under our text fields has no French in Strapi 5.54.
  if (locale === 'fr') out['content-manager.form.Input.hint.character.unit'] = '{maxValue, plural, one { caractère} other { caractères}}';
  return out;
}
