import type { Core, Modules, UID } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { type ContentTypeName, PLUGIN_ID, uidOf } from '../constants';
import { demo } from '../seed/demo-season';
import { DEMO_HALL, demoHallLayout, demoHallPlan } from '../seed/demo-hall';
import { type DbRow } from '../strapi-types';

type Row = { documentId: string };

/**
 * Writes the demo season through the document service (so every object passes the same
 * write guard as an editor's), in one transaction: an interrupted seed leaves nothing behind.
 * States are set last through the transition service, the way an operator would, once the
 * objects are complete: parents before children, so every guard holds.
 */
export const createDemoSeed = ({ strapi }: { strapi: Core.Strapi }) => {
  const zone = () => strapi.plugin('ticketing').service('configuration').timeZone() as string;
  const utc = (local: string) => DateTime.fromISO(local, { zone: zone() }).toUTC().toISO()!;

  const create = async (name: ContentTypeName, data: Record<string, unknown>) =>
    (await strapi.documents(uidOf(name)).create({ data } as Modules.Documents.ServiceParams<UID.ContentType>['create'])) as unknown as Row;

  /** The named actions an operator would take to bring a new object to `state`. */
  const PATHS: Record<string, { action: string; reason?: string }[]> = {
    draft: [],
    preparing: [],
    validated: [{ action: 'validate' }],
    running: [{ action: 'validate' }, { action: 'run' }],
    suspended: [{ action: 'validate' }, { action: 'run' }, { action: 'suspend', reason: 'Démonstration : exploitation suspendue' }],
  };

  /**
   * Puts objects in their states through the transition service, as an operator would (history
   * included): every object is first brought as far as `running`, in the given order (parents
   * first), and only then suspended, since a performance runs only under a running event.
   */
  const setStates = async (targets: [ContentTypeName, string, string][]) => {
    const transitions = strapi.plugin('ticketing').service('transitions');
    const apply = (name: ContentTypeName, documentId: string, step: { action: string; reason?: string }) =>
      transitions.apply({ uid: uidOf(name), documentId, action: step.action, reason: step.reason ?? null, user: null });
    for (const [name, documentId, state] of targets) {
      for (const step of (PATHS[state] ?? []).filter((s) => s.action !== 'suspend')) await apply(name, documentId, step);
    }
    for (const [name, documentId, state] of targets) {
      for (const step of (PATHS[state] ?? []).filter((s) => s.action === 'suspend')) await apply(name, documentId, step);
    }
  };

  return {
    async isEmpty(): Promise<boolean> {
      return (await strapi.db.query(uidOf('organization')).count({})) === 0;
    },

    /** Loads the demo season when the database has no organisation yet. Returns whether it did. */
    async seedIfEmpty(): Promise<boolean> {
      if (!(await this.isEmpty())) return false;
      await strapi.db.transaction(async () => {
        await this.seed();
      });
      // The holds service runs its own transactions: after the season is committed.
      const holds = await this.seedHolds();
      strapi.log.info(`[ticketing] demo season 2027–2028 loaded (${holds.confirmed} sales, ${holds.held} holds)`);
      return true;
    },

    /**
     * Demo holds and sales (issue #17) on two Traviata performances of the hall, made on 1 October
     * 2027 on the website for occasional full-price buyers: most confirmed (sold), a few held (they
     * expire 15 minutes after that instant, i.e. not before then). Idempotent: each carries an
     * Idempotency-Key, so seeding again answers the same holds.
     */
    async seedHolds(): Promise<{ confirmed: number; held: number }> {
      const holds = strapi.plugin(PLUGIN_ID).service('holds');
      const at = Date.parse('2027-10-01T08:00:00Z');
      const logical = await strapi.db.query(uidOf('logical-configuration')).findOne({ where: { code: DEMO_HALL.logical.code }, select: ['layout', 'contingents'] });
      const reserved = new Set<string>(((logical?.contingents ?? []) as { seats?: string[] }[]).flatMap((a) => a.seats ?? []));
      const seats = ((logical?.layout?.seatsByCategory?.CAT1 ?? []) as string[]).filter((seat) => !reserved.has(seat)).slice(0, 3);
      const standing = (performance: string, quantity: number) => ({ performance, seatCategory: 'CAT3', tariffType: 'NORMAL', quantity });
      const numbered = (performance: string, list: string[]) => ({ performance, tariffType: 'NORMAL', seats: list });
      const plan: { key: string; line: Record<string, unknown>; confirm: boolean }[] = [
        { key: 'demo-hold-1', line: standing('TRAVIATA-20280120', 4), confirm: true },
        { key: 'demo-hold-2', line: standing('TRAVIATA-20280120', 2), confirm: true },
        { key: 'demo-hold-3', line: numbered('TRAVIATA-20280120', seats.slice(0, 2)), confirm: true },
        { key: 'demo-hold-4', line: standing('TRAVIATA-20280120', 3), confirm: false },
        { key: 'demo-hold-5', line: standing('TRAVIATA-20280122', 6), confirm: true },
        { key: 'demo-hold-6', line: numbered('TRAVIATA-20280122', seats.slice(2, 3)), confirm: false },
      ];
      const done = { confirmed: 0, held: 0 };
      for (const { key, line, confirm } of plan) {
        if (Array.isArray(line.seats) && line.seats.length === 0) continue;
        const answer = await holds.hold({ channel: 'WEB', audience: 'OCC-PLEIN', buyer: 'public', lines: [line] }, at, key, 'fr');
        if (confirm) await holds.confirm(answer.body.id, at);
        done[confirm ? 'confirmed' : 'held']++;
      }
      return done;
    },

    async seed() {
      const ids = new Map<string, string>(); // `${type}:${code}` → documentId
      const id = (type: string, code: string) => {
        const found = ids.get(`${type}:${code}`);
        if (!found) throw new Error(`demo seed: unknown ${type} ${code}`);
        return found;
      };
      const remember = (type: string, code: string, row: Row) => ids.set(`${type}:${code}`, row.documentId);

      for (const c of demo.salesChannels) remember('channel', c.code, await create('sales-channel', { ...c, active: true }));
      for (const o of demo.organizations) {
        const { channels, ...fields } = o;
        remember(
          'organization',
          o.code,
          await create('organization', { ...fields, salesChannels: channels.map((c) => id('channel', c)), pricesInPlugin: demo.pricing.pricesInPlugin.includes(o.code) }),
        );
      }
      for (const p of demo.pointsOfSale) {
        remember(
          'pos',
          p.code,
          await create('point-of-sale', {
            code: p.code,
            name: p.name,
            active: true,
            organization: id('organization', p.organization),
            salesChannel: id('channel', p.channel),
          }),
        );
      }
      for (const a of demo.audienceCategories) remember('category', a.code, await create('audience-category', a));
      for (const s of demo.seatCategories) remember('seat', s.code, await create('seat-category', s));

      const { organization, ...seasonFields } = demo.season;
      const season = await create('season', { ...seasonFields, organization: id('organization', organization) });
      for (const s of demo.audienceSubcategories) {
        remember(
          'subcategory',
          s.code,
          await create('audience-subcategory', {
            code: s.code,
            name: s.name,
            audienceCategory: id('category', s.category),
            season: season.documentId,
          }),
        );
      }
      for (const t of demo.tariffTypes) remember('tariff', t.code, await create('tariff-type', { ...t, season: season.documentId }));
      for (const a of demo.activities) remember('activity', a.code, await create('activity', { ...a, season: season.documentId }));
      // Prices and fees (issue #18): referentials first, price levels before the performances.
      const pricing = demo.pricing;
      for (const v of pricing.vatRates) remember('vat', v.code, await create('vat-rate', { ...v, family: v.code }));
      for (const m of pricing.paymentMethods)
        remember('payment', m.code, await create('payment-method', { code: m.code, name: m.name, kind: m.kind, active: true, salesChannels: m.channels.map((c) => id('channel', c)) }));
      for (const m of pricing.deliveryMethods)
        remember('delivery', m.code, await create('delivery-method', { code: m.code, name: m.name, kind: m.kind, active: true, salesChannels: m.channels.map((c) => id('channel', c)) }));
      for (const l of pricing.priceLevels) remember('level', l.code, await create('price-level', { ...l, season: season.documentId }));
      const levelOf = (eventCode: string) => id('level', pricing.levelA.includes(eventCode) ? 'A' : 'B');

      const operaHouse = id('organization', 'OPERA-MONTVAL');
      const calendarStates: [string, string][] = [];
      for (const c of demo.salesCalendars) {
        const row = await create('sales-calendar', {
          code: c.code,
          name: c.name,
          organization: operaHouse,
          periods: c.periods.map((p: DbRow) => ({
            name: p.name,
            openingKind: p.openingKind,
            opensAt: p.opensAtLocal ? utc(p.opensAtLocal) : null,
            openingDays: p.openingKind === 'relative' ? (p.openingDays ?? 0) : null,
            openingHours: p.openingKind === 'relative' ? (p.openingHours ?? 0) : null,
            closingKind: p.closingKind,
            closesAt: p.closesAtLocal ? utc(p.closesAtLocal) : null,
            closingDays: p.closingKind === 'relative' ? (p.closingDays ?? 0) : null,
            closingHours: p.closingKind === 'relative' ? (p.closingHours ?? 0) : null,
            audienceCategories: p.categories.map((k: string) => id('category', k)),
          })),
        });
        remember('calendar', c.code, row);
        calendarStates.push([row.documentId, c.state]);
      }

      // The hall (issue 16): its physical configuration validated at once (a logical one is built
      // only on a validated physical one), the season's logical configuration validated with the rest.
      const plan = demoHallPlan();
      const site = await create('site', DEMO_HALL.site);
      const space = await create('space', { ...DEMO_HALL.space, site: site.documentId });
      const physical = await create('physical-configuration', { ...DEMO_HALL.physical, space: space.documentId, plan });
      await setStates([['physical-configuration', physical.documentId, 'validated']]);
      // Capacity (issue #17): subscribers' places released 30 days before, an agency's, press seats
      // (six stalls seats of row F, released 2 days before to the open sale); 8 places per hold.
      await create('contingent', { code: 'ABO', name: 'Abonnés', organization: operaHouse, contingentKind: 'targetGroup', audienceCategories: [id('category', 'ABONNE')] });
      await create('contingent', { code: 'AGENCE', name: 'Agence Centre-Ville', organization: operaHouse, contingentKind: 'channelPartner', pointsOfSale: [id('pos', 'AGENCE-CENTRE')] });
      await create('contingent', { code: 'PRESSE', name: 'Presse', organization: operaHouse, contingentKind: 'internal', salesChannels: [id('channel', 'GUICHET')] });
      const layout = demoHallLayout(plan);
      const pressSeats = plan.blocks[0].rows[5].seats.slice(0, 6).map((s) => s.id);
      const logical = await create('logical-configuration', {
        ...DEMO_HALL.logical,
        organization: operaHouse,
        season: season.documentId,
        physicalConfiguration: physical.documentId,
        layout,
        contingents: [
          { contingent: 'ABO', seatCategory: 'CAT3', quantity: 30, release: { kind: 'relative', days: 30, hours: 0 } },
          { contingent: 'AGENCE', seatCategory: 'CAT3', quantity: 20, release: { kind: 'relative', days: 7, hours: 0 } },
          { contingent: 'PRESSE', seats: pressSeats, release: { kind: 'relative', days: 2, hours: 0 } },
        ],
        limits: { maxPerHold: 8 },
      });

      const catalogueStates: [ContentTypeName, string, string][] = [['season', season.documentId, 'running']];
      for (const e of demo.events) {
        const event = await create('event', {
          code: e.code,
          name: e.name,
          kind: e.kind,
          venueName: e.venueName,
          logicalConfiguration: e.venueName === DEMO_HALL.venueName ? logical.documentId : null,
          closingToleranceMinutes: e.closingToleranceMinutes,
          season: season.documentId,
          activity: id('activity', e.activity),
          calendarAssignments: e.calendars.map((a) => ({
            salesCalendar: id('calendar', a.code),
            allChannels: !a.channels,
            salesChannels: (a.channels ?? []).map((c) => id('channel', c)),
          })),
        });
        remember('event', e.code, event);
        catalogueStates.push(['event', event.documentId, e.state]);
        for (const p of e.performances) {
          const starts = DateTime.fromISO(p.local, { zone: zone() });
          // A première (an event's first performance in the hall): 4 places per buyer.
          const premiere = e.venueName === DEMO_HALL.venueName && p === e.performances[0];
          const performance = await create('performance', {
            code: p.code,
            event: event.documentId,
            startsAt: starts.toUTC().toISO(),
            endsAt: p.durationMinutes ? starts.plus({ minutes: p.durationMinutes }).toUTC().toISO() : null,
            priceLevel: levelOf(e.code),
            ...(premiere ? { limits: { maxPerBuyer: 4 } } : {}),
          });
          remember('performance', p.code, performance);
          const eventSellable = e.state === 'running' || e.state === 'suspended';
          catalogueStates.push(['performance', performance.documentId, p.state ?? (eventSellable ? 'running' : 'validated')]);
        }
      }

      // Benchmarks only (npm run bench:admin): TICKETING_DEMO_PERFORMANCES=N stretches the season to
      // N performances by repeating the running events' performances on later days, created and
      // brought to their state the same way as the others.
      const wanted = Number(process.env.TICKETING_DEMO_PERFORMANCES ?? 0);
      const running = demo.events.filter((e) => e.state === 'running' && e.performances.length > 0);
      let total = demo.events.reduce((n, e) => n + e.performances.length, 0);
      for (let copy = 1; total < wanted && running.length > 0; copy++) {
        for (const e of running) {
          for (const p of e.performances) {
            if (total >= wanted) break;
            const starts = DateTime.fromISO(p.local, { zone: zone() }).plus({ days: copy });
            const performance = await create('performance', {
              code: `${p.code}-R${copy}`,
              event: id('event', e.code),
              startsAt: starts.toUTC().toISO(),
              endsAt: p.durationMinutes ? starts.plus({ minutes: p.durationMinutes }).toUTC().toISO() : null,
              priceLevel: levelOf(e.code),
            });
            catalogueStates.push(['performance', performance.documentId, 'running']);
            total++;
          }
        }
      }

      const profileStates: [ContentTypeName, string, string][] = [];
      for (const a of demo.activityProfiles) {
        const row = await create('activity-profile', {
          code: a.code,
          name: a.name,
          organization: operaHouse,
          buyerKind: a.buyerKind,
          allEvents: a.allEvents,
          events: (a.events ?? []).map((e) => ({
            event: id('event', e.event),
            performances: (e.performances ?? []).map((p) => id('performance', p)),
          })),
          allAudienceSubcategories: !a.subcategories,
          audienceSubcategories: (a.subcategories ?? []).map((s) => id('subcategory', s)),
          allSeatCategories: !a.seatCategories,
          seatCategories: (a.seatCategories ?? []).map((s) => id('seat', s)),
          allTariffTypes: !a.tariffTypes,
          tariffTypes: (a.tariffTypes ?? []).map((t) => id('tariff', t)),
          salesChannels: a.channels.map((c) => id('channel', c)),
        });
        profileStates.push(['activity-profile', row.documentId, a.state]);
      }
      for (const p of demo.products) {
        const row = await create('product', { code: p.code, name: p.name, type: p.type, season: season.documentId });
        remember('product', p.code, row);
        catalogueStates.push(['product', row.documentId, p.state]);
      }
      for (const q of demo.productProfiles) {
        const row = await create('product-profile', {
          code: q.code,
          name: q.name,
          organization: operaHouse,
          buyerKind: q.buyerKind,
          saleStart: q.saleStartLocal ? utc(q.saleStartLocal) : null,
          saleEnd: q.saleEndLocal ? utc(q.saleEndLocal) : null,
          allAudienceSubcategories: q.subcategories.length === 0,
          audienceSubcategories: q.subcategories.map((s) => id('subcategory', s)),
          minQuantity: q.minQuantity,
          maxQuantity: q.maxQuantity,
          products: q.products.map((p) => id('product', p)),
          salesChannels: q.channels.map((c) => id('channel', c)),
        });
        profileStates.push(['product-profile', row.documentId, q.state]);
      }

      profileStates.push(['logical-configuration', logical.documentId, 'validated']);
      // Price grids (season, one per event, the gala night's) and fee tables, all validated.
      const TARIFFS = ['NORMAL', 'REDUIT', 'GROUPE'];
      const cells = (table: Record<string, number[]>, level?: string) =>
        Object.entries(table).flatMap(([seat, euros]) =>
          euros.map((amount, i) => ({
            seatCategory: id('seat', seat),
            tariffType: id('tariff', TARIFFS[i]),
            priceLevel: level ? id('level', level) : null,
            amount: Math.round(amount * 100),
            vatRate: id('vat', 'TVA-5-5'),
          })),
        );
      const pricingStates: [ContentTypeName, string, string][] = [];
      const grid = async (code: string, name: string, data: Record<string, unknown>) =>
        pricingStates.push(['price-grid', (await create('price-grid', { code, name, season: season.documentId, ...data })).documentId, 'validated']);
      await grid('SAISON-2027-2028', 'Grille de la saison 2027–2028', { cells: [...cells(pricing.seasonGrid), ...cells(pricing.seasonGridLevelA, 'A')] });
      for (const [eventCode, table] of Object.entries(pricing.eventGrids)) await grid(`GRILLE-${eventCode}`, `Grille ${eventCode}`, { event: id('event', eventCode), cells: cells(table) });
      await grid('GALA-NOUVEL-AN', 'Soirée de gala du 31 décembre', { performance: id('performance', pricing.galaGrid.performance), cells: cells(pricing.galaGrid.cells) });
      const feeTable = async (code: string, name: string, kind: string, fees: Record<string, unknown>[]) =>
        pricingStates.push(['fee-table', (await create('fee-table', { code, name, kind, organization: operaHouse, fees })).documentId, 'validated']);
      await feeTable(
        'FRAIS-LOCATION',
        'Frais de location',
        'simple',
        pricing.fees.simple.map(({ channels, vatRate, ...f }) => ({ ...f, vatRate: id('vat', vatRate), salesChannels: channels.map((c) => id('channel', c)) })),
      );
      await feeTable(
        'FRAIS-ENVOI',
        "Frais d'envoi",
        'delivery',
        pricing.fees.delivery.map(({ deliveryMethod, vatRate, ...f }) => ({ ...f, vatRate: id('vat', vatRate), deliveryMethod: id('delivery', deliveryMethod) })),
      );

      await setStates([
        ...pricingStates,
        ...calendarStates.map(([documentId, state]) => ['sales-calendar', documentId, state] as [ContentTypeName, string, string]),
        ...profileStates,
        ...catalogueStates,
      ]);
    },
  };
};
