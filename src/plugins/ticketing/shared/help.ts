/**
 * The description shown under a field of the Content Manager's edit view: what it means, its
 * unit, an example, in the words of the manual (« Gestion billetterie », chapter 2). French is
 * written into the Content Manager's configuration at first start (`metadatas.<field>.edit.
 * description`, services/content-manager-layouts.ts); the admin shows the English text to an
 * English admin as long as the stored description is still the plugin's French one (an
 * administrator's own description is shown as written). Pure data: no Strapi import.
 */
import type { Label } from './labels';

const code = (example: string): Label => ({
  fr: `Code court et unique : lettres, chiffres, « _ », « - » ou « . » (40 au plus). Ex. : ${example}`,
  en: `Short unique code: letters, digits, "_", "-" or "." (40 at most). E.g. ${example}`,
});
const ORGANIZATION: Label = {
  fr: "Organisme producteur auquel l'objet appartient (contexte organisme). Un opérateur ne voit que les objets de ses organismes.",
  en: 'The producing organisation the object belongs to (organisation context). An operator only sees the objects of their organisations.',
};
const SEASON: Label = { fr: "Saison de l'organisme à laquelle l'objet appartient.", en: "The organisation's season the object belongs to." };
const CONFIGURATION_STATE: Label = {
  fr: "En création : modifiable, sans effet sur les ventes. Validé : en lecture seule, seul état qui a un effet. Retiré : sans effet. L'état change par les actions du panneau « État » (Valider, Rouvrir, Retirer).",
  en: 'Draft: editable, no effect on sales. Validated: read-only, the only state that has an effect. Archived: no effect. The state changes through the actions of the « State » panel (Validate, Reopen, Archive).',
};
const CATALOGUE_STATE: Label = {
  fr: "En préparation → Validé → En exploitation (seul état vendable) ⇄ Suspendu (temporairement indisponible) → Clôturé ou Annulé. L'état change par les actions du panneau « État ».",
  en: 'Preparing → Validated → Running (the only state that can be sold) ⇄ Suspended (temporarily unavailable) → Closed or Cancelled. The state changes through the actions of the « State » panel.',
};
const BUYER_KIND: Label = {
  fr: 'Définir si le profil s’applique au grand public (particuliers) ou aux structures (écoles, comités d’entreprise, agences).',
  en: 'Whether the profile applies to the general public (individuals) or to organisations (schools, works councils, agencies).',
};
const PROFILE_CHANNELS: Label = {
  fr: '« Attribution filières de vente » : sur quelle(s) filière(s) de vente ce profil sera actif. Ex. : Internet et Guichet.',
  en: '« Sales channel assignment »: the sales channel(s) this profile is active on. E.g. Internet and Box office.',
};
const ALL_SUBCATEGORIES: Label = {
  fr: 'Activé : toutes les sous-catégories de public sont disponibles dans ce profil. Désactiver pour passer dans la liste les sous-catégories voulues.',
  en: 'On: every audience subcategory is available in this profile. Turn off to list the wanted subcategories.',
};
const SUBCATEGORIES: Label = {
  fr: 'Les sous-catégories de public disponibles dans ce profil (au moins une). Ex. : Moins de 26 ans.',
  en: 'The audience subcategories available in this profile (at least one). E.g. Under 26.',
};

export const fieldHelp: Record<string, Record<string, Label>> = {
  'plugin::ticketing.organization': {
    code: code('OPERA-MONTVAL'),
    name: { fr: "Nom de l'organisme producteur. Ex. : Opéra de Montval", en: 'Name of the producing organisation. E.g. Opéra de Montval' },
    siret: { fr: 'Numéro administratif : SIRET, 14 chiffres.', en: 'Administrative number: SIRET, 14 digits.' },
    entertainmentLicence: {
      fr: "Numéro administratif : licence d'entrepreneur de spectacles. Ex. : PLATESV-R-2021-000123",
      en: 'Administrative number: entertainment licence. E.g. PLATESV-R-2021-000123',
    },
    salesChannels: {
      fr: "Filières de vente ouvertes pour l'organisme (paramétrage organisme). Ses points de vente, profils et calendriers n'utilisent que celles-ci.",
      en: 'Sales channels enabled for the organisation. Its points of sale, profiles and calendars use only these.',
    },
  },
  'plugin::ticketing.sales-channel': {
    code: code('WEB'),
    name: { fr: 'Nom de la filière. Ex. : Internet, Guichet, Téléphone', en: 'Name of the channel. E.g. Internet, Box office, Telephone' },
    type: { fr: 'Nature de la filière : guichet, internet, téléphone, agence / revendeur, API…', en: 'Kind of channel: box office, internet, telephone, agency / reseller, API…' },
    external: { fr: 'Activé : la filière vend par un tiers (agence, revendeur, billetterie partenaire).', en: 'On: the channel sells through a third party (agency, reseller, partner).' },
    active: {
      fr: 'Désactivé : plus rien ne se vend sur cette filière, quels que soient les calendriers et profils.',
      en: 'Off: nothing is sold on this channel any more, whatever the calendars and profiles say.',
    },
  },
  'plugin::ticketing.point-of-sale': {
    code: code('SITE-OPERA'),
    organization: ORGANIZATION,
    salesChannel: {
      fr: 'Filière du point de vente, ouverte pour son organisme. Ex. : un site internet est un point de vente de la filière Internet.',
      en: "The point of sale's channel, enabled for its organisation. E.g. a website is a point of sale of the Internet channel.",
    },
    active: { fr: 'Désactivé : le point de vente ne vend plus.', en: 'Off: the point of sale no longer sells.' },
  },
  'plugin::ticketing.audience-category': {
    code: code('ABONNE'),
    name: { fr: 'Catégorie de public (contexte institution). Ex. : Abonné, Occasionnel, Adhérent, Invité', en: 'Audience category (institution context). E.g. Subscriber, Occasional, Member, Guest' },
  },
  'plugin::ticketing.audience-subcategory': {
    code: code('OCC-JEUNE'),
    name: { fr: 'Sous-catégorie de public de la saison. Ex. : Plein tarif, Moins de 26 ans, Demandeur d’emploi', en: "The season's audience subcategory. E.g. Full price, Under 26, Job seeker" },
    audienceCategory: {
      fr: 'Catégorie de public à laquelle elle appartient : les calendriers de vente ouvrent par catégorie.',
      en: 'The audience category it belongs to: sales calendars open per category.',
    },
    season: SEASON,
  },
  'plugin::ticketing.seat-category': {
    code: code('CAT1'),
    name: { fr: 'Ex. : Catégorie 1, Catégorie 2, Placement libre', en: 'E.g. Category 1, Category 2, Unreserved seating' },
    rank: { fr: "Ordre d'affichage, 1 pour la première catégorie (entier ≥ 1).", en: 'Display order, 1 for the first category (whole number ≥ 1).' },
  },
  'plugin::ticketing.tariff-type': {
    code: code('NORMAL'),
    name: { fr: 'Type de tarif de la saison. Ex. : Normal, Réduit, Groupe', en: "The season's tariff type. E.g. Normal, Reduced, Group" },
    season: SEASON,
  },
  'plugin::ticketing.season': {
    code: code('2027-2028'),
    name: { fr: 'Ex. : Opéra de Montval 2027–2028', en: 'E.g. Opéra de Montval 2027–2028' },
    organization: ORGANIZATION,
    startsOn: { fr: 'Premier jour de la saison (jour de l’institution).', en: 'First day of the season (institution day).' },
    endsOn: { fr: 'Dernier jour de la saison, inclus ; pas avant le début.', en: 'Last day of the season, included; not before its start.' },
    state: CATALOGUE_STATE,
  },
  'plugin::ticketing.activity': {
    code: code('OPERA'),
    name: { fr: 'Regroupement d’événements de la saison. Ex. : Opéra, Danse, Visites', en: "A grouping of the season's events. E.g. Opera, Dance, Visits" },
    season: SEASON,
  },
  'plugin::ticketing.event': {
    code: code('CARMEN'),
    name: { fr: 'Ex. : Carmen', en: 'E.g. Carmen' },
    kind: { fr: 'Événement (des séances) ou visite (des heures de visite).', en: 'An event (performances) or a visit (visiting times).' },
    season: SEASON,
    activity: { fr: 'Activité de la saison qui regroupe cet événement. Ex. : Opéra', en: "The season's activity this event belongs to. E.g. Opera" },
    venueName: { fr: 'Lieu où il se déroule. Ex. : Grande salle', en: 'Where it takes place. E.g. Main hall' },
    closingToleranceMinutes: {
      fr: "Tolérance horaire, en minutes (entier ≥ 0), des calendriers dont la fin de vente est « à la date de la séance » : la vente s'arrête ce nombre de minutes après le début de la séance. Ex. : 30",
      en: 'Closing tolerance, in minutes (whole number ≥ 0), for calendars whose end of sale is « at the performance »: sales stop this many minutes after the performance starts. E.g. 30',
    },
    state: CATALOGUE_STATE,
    calendarAssignments: {
      fr: "« Attribution calendriers de vente » : le ou les calendriers de vente de l'événement (plusieurs peuvent être rattachés), chacun pour toutes les filières ou une sélection.",
      en: "« Sales calendar assignments »: the event's sales calendars (several may be attached), each for all channels or a selection.",
    },
    performances: { fr: "Séances (ou heures de visite) de l'événement.", en: "The event's performances (or visiting times)." },
  },
  'plugin::ticketing.performance': {
    commercialGauge: { fr: 'Facultative : vendre moins que la salle ne contient (ex. 1 800 sur 2 000).', en: 'Optional: sell fewer places than the hall holds (e.g. 1,800 of 2,000).' },
    contingents: {
      fr: 'Allocations propres à la séance (remplacent celles du contingent prévues sur la configuration logique) : { "contingent" (code), "seatCategory" (code) et "quantity" (placement libre) ou "seats" (identifiants des places), "release" ({ "kind": "never" | "absolute", "at" | "relative", "days", "hours" }), "releaseTo" (code d’un autre contingent ; absent : vente libre) }.',
      en: 'The performance’s own allocations (they replace that contingent’s planned ones): { "contingent" (code), "seatCategory" (code) and "quantity" (unnumbered) or "seats" (seat ids), "release" ({ "kind": "never" | "absolute", "at" | "relative", "days", "hours" }), "releaseTo" (another contingent’s code; none: open sale) }.',
    },
    limits: {
      fr: 'Limites propres à la séance (chaque champ remplace celui de la configuration logique) : { "minPerHold", "maxPerHold", "maxPerBuyer" (par référence d’acheteur sur la séance), "maxPerBuyerPerSeason" (sur toutes les séances de la saison), "tariffTypes" / "audienceSubcategories": { code: { "maxPerHold", "maxPerPerformance" } } }.',
      en: 'The performance’s own limits (each field replaces the logical configuration’s): { "minPerHold", "maxPerHold", "maxPerBuyer" (per buyer reference on the performance), "maxPerBuyerPerSeason" (across every performance of the season), "tariffTypes" / "audienceSubcategories": { code: { "maxPerHold", "maxPerPerformance" } } }.',
    },
    code: code('CARMEN-20271012'),
    event: { fr: 'Événement ou visite de la séance.', en: 'The event or visit of the performance.' },
    startsAt: {
      fr: "Date et heure de début (heure de l'institution). Les ouvertures et fermetures relatives se comptent à partir d'elle. Ex. : 12/10/2027 20:00",
      en: 'Start date and time (institution time). Relative openings and closings count from it. E.g. 12/10/2027 20:00',
    },
    endsAt: {
      fr: 'Date et heure de fin, facultative, après le début. Sans fin de vente, la vente s’arrête à la fin de la séance (ou à minuit le jour de la séance).',
      en: 'End date and time, optional, after the start. Without an end of sale, sales stop when the performance ends (or at midnight on its day).',
    },
    state: CATALOGUE_STATE,
  },
  'plugin::ticketing.product': {
    code: code('ABO-JEUNES-4'),
    name: { fr: 'Ex. : Abonnement jeunes 4 spectacles', en: 'E.g. Young subscription, 4 shows' },
    type: {
      fr: 'Produit non daté : abonnement, package, produit libre, prestation, bon ou adhésion. Il se vend par un profil produit.',
      en: 'A non-dated product: subscription, package, free product, service, voucher or membership. It is sold through a product profile.',
    },
    season: SEASON,
    state: CATALOGUE_STATE,
  },
  'plugin::ticketing.sales-calendar': {
    code: code('ABO-PUIS-TOUS'),
    name: { fr: 'Renseigner un nom interne. Ex. : Les abonnés d’abord, puis tout le monde', en: 'An internal name. E.g. Subscribers first, then everyone' },
    organization: ORGANIZATION,
    state: CONFIGURATION_STATE,
    periods: {
      fr: "« Période vente » : une date d'ouverture et de fin de vente par catégorie de public. Ex. : les abonnés dès le 1er juin, les occasionnels dès le 1er juillet.",
      en: '« Sales periods »: an opening and an end of sale per audience category. E.g. subscribers from 1 June, occasional buyers from 1 July.',
    },
  },
  'ticketing.sales-period': {
    name: { fr: 'Nom de la période, facultatif. Ex. : Abonnés', en: 'Name of the period, optional. E.g. Subscribers' },
    openingKind: {
      fr: "Définir une date d'ouverture des ventes : soit avec une date et heure prédéfinie, soit avec un nombre de jours et/ou d'heures avant le début de la séance.",
      en: 'How sales open: either at a predefined date and time, or a number of days and/or hours before the performance starts.',
    },
    opensAt: { fr: "Date et heure d'ouverture des ventes (heure de l'institution). Ex. : 01/06/2027 10:00", en: 'Date and time sales open (institution time). E.g. 01/06/2027 10:00' },
    openingDays: {
      fr: "Nombre de jours avant le début de la séance (entier ≥ 0 ; jours du calendrier, l'heure de la séance est gardée). Ex. : 30",
      en: 'Number of days before the performance starts (whole number ≥ 0; calendar days, the wall-clock time is kept). E.g. 30',
    },
    openingHours: {
      fr: "Nombre d'heures avant le début de la séance, en plus des jours (entier ≥ 0). Jours et heures ne peuvent pas être tous deux à 0. Ex. : 2",
      en: 'Number of hours before the performance starts, on top of the days (whole number ≥ 0). Days and hours cannot both be 0. E.g. 2',
    },
    closingKind: {
      fr: "Définir une date de fin de vente : soit aucune, soit à la date de la séance avec la tolérance horaire définie sur l'événement, soit une date et heure précise, soit un nombre de jours et/ou d'heures avant le début de la séance.",
      en: 'How sales end: no end date, at the performance with the closing tolerance set on the event, at a precise date and time, or a number of days and/or hours before the performance starts.',
    },
    closesAt: {
      fr: "Date et heure précise de fin de vente, après l'ouverture (heure de l'institution). Ex. : 30/09/2027 23:59",
      en: 'Precise date and time sales end, after the opening (institution time). E.g. 30/09/2027 23:59',
    },
    closingDays: {
      fr: 'Nombre de jours avant le début de la séance où la vente s’arrête (entier ≥ 0). Ex. : 1 pour la veille',
      en: 'Number of days before the performance starts when sales stop (whole number ≥ 0). E.g. 1 for the day before',
    },
    closingHours: {
      fr: "Nombre d'heures avant le début de la séance, en plus des jours (entier ≥ 0). Jours et heures ne peuvent pas être tous deux à 0. Ex. : 2 pour arrêter 2 heures avant",
      en: 'Number of hours before the performance starts, on top of the days (whole number ≥ 0). Days and hours cannot both be 0. E.g. 2 to stop 2 hours before',
    },
    audienceCategories: { fr: 'Définir les catégories de public concernées par cette période. Ex. : Abonné', en: 'The audience categories this period applies to. E.g. Subscriber' },
  },
  'ticketing.calendar-assignment': {
    salesCalendar: {
      fr: 'Sélectionner le calendrier de vente à attribuer ; seul un calendrier validé a un effet.',
      en: 'The sales calendar to assign; only a validated calendar has an effect.',
    },
    allChannels: {
      fr: 'Les filières de vente qui ouvriront et fermeront en fonction du calendrier : activé, toutes ; désactivé, une sélection.',
      en: 'The sales channels that open and close according to the calendar: on, all of them; off, a selection.',
    },
    salesChannels: { fr: 'La sélection de filières de vente (au moins une). Ex. : Internet', en: 'The selected sales channels (at least one). E.g. Internet' },
  },
  'plugin::ticketing.activity-profile': {
    code: code('WEB-DON-GIOVANNI'),
    name: { fr: 'Renseigner un nom interne. Ex. : Deux séances, première catégorie, sur internet', en: 'An internal name. E.g. Two performances, first category, on the internet' },
    organization: ORGANIZATION,
    state: CONFIGURATION_STATE,
    buyerKind: BUYER_KIND,
    allEvents: {
      fr: 'Activé : le profil s’associe automatiquement à tous les événements (ou visites), même créés plus tard. Désactiver pour renseigner les événements et leurs séances.',
      en: 'On: the profile applies to every event (or visit), even those created later. Turn off to list the events and their performances.',
    },
    events: {
      fr: 'Les événements / visites du profil et, pour chacun, les séances prises en compte (aucune séance choisie : toutes ses séances).',
      en: "The profile's events / visits and, for each, the performances it covers (none chosen: all of its performances).",
    },
    allAudienceSubcategories: ALL_SUBCATEGORIES,
    audienceSubcategories: SUBCATEGORIES,
    allSeatCategories: {
      fr: 'Activé : toutes les catégories de places logiques sont vendables à travers ce profil. Désactiver pour choisir lesquelles.',
      en: 'On: every seat category can be sold through this profile. Turn off to choose which.',
    },
    seatCategories: {
      fr: 'Les catégories de place vendables à travers ce profil (au moins une). Ex. : Catégorie 1',
      en: 'The seat categories sold through this profile (at least one). E.g. Category 1',
    },
    allTariffTypes: {
      fr: 'Activé : tous les types de tarif. Désactiver pour que le profil ne s’applique qu’à un ou plusieurs types de tarif spécifiques.',
      en: 'On: every tariff type. Turn off to apply the profile to one or more specific tariff types only.',
    },
    tariffTypes: { fr: 'Les types de tarif du profil (au moins un). Ex. : Groupe', en: "The profile's tariff types (at least one). E.g. Group" },
    salesChannels: PROFILE_CHANNELS,
  },
  'ticketing.profile-event': {
    event: { fr: 'Événement ou visite mis en vente par ce profil.', en: 'The event or visit this profile puts on sale.' },
    performances: {
      fr: 'Séances / heures de visite concernées ; vide : toutes les séances de l’événement. Ex. : les séances du 12 et du 14 novembre',
      en: 'The performances / visiting times it covers; empty: all of the event’s performances. E.g. those of 12 and 14 November',
    },
  },
  'plugin::ticketing.product-profile': {
    code: code('ABO-JEUNES-ETE'),
    name: { fr: 'Renseigner un nom interne. Ex. : Abonnement jeunes, été', en: 'An internal name. E.g. Young subscription, summer' },
    organization: ORGANIZATION,
    state: CONFIGURATION_STATE,
    buyerKind: BUYER_KIND,
    saleStart: {
      fr: "Date de début de vente des produits non datés (heure de l'institution) ; vide : sans date de début. Ex. : 01/06/2027 10:00",
      en: 'Date sales of the non-dated products start (institution time); empty: no start date. E.g. 01/06/2027 10:00',
    },
    saleEnd: {
      fr: 'Date de fin de vente, après le début ; vide : sans fin. Ex. : 30/09/2027 23:59',
      en: 'Date sales end, after the start; empty: no end. E.g. 30/09/2027 23:59',
    },
    allAudienceSubcategories: ALL_SUBCATEGORIES,
    audienceSubcategories: SUBCATEGORIES,
    minQuantity: {
      fr: "« Quantité » : la quantité minimale qu'un client peut acheter (entier ≥ 1) ; vide : pas de minimum. Ex. : 1",
      en: '« Quantity »: the minimum a customer may buy (whole number ≥ 1); empty: no minimum. E.g. 1',
    },
    maxQuantity: {
      fr: "La quantité maximale qu'un client peut acheter (entier ≥ 1, pas moins que le minimum) ; vide : pas de maximum. Ex. : 4",
      en: 'The maximum a customer may buy (whole number ≥ 1, not below the minimum); empty: no maximum. E.g. 4',
    },
    products: {
      fr: 'Les produits qui utilisent ce profil : abonnements, packages, produits libres, prestations, bons, adhésions.',
      en: 'The products that use this profile: subscriptions, packages, free products, services, vouchers, memberships.',
    },
    salesChannels: PROFILE_CHANNELS,
  },
  'plugin::ticketing.state-transition': {
    action: { fr: 'Action qui a changé l’état : Valider, Rouvrir, Retirer, Mettre en exploitation…', en: 'The action that changed the state: Validate, Reopen, Archive, Put into operation…' },
    reason: { fr: 'Motif donné par l’opérateur (obligatoire pour rouvrir, suspendre, annuler).', en: 'The reason the operator gave (required to reopen, suspend, cancel).' },
    cascadeOf: {
      fr: "Identifiant de l'objet dont la transition a entraîné celle-ci. Ex. : un événement mis en exploitation avec ses séances validées.",
      en: 'Id of the object whose transition caused this one. E.g. an event put into operation with its validated performances.',
    },
  },
  // Prices and fees (issue #18).
  'plugin::ticketing.vat-rate': {
    rate: { fr: 'Taux en pour cent, entre 0 et 100, deux décimales au plus. Ex. : 5,5', en: 'Rate in percent, between 0 and 100, two decimals at most. E.g. 5.5' },
    family: {
      fr: 'Les taux d’une même famille sont les valeurs successives d’un taux : leurs périodes de validité ne se chevauchent pas. Vide : le code.',
      en: 'Rates of one family are the successive values of one rate: their validity periods never overlap. Empty: the code.',
    },
  },
  'plugin::ticketing.price-grid': {
    cells: {
      fr: 'Une case par catégorie de place × type de tarif (× niveau de prix) : { "seatCategory", "tariffType", "priceLevel" (facultatif), "amount" (TTC en centimes entiers), "vatRate" }, par identifiants de document.',
      en: 'One cell per seat category × tariff type (× price level): { "seatCategory", "tariffType", "priceLevel" (optional), "amount" (incl. VAT, whole cents), "vatRate" }, by document ids.',
    },
    event: { fr: 'Facultatif : grille propre à un événement, qui ne remplace que les cases qu’elle définit.', en: 'Optional: an event’s own grid, overriding only the cells it sets.' },
    performance: {
      fr: 'Facultatif : grille propre à une séance (ex. un gala), qui ne remplace que les cases qu’elle définit.',
      en: 'Optional: a performance’s own grid (e.g. a gala), overriding only the cells it sets.',
    },
  },
  'plugin::ticketing.fee-table': {
    fees: {
      fr: 'Liste des frais : code, name, vatRate, kind (fixed en centimes | percent), value, salesChannels, validFrom, validUntil ; selon la nature : tariffTypes, feeKind (booking | payment | delivery), deliveryMethod et per (ticket | order).',
      en: 'List of fees: code, name, vatRate, kind (fixed in cents | percent), value, salesChannels, validFrom, validUntil; by kind: tariffTypes, feeKind (booking | payment | delivery), deliveryMethod and per (ticket | order).',
    },
  },
  // Capacity (issue #17).
  'plugin::ticketing.logical-configuration': {
    contingents: {
      fr: 'Allocations : { "contingent" (code), "seatCategory" (code) et "quantity" (placement libre) ou "seats" (identifiants des places), "release" ({ "kind": "never" | "absolute", "at" | "relative", "days", "hours" }), "releaseTo" (code d’un autre contingent ; absent : vente libre) }.',
      en: 'Allocations: { "contingent" (code), "seatCategory" (code) and "quantity" (unnumbered) or "seats" (seat ids), "release" ({ "kind": "never" | "absolute", "at" | "relative", "days", "hours" }), "releaseTo" (another contingent’s code; none: open sale) }.',
    },
    limits: {
      fr: 'Limites : { "minPerHold", "maxPerHold", "maxPerBuyer" (par référence d’acheteur sur la séance), "maxPerBuyerPerSeason" (sur toutes les séances de la saison), "tariffTypes" / "audienceSubcategories": { code: { "maxPerHold", "maxPerPerformance" } } }.',
      en: 'Limits: { "minPerHold", "maxPerHold", "maxPerBuyer" (per buyer reference on the performance), "maxPerBuyerPerSeason" (across every performance of the season), "tariffTypes" / "audienceSubcategories": { code: { "maxPerHold", "maxPerPerformance" } } }.',
    },
  },
  'plugin::ticketing.contingent': {
    code: code('ABO'),
    organization: ORGANIZATION,
    contingentKind: {
      fr: 'Public cible (abonnés, partenaires, scolaires), filière ou partenaire (agence, revendeur) ou interne (artistes, presse).',
      en: 'Target group (subscribers, partners, schools), channel or partner (agency, reseller) or internal (artists, press).',
    },
    salesChannels: { fr: 'Filières qui vendent dans ce contingent ; aucune : toutes.', en: 'Channels that sell from this contingent; none: all.' },
    pointsOfSale: { fr: 'Points de vente qui vendent dans ce contingent ; aucun : tous.', en: 'Points of sale that sell from this contingent; none: all.' },
    audienceCategories: { fr: 'Catégories de public servies par ce contingent ; aucune : toutes.', en: 'Audience categories served by this contingent; none: all.' },
  },
};
