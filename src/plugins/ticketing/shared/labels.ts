/**
 * French and English names of the content types, their fields and the values of their
 * enumerations. The admin registers them as translations of the Content Manager (keys
 * `content-manager.content-types.<uid>.<field>`, `content-manager.components.<uid>.<field>`,
 * the display names, and each enumeration value by itself), so an editor sees French labels in
 * a French admin and English ones in an English admin. Pure data: no Strapi import.
 */
import { ACTION_LABELS, STATE_LABELS } from './lifecycle';

export type Label = { fr: string; en: string };

export const contentTypeNames: Record<string, Label & { pluralFr: string; pluralEn: string }> = {
  organization: { fr: 'Organisme', en: 'Organization', pluralFr: 'Organismes', pluralEn: 'Organizations' },
  'sales-channel': { fr: 'Filière de vente', en: 'Sales channel', pluralFr: 'Filières de vente', pluralEn: 'Sales channels' },
  'point-of-sale': { fr: 'Point de vente', en: 'Point of sale', pluralFr: 'Points de vente', pluralEn: 'Points of sale' },
  'audience-category': { fr: 'Catégorie de public', en: 'Audience category', pluralFr: 'Catégories de public', pluralEn: 'Audience categories' },
  'audience-subcategory': { fr: 'Sous-catégorie de public', en: 'Audience subcategory', pluralFr: 'Sous-catégories de public', pluralEn: 'Audience subcategories' },
  'seat-category': { fr: 'Catégorie de place', en: 'Seat category', pluralFr: 'Catégories de place', pluralEn: 'Seat categories' },
  'tariff-type': { fr: 'Type de tarif', en: 'Tariff type', pluralFr: 'Types de tarif', pluralEn: 'Tariff types' },
  season: { fr: 'Saison', en: 'Season', pluralFr: 'Saisons', pluralEn: 'Seasons' },
  activity: { fr: 'Activité', en: 'Activity', pluralFr: 'Activités', pluralEn: 'Activities' },
  event: { fr: 'Événement / Visite', en: 'Event / Visit', pluralFr: 'Événements / Visites', pluralEn: 'Events / Visits' },
  performance: { fr: 'Séance', en: 'Performance', pluralFr: 'Séances', pluralEn: 'Performances' },
  product: { fr: 'Produit', en: 'Product', pluralFr: 'Produits', pluralEn: 'Products' },
  'sales-calendar': { fr: 'Calendrier de vente', en: 'Sales calendar', pluralFr: 'Calendriers de vente', pluralEn: 'Sales calendars' },
  'activity-profile': { fr: 'Profil activité', en: 'Activity profile', pluralFr: 'Profils activité', pluralEn: 'Activity profiles' },
  'product-profile': { fr: 'Profil produit', en: 'Product profile', pluralFr: 'Profils produit', pluralEn: 'Product profiles' },
  site: { fr: 'Site', en: 'Site', pluralFr: 'Sites', pluralEn: 'Sites' },
  space: { fr: 'Espace', en: 'Space', pluralFr: 'Espaces', pluralEn: 'Spaces' },
  'physical-configuration': { fr: 'Configuration physique', en: 'Physical configuration', pluralFr: 'Configurations physiques', pluralEn: 'Physical configurations' },
  'logical-configuration': { fr: 'Configuration logique', en: 'Logical configuration', pluralFr: 'Configurations logiques', pluralEn: 'Logical configurations' },
  // Prices and fees (issue #18).
  'vat-rate': { fr: 'Taux de TVA', en: 'VAT rate', pluralFr: 'Taux de TVA', pluralEn: 'VAT rates' },
  'payment-method': { fr: 'Mode de règlement', en: 'Payment method', pluralFr: 'Modes de règlement', pluralEn: 'Payment methods' },
  'delivery-method': { fr: "Mode d'envoi", en: 'Delivery method', pluralFr: "Modes d'envoi", pluralEn: 'Delivery methods' },
  'price-level': { fr: 'Niveau de prix', en: 'Price level', pluralFr: 'Niveaux de prix', pluralEn: 'Price levels' },
  'price-grid': { fr: 'Grille tarifaire', en: 'Price grid', pluralFr: 'Grilles tarifaires', pluralEn: 'Price grids' },
  'fee-table': { fr: 'Table de frais', en: 'Fee table', pluralFr: 'Tables de frais', pluralEn: 'Fee tables' },
  contingent: { fr: 'Contingent', en: 'Contingent', pluralFr: 'Contingents', pluralEn: 'Contingents' },
  'state-transition': { fr: 'Historique des états', en: 'State history', pluralFr: 'Historique des états', pluralEn: 'State history' },
};

export const componentNames: Record<string, Label> = {
  'sales-period': { fr: 'Période de vente', en: 'Sales period' },
  'calendar-assignment': { fr: 'Attribution calendrier de vente', en: 'Sales calendar assignment' },
  'profile-event': { fr: 'Événement du profil', en: 'Profile event' },
};

/** Field labels, shared by every type that has the field. */
export const fieldLabels: Record<string, Label> = {
  code: { fr: 'Code', en: 'Code' },
  name: { fr: 'Nom', en: 'Name' },
  description: { fr: 'Description', en: 'Description' },
  siret: { fr: 'SIRET', en: 'SIRET number' },
  entertainmentLicence: { fr: "Licence d'entrepreneur de spectacles", en: 'Entertainment licence' },
  salesChannels: { fr: 'Filières de vente', en: 'Sales channels' },
  salesChannel: { fr: 'Filière de vente', en: 'Sales channel' },
  type: { fr: 'Type', en: 'Type' },
  external: { fr: 'Externe', en: 'External' },
  active: { fr: 'Active', en: 'Active' },
  organization: { fr: 'Organisme', en: 'Organization' },
  audienceCategory: { fr: 'Catégorie de public', en: 'Audience category' },
  audienceCategories: { fr: 'Catégories de public', en: 'Audience categories' },
  season: { fr: 'Saison', en: 'Season' },
  rank: { fr: 'Ordre', en: 'Rank' },
  startsOn: { fr: 'Début', en: 'Starts on' },
  endsOn: { fr: 'Fin', en: 'Ends on' },
  state: { fr: 'État', en: 'State' },
  kind: { fr: 'Nature', en: 'Kind' },
  activity: { fr: 'Activité', en: 'Activity' },
  venueName: { fr: 'Lieu', en: 'Venue' },
  closingToleranceMinutes: { fr: 'Tolérance horaire de fermeture (minutes)', en: 'Closing tolerance (minutes)' },
  calendarAssignments: { fr: 'Attribution calendriers de vente', en: 'Sales calendar assignments' },
  performances: { fr: 'Séances', en: 'Performances' },
  event: { fr: 'Événement', en: 'Event' },
  startsAt: { fr: 'Date et heure de début', en: 'Starts at' },
  endsAt: { fr: 'Date et heure de fin', en: 'Ends at' },
  periods: { fr: 'Périodes de vente', en: 'Sales periods' },
  buyerKind: { fr: 'Grand public / Structures', en: 'Buyer kind' },
  allEvents: { fr: 'Associer tous les événements au profil', en: 'All events' },
  events: { fr: 'Événements', en: 'Events' },
  allAudienceSubcategories: { fr: 'Toutes les sous-catégories de public', en: 'All audience subcategories' },
  audienceSubcategories: { fr: 'Sous-catégories de public', en: 'Audience subcategories' },
  allSeatCategories: { fr: 'Toutes les catégories de place', en: 'All seat categories' },
  seatCategories: { fr: 'Catégories de place', en: 'Seat categories' },
  allTariffTypes: { fr: 'Tous les types de tarif', en: 'All tariff types' },
  tariffTypes: { fr: 'Types de tarif', en: 'Tariff types' },
  saleStart: { fr: 'Début des ventes', en: 'Sale start' },
  saleEnd: { fr: 'Fin des ventes', en: 'Sale end' },
  minQuantity: { fr: 'Quantité minimale', en: 'Minimum quantity' },
  maxQuantity: { fr: 'Quantité maximale', en: 'Maximum quantity' },
  products: { fr: 'Produits', en: 'Products' },
  openingKind: { fr: "Type d'ouverture", en: 'Opening kind' },
  opensAt: { fr: "Date et heure d'ouverture", en: 'Opens at' },
  openingDays: { fr: 'Ouverture : jours avant la séance', en: 'Opening: days before' },
  openingHours: { fr: 'Ouverture : heures avant la séance', en: 'Opening: hours before' },
  closingKind: { fr: 'Type de fermeture', en: 'Closing kind' },
  closesAt: { fr: 'Date et heure de fermeture', en: 'Closes at' },
  closingDays: { fr: 'Fermeture : jours avant la séance', en: 'Closing: days before' },
  closingHours: { fr: 'Fermeture : heures avant la séance', en: 'Closing: hours before' },
  salesCalendar: { fr: 'Calendrier de vente', en: 'Sales calendar' },
  allChannels: { fr: 'Toutes les filières', en: 'All channels' },
  // Historique des états (state-transition, read-only)
  targetUid: { fr: "Type d'objet", en: 'Object type' },
  targetDocumentId: { fr: "Identifiant de l'objet", en: 'Object id' },
  targetCode: { fr: "Code de l'objet", en: 'Object code' },
  action: { fr: 'Action', en: 'Action' },
  fromState: { fr: 'État de départ', en: 'From state' },
  toState: { fr: "État d'arrivée", en: 'To state' },
  operatorId: { fr: "Numéro de l'opérateur", en: 'Operator id' },
  operatorName: { fr: 'Opérateur', en: 'Operator' },
  at: { fr: 'Date et heure', en: 'At' },
  reason: { fr: 'Motif', en: 'Reason' },
  cascadeOf: { fr: 'En cascade de', en: 'Cascade of' },
  // Places (issue 16)
  address: { fr: 'Adresse', en: 'Address' },
  timeZone: { fr: 'Fuseau horaire', en: 'Time zone' },
  spaces: { fr: 'Espaces', en: 'Spaces' },
  site: { fr: 'Site', en: 'Site' },
  space: { fr: 'Espace', en: 'Space' },
  securityGauge: { fr: 'Jauge de sécurité', en: 'Security gauge' },
  plan: { fr: 'Plan de salle', en: 'Seating plan' },
  physicalConfiguration: { fr: 'Configuration physique', en: 'Physical configuration' },
  layout: { fr: 'Affectation des places (catégories, places neutralisées, jauges des zones)', en: 'Seat layout (categories, killed seats, area gauges)' },
  logicalConfiguration: { fr: 'Configuration logique', en: 'Logical configuration' },
  // Prices and fees (issue #18)
  family: { fr: 'Famille de taux (valeurs successives)', en: 'Rate family (successive values)' },
  rate: { fr: 'Taux (%)', en: 'Rate (%)' },
  validFrom: { fr: 'Valable à partir du', en: 'Valid from' },
  validUntil: { fr: "Valable jusqu'au (exclu)", en: 'Valid until (excluded)' },
  performance: { fr: 'Séance', en: 'Performance' },
  priceLevel: { fr: 'Niveau de prix', en: 'Price level' },
  cells: { fr: 'Cases (catégorie de place × type de tarif → montant TTC en centimes)', en: 'Cells (seat category × tariff type → amount incl. VAT in cents)' },
  fees: { fr: 'Frais', en: 'Fees' },
  pricesInPlugin: { fr: 'Prix gérés dans la billetterie', en: 'Prices managed in the plugin' },
  // Capacity (issue #17)
  commercialGauge: { fr: 'Jauge commerciale', en: 'Commercial gauge' },
  contingents: { fr: 'Contingents (allocations et libérations)', en: 'Contingents (allocations and releases)' },
  limits: { fr: 'Limites de quantité', en: 'Quantity limits' },
  contingentKind: { fr: 'Nature du contingent', en: 'Contingent kind' },
  pointsOfSale: { fr: 'Points de vente', en: 'Points of sale' },
  // Strapi's own columns, shown in the list views
  id: { fr: 'ID', en: 'ID' },
  documentId: { fr: 'Identifiant du document', en: 'Document id' },
  createdAt: { fr: 'Créé le', en: 'Created at' },
  updatedAt: { fr: 'Modifié le', en: 'Updated at' },
};

const capitalised = (label: Label): Label => ({
  fr: label.fr.charAt(0).toUpperCase() + label.fr.slice(1),
  en: label.en.charAt(0).toUpperCase() + label.en.slice(1),
});

/**
 * Every value of the plugin's enumerations. The Content Manager shows an enumeration option (edit
 * view, list filters) as `formatMessage({ id: value })`: the raw value is the translation key, so
 * a value means the same wherever it appears (« absolute » is a fixed date and time for an
 * opening as for a closing). States and transition actions come from shared/lifecycle.ts.
 */
export const enumValueLabels: Record<string, Label> = {
  ...Object.fromEntries(Object.entries(STATE_LABELS).map(([value, label]) => [value, capitalised(label)])),
  ...ACTION_LABELS,
  // buyerKind
  public: { fr: 'Grand public', en: 'General public' },
  structure: { fr: 'Structures', en: 'Organisations (structures)' },
  // event.kind
  event: { fr: 'Événement', en: 'Event' },
  visit: { fr: 'Visite', en: 'Visit' },
  // sales period: openingKind and closingKind
  absolute: { fr: 'Date et heure précise', en: 'Fixed date and time' },
  relative: { fr: 'Jours et/ou heures avant la séance', en: 'Days and/or hours before the performance' },
  none: { fr: 'Aucune date de fin de vente', en: 'No end of sale' },
  atPerformance: { fr: 'À la date de la séance (avec tolérance horaire)', en: 'At the performance (with the closing tolerance)' },
  // sales-channel.type
  boxOffice: { fr: 'Guichet', en: 'Box office' },
  internet: { fr: 'Internet', en: 'Internet' },
  phone: { fr: 'Téléphone', en: 'Telephone' },
  agency: { fr: 'Agence / revendeur', en: 'Agency / reseller' },
  api: { fr: 'API', en: 'API' },
  other: { fr: 'Autre', en: 'Other' },
  // product.type
  subscription: { fr: 'Abonnement', en: 'Subscription' },
  package: { fr: 'Package', en: 'Package' },
  freeProduct: { fr: 'Produit libre', en: 'Free product' },
  service: { fr: 'Prestation', en: 'Service' },
  voucher: { fr: 'Bon', en: 'Voucher' },
  membership: { fr: 'Adhésion', en: 'Membership' },
  // payment-method.kind (voucher: above)
  card: { fr: 'Carte bancaire', en: 'Card' },
  cash: { fr: 'Espèces', en: 'Cash' },
  cheque: { fr: 'Chèque', en: 'Cheque' },
  transfer: { fr: 'Virement', en: 'Bank transfer' },
  // delivery-method.kind
  eTicket: { fr: 'Billet électronique', en: 'E-ticket' },
  printAtHome: { fr: 'Impression à domicile', en: 'Print at home' },
  mobile: { fr: 'Mobile', en: 'Mobile' },
  post: { fr: 'Envoi postal', en: 'Post' },
  boxOfficeCollection: { fr: 'Retrait au guichet', en: 'Box-office collection' },
  // fee-table.kind
  simple: { fr: 'Frais simples (par billet)', en: 'Simple fees (per ticket)' },
  general: { fr: 'Frais généraux (par commande)', en: 'General fees (per order)' },
  delivery: { fr: "Frais d'envoi", en: 'Delivery fees' },
  // contingent.contingentKind
  targetGroup: { fr: 'Public cible (abonnés, partenaires, scolaires…)', en: 'Target group (subscribers, partners, schools…)' },
  channelPartner: { fr: 'Filière ou partenaire (agence, revendeur)', en: 'Channel or partner (agency, reseller)' },
  internal: { fr: 'Interne (artistes, presse)', en: 'Internal (artists, press)' },
};
