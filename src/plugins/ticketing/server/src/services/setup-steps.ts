import type { ConfigurationInput, SeasonInput } from '../domain';
import type { SetupStep } from '../../../shared/setup';

/**
 * The manual's setup steps (« Étapes de paramétrage ») for a season's organisation, and the
 * problems they raise: a missing **mandatory** step is a blocking problem of the « Problèmes »
 * list, so that both tabs agree; an optional step never is. Pure: the timeline service passes
 * the configuration and the operator's channel scope.
 */
export type { SetupStep };

/** French and English names of the steps (the admin shows its own translations; these are the API's messages). */
export const SETUP_STEP_NAMES: Record<string, { fr: string; en: string }> = {
  organizations: { fr: 'Organismes', en: 'Organisations' },
  seatCategories: { fr: 'Catégories de places', en: 'Seat categories' },
  salesChannels: { fr: 'Filières de vente', en: 'Sales channels' },
  pointsOfSale: { fr: 'Points de vente', en: 'Points of sale' },
  seasons: { fr: 'Saisons', en: 'Seasons' },
  audienceSubcategories: { fr: 'Sous-catégories de public', en: 'Audience subcategories' },
  tariffTypes: { fr: 'Types de tarif', en: 'Tariff types' },
  activities: { fr: 'Activités', en: 'Activities' },
  salesCalendars: { fr: 'Calendriers de vente validés', en: 'Validated sales calendars' },
  events: { fr: 'Événements et séances', en: 'Events and performances' },
  activityProfiles: { fr: 'Profils activité validés', en: 'Validated activity profiles' },
  products: { fr: 'Produits et profils produit', en: 'Products and product profiles' },
  vatRates: { fr: 'Taux de TVA', en: 'VAT rates' },
  paymentMethods: { fr: 'Modes de règlement', en: 'Payment methods' },
  deliveryMethods: { fr: "Modes d'envoi", en: 'Delivery methods' },
  priceLevels: { fr: 'Niveaux de prix', en: 'Price levels' },
  priceGrids: { fr: 'Grilles tarifaires validées', en: 'Validated price grids' },
  simpleFees: { fr: 'Frais simples', en: 'Simple fees' },
  generalFees: { fr: 'Frais généraux', en: 'General fees' },
  deliveryFees: { fr: "Frais d'envoi", en: 'Delivery fees' },
  operation: { fr: 'Mise en exploitation', en: 'Putting into operation' },
};

export function setupSteps(config: ConfigurationInput, season: SeasonInput, channelScope: Set<string> | null): SetupStep[] {
  const org = config.organizations.find((o) => o.id === season.organizationId) ?? null;
  // Channels and points of sale: those of the operator's channels only.
  const enabledChannels = (org?.salesChannelIds ?? []).filter((id) => !channelScope || channelScope.has(id));
  const pointsOfSale = config.pointsOfSale.filter((p) => p.organizationId === season.organizationId && (!channelScope || channelScope.has(p.salesChannelId)));
  const inSeason = <T extends { seasonId: string }>(list: T[]) => list.filter((x) => x.seasonId === season.id);
  const ofOrg = <T extends { organizationId: string }>(list: T[]) => list.filter((x) => x.organizationId === season.organizationId);
  const events = inSeason(config.events);
  const eventIds = new Set(events.map((e) => e.id));
  const performances = config.performances.filter((p) => eventIds.has(p.eventId));
  const step = (key: string, type: string, required: boolean, count: number, done: boolean, detail: Record<string, number> = {}): SetupStep => ({ key, type, required, count, done, detail });
  const validated = (list: { state: string }[]) => list.filter((x) => x.state === 'validated').length;
  const running = (list: { state: string }[]) => list.filter((x) => x.state === 'running').length;
  const calendars = ofOrg(config.salesCalendars);
  const profiles = ofOrg(config.activityProfiles);
  const productProfiles = ofOrg(config.productProfiles);
  const subcategories = inSeason(config.audienceSubcategories).length;
  const tariffTypes = inSeason(config.tariffTypes).length;
  const activities = inSeason(config.activities).length;
  const products = inSeason(config.products).length;
  return [
    step('organizations', 'organization', true, org ? 1 : 0, !!org),
    step('seatCategories', 'seat-category', true, config.seatCategories.length, config.seatCategories.length > 0),
    step('salesChannels', 'sales-channel', true, enabledChannels.length, enabledChannels.length > 0),
    step('pointsOfSale', 'point-of-sale', true, pointsOfSale.length, pointsOfSale.length > 0),
    step('seasons', 'season', true, 1, true),
    step('audienceSubcategories', 'audience-subcategory', true, subcategories, subcategories > 0),
    step('tariffTypes', 'tariff-type', true, tariffTypes, tariffTypes > 0),
    step('activities', 'activity', true, activities, activities > 0),
    step('salesCalendars', 'sales-calendar', true, calendars.length, validated(calendars) > 0, { validated: validated(calendars) }),
    step('events', 'event', true, events.length, events.length > 0 && performances.length > 0, { performances: performances.length }),
    step('activityProfiles', 'activity-profile', true, profiles.length, validated(profiles) > 0, { validated: validated(profiles) }),
    step('products', 'product-profile', false, products, validated(productProfiles) > 0, { products, validated: validated(productProfiles) }),
    ...pricingSteps(config, season, enabledChannels, step),
    step('operation', 'season', true, running(events), season.state === 'running' && running(events) > 0, {
      runningEvents: running(events),
      runningPerformances: running(performances),
    }),
  ];
}

/**
 * The price steps (issue #18), when the configuration carries the pricing setup: payment methods*,
 * delivery methods* (active, offered on a channel of the organisation the operator sees, or on
 * every channel), price grids* (a validated grid of the season); VAT rates, price levels and the
 * three kinds of fee tables (a validated one of the organisation) are optional.
 */
function pricingSteps(
  config: ConfigurationInput,
  season: SeasonInput,
  enabledChannels: string[],
  step: (key: string, type: string, required: boolean, count: number, done: boolean, detail?: Record<string, number>) => SetupStep,
): SetupStep[] {
  const p = config.pricingSetup;
  if (!p) return [];
  const channels = new Set(enabledChannels);
  const offered = (methods: { salesChannelIds: string[] }[]) => methods.filter((m) => m.salesChannelIds.length === 0 || m.salesChannelIds.some((c) => channels.has(c))).length;
  const payments = offered(p.paymentMethods);
  const deliveries = offered(p.deliveryMethods);
  const grids = p.priceGrids.filter((g) => g.seasonId === season.id && g.state !== 'archived');
  const validatedGrids = grids.filter((g) => g.state === 'validated').length;
  const levels = p.priceLevels.filter((l) => l.seasonId === season.id).length;
  const fees = (kind: string) => {
    const tables = p.feeTables.filter((t) => t.organizationId === season.organizationId && t.kind === kind && t.state !== 'archived');
    const validated = tables.filter((t) => t.state === 'validated').length;
    return [tables.length, validated > 0, { validated }] as const;
  };
  return [
    step('vatRates', 'vat-rate', false, p.vatRates, p.vatRates > 0),
    step('paymentMethods', 'payment-method', true, payments, payments > 0),
    step('deliveryMethods', 'delivery-method', true, deliveries, deliveries > 0),
    step('priceLevels', 'price-level', false, levels, levels > 0),
    step('priceGrids', 'price-grid', true, grids.length, validatedGrids > 0, { validated: validatedGrids }),
    step('simpleFees', 'fee-table', false, ...fees('simple')),
    step('generalFees', 'fee-table', false, ...fees('general')),
    step('deliveryFees', 'fee-table', false, ...fees('delivery')),
  ];
}

/** A missing mandatory step, as a blocking problem of the season (code SETUP_STEP_MISSING, `step` names it). */
export function missingStepProblems(steps: SetupStep[], season: { id: string; code: string; name: string; state: string }) {
  return steps
    .filter((s) => s.required && !s.done)
    .map((s) => {
      const name = SETUP_STEP_NAMES[s.key] ?? { fr: s.key, en: s.key };
      return {
        severity: 'blocking' as const,
        object: { type: 'season', id: season.id, code: season.code, name: season.name, state: season.state },
        code: 'SETUP_STEP_MISSING',
        step: s.key,
        stepType: s.type,
        message: {
          fr: `Étape de paramétrage obligatoire manquante : ${name.fr}.`,
          en: `Mandatory setup step missing: ${name.en}.`,
        },
        objects: [] as { type: string; id: string; code: string }[],
      };
    });
}
