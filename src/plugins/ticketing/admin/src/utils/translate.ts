import * as React from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';

/** The plugin's message id (`ticketing.<id>`): every key of translations/{fr,en}.json is registered with this prefix. */
export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;

export type Translate = (id: string, defaultMessage: string, values?: Record<string, string | number>) => string;

/**
 * The one translation helper of the plugin's pages: `t(id, defaultMessage, values)`, `id` relative to
 * the plugin (and to `scope` when given), plus the admin's locale and the half of a bilingual
 * server message (`{ fr, en }`) to show.
 */
export function useTranslate(scope?: string) {
  const { formatMessage, locale } = useIntl();
  const t = React.useCallback<Translate>((id, defaultMessage, values) => formatMessage({ id: getTranslation(scope ? `${scope}.${id}` : id), defaultMessage }, values), [formatMessage, scope]);
  const lang: 'fr' | 'en' = locale.startsWith('fr') ? 'fr' : 'en';
  return { t, locale, lang };
}
