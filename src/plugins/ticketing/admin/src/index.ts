import { Calendar, GridNine, PriceTag } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { StatePanel } from './components/StatePanel';
import { injectListColumns, mutateEditViewLayout } from './content-manager';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';
import { contentManagerTranslations } from './translations/content-manager';
import type { Locale } from '../../shared/enums';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Billetterie' });
    // « Billetterie » in the main menu: timeline, problems, setup steps (needs timeline.read).
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Calendar,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Billetterie' },
      permissions: PERMISSIONS.timeline,
      Component: () => import('./pages/App'),
    });
    // « Plans de salle » (issue #16): the physical and logical configurations' seating-plan editor.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/seating`,
      icon: GridNine,
      intlLabel: { id: `${PLUGIN_ID}.seating.title`, defaultMessage: 'Plans de salle' },
      permissions: PERMISSIONS.timeline,
      Component: () => import('./pages/SeatingApp'),
    });
    // « Tarifs » (issue #18): the price-grid editor and the maximum gross revenue.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/prices`,
      icon: PriceTag,
      intlLabel: { id: `${PLUGIN_ID}.prices.title`, defaultMessage: 'Tarifs' },
      permissions: PERMISSIONS.timeline,
      Component: () => import('./pages/PricesApp'),
    });
    // Operators, perimeters and effective rights (issue #6), in the settings
    // (a new settings section can only be created during register).
    app.addSettingsLink({ id: PLUGIN_ID, intlLabel: { id: `${PLUGIN_ID}.settings.section`, defaultMessage: 'Billetterie' } }, [
      {
        intlLabel: { id: `${PLUGIN_ID}.settings.operators`, defaultMessage: 'Opérateurs et droits / Operators and rights' },
        id: 'operators',
        to: `${PLUGIN_ID}/operators`,
        Component: () => import('./pages/OperatorsPage'),
        permissions: PERMISSIONS.perimeters,
      },
    ]);
  },

  bootstrap(app: StrapiApp) {
    // State, actions, checks and history of calendars, profiles and catalogue objects.
    (app.getPlugin('content-manager').apis as { addEditViewSidePanel(panels: unknown[]): void }).addEditViewSidePanel([StatePanel]);
    // Field descriptions in the admin's language; translated states in the list views' « État » column.
    app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', mutateEditViewLayout);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', injectListColumns);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        const own = await import(`./translations/${locale}.json`).then((m) => m.default ?? m).catch(() => ({}));
        const prefixed = Object.fromEntries(Object.entries(own).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));
        const cm = locale === 'fr' || locale === 'en' ? contentManagerTranslations(locale as Locale) : {};
        return { locale, data: { ...cm, ...prefixed } };
      }),
    );
  },
};
