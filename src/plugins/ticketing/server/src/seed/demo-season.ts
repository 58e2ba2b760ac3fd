/**
 * The demo season: a fictional opera house, « Opéra de Montval », season 2027–2028.
 * Plain data with local wall-clock times (institution zone); services/demo-seed.ts writes it.
 * It reproduces the worked examples of docs/sales-rules.md §3:
 *  - « Les abonnés d'abord » : calendar ABO-PUIS-TOUS on event CARMEN, profile CARMEN-WEB-GUICHET;
 *  - « Deux séances, première catégorie, sur internet » : profile WEB-DON-GIOVANNI on event
 *    DON-GIOVANNI (performances of 12 and 14 November only, Catégorie 1 only).
 */

export interface DemoPerformance {
  code: string;
  local: string; // YYYY-MM-DDTHH:mm in the institution zone
  durationMinutes?: number;
  state?: string;
}

export interface DemoEvent {
  code: string;
  name: string;
  kind: 'event' | 'visit';
  activity: string;
  venueName: string;
  closingToleranceMinutes: number;
  state: string;
  calendars: { code: string; channels?: string[] }[];
  performances: DemoPerformance[];
}

const series = (prefix: string, dates: string[], time: string, durationMinutes?: number): DemoPerformance[] =>
  dates.map((d) => ({ code: `${prefix}-${d.replace(/-/g, '')}`, local: `${d}T${time}`, durationMinutes }));

const visitHours = (prefix: string, days: string[], times: string[]): DemoPerformance[] =>
  days.flatMap((d) => times.map((t) => ({ code: `${prefix}-${d.replace(/-/g, '')}-${t.replace(':', '')}`, local: `${d}T${t}`, durationMinutes: 60 })));

export const demo = {
  organizations: [
    { code: 'OPERA-MONTVAL', name: 'Opéra de Montval', siret: '12345678900017', entertainmentLicence: 'PLATESV-R-2027-000123', channels: ['WEB', 'GUICHET', 'TELEPHONE', 'AGENCE'] },
    { code: 'FESTIVAL-ETE', name: "Festival d'été de Montval", siret: '98765432100021', entertainmentLicence: 'PLATESV-R-2027-000456', channels: ['WEB', 'GUICHET'] },
  ],
  salesChannels: [
    { code: 'WEB', name: 'Internet', type: 'internet', external: false },
    { code: 'GUICHET', name: 'Guichet', type: 'boxOffice', external: false },
    { code: 'TELEPHONE', name: 'Téléphone', type: 'phone', external: false },
    { code: 'AGENCE', name: 'Agences et revendeurs', type: 'agency', external: true },
  ],
  pointsOfSale: [
    { code: 'SITE-OPERA', name: "Site internet de l'Opéra", organization: 'OPERA-MONTVAL', channel: 'WEB' },
    { code: 'GUICHET-PLACE', name: 'Guichet de la place du Théâtre', organization: 'OPERA-MONTVAL', channel: 'GUICHET' },
    { code: 'CENTRE-APPELS', name: "Centre d'appels", organization: 'OPERA-MONTVAL', channel: 'TELEPHONE' },
    { code: 'AGENCE-CENTRE', name: 'Agence Centre-Ville', organization: 'OPERA-MONTVAL', channel: 'AGENCE' },
    { code: 'SITE-FESTIVAL', name: 'Site du festival', organization: 'FESTIVAL-ETE', channel: 'WEB' },
  ],
  audienceCategories: [
    { code: 'ABONNE', name: 'Abonné', description: 'Contacts titulaires d’un abonnement de la saison' },
    { code: 'OCCASIONNEL', name: 'Occasionnel', description: 'Tout public, hors abonnement' },
    { code: 'ADHERENT', name: 'Adhérent', description: 'Membres de l’association des amis de l’Opéra' },
  ],
  seatCategories: [
    { code: 'CAT1', name: 'Catégorie 1', rank: 1 },
    { code: 'CAT2', name: 'Catégorie 2', rank: 2 },
    { code: 'CAT3', name: 'Catégorie 3', rank: 3 },
  ],
  season: { code: 'OPERA-2027-2028', name: 'Saison 2027–2028', organization: 'OPERA-MONTVAL', startsOn: '2027-09-01', endsOn: '2028-07-15' },
  audienceSubcategories: [
    { code: 'ABO-PLEIN', name: 'Abonné plein tarif', category: 'ABONNE' },
    { code: 'ABO-JEUNE', name: 'Abonné moins de 26 ans', category: 'ABONNE' },
    { code: 'OCC-PLEIN', name: 'Plein tarif', category: 'OCCASIONNEL' },
    { code: 'OCC-JEUNE', name: 'Moins de 26 ans', category: 'OCCASIONNEL' },
    { code: 'OCC-DE', name: "Demandeur d'emploi", category: 'OCCASIONNEL' },
    { code: 'ADH-PLEIN', name: 'Adhérent', category: 'ADHERENT' },
  ],
  tariffTypes: [
    { code: 'NORMAL', name: 'Normal' },
    { code: 'REDUIT', name: 'Réduit' },
    { code: 'GROUPE', name: 'Groupe' },
  ],
  activities: [
    { code: 'OPERA', name: 'Opéra' },
    { code: 'DANSE', name: 'Danse' },
    { code: 'CONCERT', name: 'Concerts' },
    { code: 'VISITES', name: 'Visites' },
  ],
  salesCalendars: [
    {
      code: 'ABO-PUIS-TOUS',
      name: 'Abonnés puis tout public',
      state: 'validated',
      periods: [
        { name: 'Abonnés', openingKind: 'absolute', opensAtLocal: '2027-06-01T10:00', closingKind: 'atPerformance', categories: ['ABONNE'] },
        { name: 'Occasionnels', openingKind: 'absolute', opensAtLocal: '2027-07-01T10:00', closingKind: 'relative', closingDays: 0, closingHours: 2, categories: ['OCCASIONNEL'] },
      ],
    },
    {
      code: 'ADHERENTS-J60',
      name: 'Adhérents : 60 jours avant',
      state: 'validated',
      periods: [{ name: 'Adhérents', openingKind: 'relative', openingDays: 60, closingKind: 'atPerformance', categories: ['ADHERENT'] }],
    },
    {
      code: 'DANSE-2027',
      name: 'Danse 2027–2028',
      state: 'validated',
      periods: [
        { name: 'Abonnés', openingKind: 'absolute', opensAtLocal: '2027-05-15T10:00', closingKind: 'atPerformance', categories: ['ABONNE', 'ADHERENT'] },
        { name: 'Tout public', openingKind: 'absolute', opensAtLocal: '2027-06-15T10:00', closingKind: 'relative', closingHours: 1, categories: ['OCCASIONNEL'] },
      ],
    },
    {
      code: 'VISITES-J30',
      name: 'Visites : 30 jours avant',
      state: 'validated',
      periods: [{ name: 'Tous', openingKind: 'relative', openingDays: 30, closingKind: 'none', categories: ['ABONNE', 'OCCASIONNEL', 'ADHERENT'] }],
    },
    {
      code: 'CONCERTS-PRINTEMPS',
      name: 'Concerts de printemps (brouillon)',
      state: 'draft',
      periods: [{ name: 'Tout public', openingKind: 'absolute', opensAtLocal: '2028-01-10T10:00', closingKind: 'atPerformance', categories: ['ABONNE', 'OCCASIONNEL', 'ADHERENT'] }],
    },
  ],
  events: [
    {
      code: 'CARMEN',
      name: 'Carmen',
      kind: 'event',
      activity: 'OPERA',
      venueName: 'Grande salle',
      closingToleranceMinutes: 30,
      state: 'running',
      calendars: [{ code: 'ABO-PUIS-TOUS' }, { code: 'ADHERENTS-J60', channels: ['GUICHET', 'TELEPHONE'] }],
      performances: series('CARMEN', ['2027-10-12', '2027-10-14', '2027-10-16', '2027-10-19', '2027-10-21'], '20:00', 195),
    },
    {
      code: 'DON-GIOVANNI',
      name: 'Don Giovanni',
      kind: 'event',
      activity: 'OPERA',
      venueName: 'Grande salle',
      closingToleranceMinutes: 15,
      state: 'running',
      calendars: [{ code: 'ABO-PUIS-TOUS' }],
      performances: series('DG', ['2027-11-12', '2027-11-13', '2027-11-14', '2027-11-17', '2027-11-19'], '19:30', 190),
    },
    {
      code: 'TRAVIATA',
      name: 'La Traviata',
      kind: 'event',
      activity: 'OPERA',
      venueName: 'Grande salle',
      closingToleranceMinutes: 30,
      state: 'running',
      calendars: [{ code: 'ABO-PUIS-TOUS' }, { code: 'ADHERENTS-J60' }],
      performances: series('TRAVIATA', ['2028-01-20', '2028-01-22', '2028-01-25', '2028-01-27', '2028-01-29'], '20:00', 170),
    },
    {
      code: 'FLUTE',
      name: 'La Flûte enchantée',
      kind: 'event',
      activity: 'OPERA',
      venueName: 'Grande salle',
      closingToleranceMinutes: 30,
      state: 'running',
      calendars: [{ code: 'ABO-PUIS-TOUS' }],
      performances: [...series('FLUTE', ['2028-03-24', '2028-03-28', '2028-03-30'], '20:00', 165), ...series('FLUTE', ['2028-03-26', '2028-04-02'], '15:00', 165)],
    },
    {
      code: 'TOSCA',
      name: 'Tosca',
      kind: 'event',
      activity: 'OPERA',
      venueName: 'Grande salle',
      closingToleranceMinutes: 30,
      state: 'suspended',
      calendars: [{ code: 'ABO-PUIS-TOUS' }],
      performances: series('TOSCA', ['2028-05-10', '2028-05-12', '2028-05-14', '2028-05-16'], '20:00', 160),
    },
    {
      code: 'LAC-CYGNES',
      name: 'Le Lac des cygnes',
      kind: 'event',
      activity: 'DANSE',
      venueName: 'Grande salle',
      closingToleranceMinutes: 20,
      state: 'running',
      calendars: [{ code: 'DANSE-2027' }],
      performances: series('LAC', ['2027-12-18', '2027-12-20', '2027-12-22', '2027-12-27', '2027-12-30'], '20:00', 150),
    },
    {
      code: 'GISELLE',
      name: 'Giselle',
      kind: 'event',
      activity: 'DANSE',
      venueName: 'Grande salle',
      closingToleranceMinutes: 20,
      state: 'running',
      calendars: [{ code: 'DANSE-2027' }],
      performances: series('GISELLE', ['2028-02-08', '2028-02-10', '2028-02-12', '2028-02-14'], '20:00', 130),
    },
    {
      code: 'CASSE-NOISETTE',
      name: 'Casse-Noisette',
      kind: 'event',
      activity: 'DANSE',
      venueName: 'Grande salle',
      closingToleranceMinutes: 20,
      state: 'preparing',
      calendars: [{ code: 'DANSE-2027' }],
      performances: series('CASSE', ['2028-06-10', '2028-06-12', '2028-06-14'], '20:00', 120),
    },
    {
      code: 'NOUVEL-AN',
      name: 'Concert du Nouvel An',
      kind: 'event',
      activity: 'CONCERT',
      venueName: 'Grande salle',
      closingToleranceMinutes: 10,
      state: 'running',
      calendars: [{ code: 'ABO-PUIS-TOUS' }],
      performances: series('NOUVELAN', ['2027-12-31', '2028-01-01'], '17:00', 120),
    },
    {
      code: 'REQUIEM',
      name: 'Requiem de Mozart',
      kind: 'event',
      activity: 'CONCERT',
      venueName: 'Auditorium',
      closingToleranceMinutes: 10,
      state: 'running',
      calendars: [{ code: 'CONCERTS-PRINTEMPS' }],
      performances: series('REQUIEM', ['2028-04-07', '2028-04-08'], '20:00', 70),
    },
    {
      code: 'FANTASTIQUE',
      name: 'Symphonie fantastique',
      kind: 'event',
      activity: 'CONCERT',
      venueName: 'Auditorium',
      closingToleranceMinutes: 10,
      state: 'running',
      calendars: [{ code: 'CONCERTS-PRINTEMPS' }],
      performances: series('FANTASTIQUE', ['2028-05-19', '2028-05-20'], '20:00', 90),
    },
    {
      code: 'VISITE-COULISSES',
      name: 'Visite des coulisses',
      kind: 'visit',
      activity: 'VISITES',
      venueName: 'Entrée des artistes',
      closingToleranceMinutes: 0,
      state: 'running',
      calendars: [{ code: 'VISITES-J30' }],
      performances: visitHours('COULISSES', ['2027-10-09', '2027-11-06', '2027-12-04', '2028-01-15', '2028-02-05'], ['10:30', '14:30']),
    },
    {
      code: 'VISITE-FOYER',
      name: 'Visite du grand foyer',
      kind: 'visit',
      activity: 'VISITES',
      venueName: 'Grand foyer',
      closingToleranceMinutes: 0,
      state: 'running',
      calendars: [{ code: 'VISITES-J30' }],
      performances: visitHours('FOYER', ['2027-10-10', '2027-11-07', '2027-12-05', '2028-03-05', '2028-04-09'], ['11:00', '15:00']),
    },
  ] as DemoEvent[],
  activityProfiles: [
    { code: 'CARMEN-WEB-GUICHET', name: 'Carmen sur internet et au guichet', state: 'validated', buyerKind: 'public', allEvents: false, events: [{ event: 'CARMEN' }], channels: ['WEB', 'GUICHET'] },
    {
      code: 'WEB-DON-GIOVANNI',
      name: 'Don Giovanni : 2 séances en catégorie 1 sur internet',
      state: 'validated',
      buyerKind: 'public',
      allEvents: false,
      events: [{ event: 'DON-GIOVANNI', performances: ['DG-20271112', 'DG-20271114'] }],
      seatCategories: ['CAT1'],
      channels: ['WEB'],
    },
    {
      code: 'WEB-SAISON',
      name: 'Saison sur internet',
      state: 'validated',
      buyerKind: 'public',
      allEvents: false,
      events: ['TRAVIATA', 'FLUTE', 'TOSCA', 'LAC-CYGNES', 'GISELLE', 'CASSE-NOISETTE', 'NOUVEL-AN', 'REQUIEM', 'FANTASTIQUE', 'VISITE-COULISSES', 'VISITE-FOYER'].map((event) => ({ event })),
      tariffTypes: ['NORMAL', 'REDUIT'],
      channels: ['WEB'],
    },
    // Carmen is left out on purpose: « any audience on TELEPHONE: NOT_ON_SALE » (docs/sales-rules.md §3).
    {
      code: 'GUICHET-TEL-SAISON',
      name: 'Saison au guichet et au téléphone (hors Carmen)',
      state: 'validated',
      buyerKind: 'public',
      allEvents: false,
      events: ['DON-GIOVANNI', 'TRAVIATA', 'FLUTE', 'TOSCA', 'LAC-CYGNES', 'GISELLE', 'CASSE-NOISETTE', 'NOUVEL-AN', 'REQUIEM', 'FANTASTIQUE', 'VISITE-COULISSES', 'VISITE-FOYER'].map((event) => ({
        event,
      })),
      channels: ['GUICHET', 'TELEPHONE'],
    },
    {
      code: 'STRUCTURES-GROUPES',
      name: 'Structures : groupes en agence et au guichet',
      state: 'validated',
      buyerKind: 'structure',
      allEvents: true,
      tariffTypes: ['GROUPE'],
      channels: ['AGENCE', 'GUICHET'],
    },
    {
      code: 'WEB-JEUNES-DANSE',
      name: 'Danse pour les moins de 26 ans (brouillon)',
      state: 'draft',
      buyerKind: 'public',
      allEvents: false,
      events: [{ event: 'LAC-CYGNES' }, { event: 'GISELLE' }],
      subcategories: ['OCC-JEUNE', 'ABO-JEUNE'],
      channels: ['WEB'],
    },
  ] as {
    code: string;
    name: string;
    state: string;
    buyerKind: string;
    allEvents: boolean;
    events?: { event: string; performances?: string[] }[];
    subcategories?: string[];
    seatCategories?: string[];
    tariffTypes?: string[];
    channels: string[];
  }[],
  products: [
    { code: 'ABO-JEUNES-4', name: 'Abonnement moins de 26 ans — 4 spectacles', type: 'subscription', state: 'running' },
    { code: 'CARTE-AMIS', name: "Carte des amis de l'Opéra", type: 'membership', state: 'running' },
  ],
  productProfiles: [
    {
      code: 'ABO-JEUNES-ETE',
      name: 'Abonnement jeunes : de juin à septembre',
      state: 'validated',
      buyerKind: 'public',
      saleStartLocal: '2027-06-01T10:00',
      saleEndLocal: '2027-09-30T23:59',
      subcategories: ['OCC-JEUNE', 'ABO-JEUNE'],
      minQuantity: 1,
      maxQuantity: 4,
      products: ['ABO-JEUNES-4'],
      channels: ['WEB', 'GUICHET'],
    },
    {
      code: 'CARTE-AMIS-SAISON',
      name: 'Carte des amis : toute la saison',
      state: 'validated',
      buyerKind: 'public',
      saleStartLocal: '2027-05-01T10:00',
      saleEndLocal: null,
      subcategories: [],
      minQuantity: 1,
      maxQuantity: 2,
      products: ['CARTE-AMIS'],
      channels: ['WEB', 'GUICHET', 'TELEPHONE'],
    },
  ],
  // Prices and fees (issue #18). The Opéra prices in the plugin (NO_PRICE applies to it): the
  // season grid prices every seat category × tariff type, so everything the demo sells has a price.
  pricing: {
    pricesInPlugin: ['OPERA-MONTVAL'],
    vatRates: [
      { code: 'TVA-2-1', name: 'TVA 2,1 % (créations, 140 premières représentations)', rate: 2.1 },
      { code: 'TVA-5-5', name: 'TVA 5,5 % (spectacles vivants)', rate: 5.5 },
      { code: 'TVA-10', name: 'TVA 10 %', rate: 10 },
      { code: 'TVA-20', name: 'TVA 20 % (taux normal)', rate: 20 },
    ],
    paymentMethods: [
      { code: 'CB', name: 'Carte bancaire', kind: 'card', channels: [] as string[] },
      { code: 'ESPECES', name: 'Espèces', kind: 'cash', channels: ['GUICHET'] },
      { code: 'CHEQUE', name: 'Chèque', kind: 'cheque', channels: ['GUICHET', 'TELEPHONE'] },
    ],
    deliveryMethods: [
      { code: 'EBILLET', name: 'Billet électronique', kind: 'eTicket', channels: ['WEB', 'TELEPHONE'] },
      { code: 'POSTE', name: 'Envoi postal', kind: 'post', channels: ['WEB', 'TELEPHONE'] },
      { code: 'RETRAIT-GUICHET', name: 'Retrait au guichet', kind: 'boxOfficeCollection', channels: [] as string[] },
    ],
    priceLevels: [
      { code: 'A', name: 'Niveau A (soirées)', rank: 1 },
      { code: 'B', name: 'Niveau B (matinées et visites)', rank: 2 },
    ],
    /** Performances of level A; every other performance is of level B. */
    levelA: ['CARMEN', 'DON-GIOVANNI', 'TRAVIATA', 'TOSCA', 'NOUVEL-AN'],
    /** Euros TTC by seat category × tariff type (NORMAL, REDUIT, GROUPE); VAT 5.5 %. */
    seasonGrid: { CAT1: [65, 52, 48], CAT2: [45, 36, 33], CAT3: [25, 20, 18] },
    /** Level A: CAT1 and CAT2 at the normal tariff cost more. */
    seasonGridLevelA: { CAT1: [85], CAT2: [60] },
    /** One grid per event (cells it sets over the season's). */
    eventGrids: {
      CARMEN: { CAT1: [95, 76, 70], CAT2: [70, 56, 50], CAT3: [35, 28, 25] },
      'DON-GIOVANNI': { CAT1: [90, 72, 66], CAT2: [65, 52, 48], CAT3: [32, 26, 24] },
      TRAVIATA: { CAT1: [90, 72, 66], CAT2: [65, 52, 48], CAT3: [32, 26, 24] },
      FLUTE: { CAT1: [70, 56, 50], CAT2: [50, 40, 36], CAT3: [28, 22, 20] },
      TOSCA: { CAT1: [90, 72, 66], CAT2: [65, 52, 48], CAT3: [32, 26, 24] },
      'LAC-CYGNES': { CAT1: [60, 48, 44], CAT2: [42, 34, 30], CAT3: [24, 19, 17] },
      GISELLE: { CAT1: [55, 44, 40], CAT2: [40, 32, 29], CAT3: [22, 18, 16] },
      'CASSE-NOISETTE': { CAT1: [55, 44, 40], CAT2: [40, 32, 29], CAT3: [22, 18, 16] },
      'NOUVEL-AN': { CAT1: [80, 64, 58], CAT2: [60, 48, 44], CAT3: [30, 24, 22] },
      REQUIEM: { CAT1: [40, 32, 29], CAT2: [30, 24, 22], CAT3: [18, 14, 13] },
      FANTASTIQUE: { CAT1: [40, 32, 29], CAT2: [30, 24, 22], CAT3: [18, 14, 13] },
      'VISITE-COULISSES': { CAT1: [15, 10, 9], CAT2: [15, 10, 9], CAT3: [15, 10, 9] },
      'VISITE-FOYER': { CAT1: [12, 8, 7], CAT2: [12, 8, 7], CAT3: [12, 8, 7] },
    } as Record<string, Record<string, number[]>>,
    /** The gala night: a child grid of one performance (the New Year's Eve concert), first category only. */
    galaGrid: { performance: 'NOUVELAN-20271231', cells: { CAT1: [120, 96, 90] } as Record<string, number[]> },
    /** Booking fee on the internet, none at the box office; e-ticket free; post 2,50 € per order (VAT 20 %). */
    fees: {
      simple: [{ code: 'LOCATION-WEB', name: 'Frais de location internet', kind: 'fixed', value: 150, channels: ['WEB'], vatRate: 'TVA-20' }],
      delivery: [{ code: 'ENVOI-POSTAL', name: 'Envoi postal', deliveryMethod: 'POSTE', per: 'order', amount: 250, vatRate: 'TVA-20' }],
    },
  },
};
