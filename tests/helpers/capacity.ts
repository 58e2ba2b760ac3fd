import type { Core } from '@strapi/strapi';
import { spawn, type ChildProcess } from 'child_process';
import path from 'path';
import { SMALL_PLAN_SEATS, T, type World, smallPlan, transition, uniqueCode } from './ticketing';

/** What a hold names: the buyer's channel and audience codes, a tariff type, the unnumbered and numbered categories, the performances. */
export interface SaleSetup {
  channel: string;
  audience: string;
  tariff: string;
  /** unnumbered category (area FOSSE) */
  standing: string;
  /** numbered category: the 10 seats of the small plan (`T-r0-s0`…) */
  numbered: string;
  performances: { documentId: string; code: string }[];
}

const DAY = 86_400_000;

/**
 * The world on sale: an unnumbered seat category, a full-price audience subcategory of the world's
 * audience category, a tariff type, a calendar open since 2020 (every channel) and an activity
 * profile on the world's channel, both validated. With `subscribers`, also a subscribers' audience
 * category and subcategory, the calendar open to them too.
 */
export async function openSale(strapi: Core.Strapi, world: World, opts: { subscribers?: boolean } = {}) {
  const docs = (name: string) => strapi.documents(T(name));
  const channel = (await strapi.db.query(T('sales-channel')).findOne({ where: { documentId: world.channel } })).code as string;
  const standing = (await docs('seat-category').create({ data: { code: uniqueCode('DEBOUT'), name: 'Placement libre' } as any })).code as string;
  const audience = (await docs('audience-subcategory').create({ data: { code: uniqueCode('PLEIN'), name: 'Plein tarif', audienceCategory: world.audienceCategory, season: world.season } as any }))
    .code as string;
  let subscribers: { category: string; audience: string } | null = null;
  if (opts.subscribers) {
    const category = await docs('audience-category').create({ data: { code: uniqueCode('ABO'), name: 'Abonné' } as any });
    const sub = await docs('audience-subcategory').create({ data: { code: uniqueCode('ABO-PLEIN'), name: 'Abonné', audienceCategory: category.documentId, season: world.season } as any });
    subscribers = { category: category.documentId as string, audience: sub.code as string };
  }
  const tariff = (await docs('tariff-type').create({ data: { code: uniqueCode('NORMAL'), name: 'Normal', season: world.season } as any })).code as string;
  const audienceCategories = subscribers ? [world.audienceCategory, subscribers.category] : [world.audienceCategory];
  const calendar = await docs('sales-calendar').create({
    data: {
      code: uniqueCode('CAL'),
      name: 'Toujours',
      organization: world.organization,
      periods: [{ name: 'Ouverture', openingKind: 'absolute', opensAt: '2020-01-01T09:00:00.000Z', closingKind: 'none', audienceCategories }],
    } as any,
  });
  await transition(strapi, 'sales-calendar', calendar.documentId, 'validate');
  await docs('event').update({ documentId: world.event, data: { calendarAssignments: [{ salesCalendar: calendar.documentId, allChannels: true }] } as any });
  const profile = await docs('activity-profile').create({ data: { code: uniqueCode('PROF'), name: 'Tout', organization: world.organization, salesChannels: [world.channel] } as any });
  await transition(strapi, 'activity-profile', profile.documentId, 'validate');
  return { channel, standing, audience, tariff, subscribers };
}

/**
 * A validated logical configuration of `world` counting places: the numbered seats of the small plan
 * (`seats`, default all 10, in the world's seat category; `killedSeats` none) and an unnumbered area
 * FOSSE of `standingGauge` places (default 150) in category `standing`, with its allocations and limits.
 */
export async function countedConfiguration(
  strapi: Core.Strapi,
  world: World,
  o: { standing: string; standingGauge?: number; security?: number; seats?: string[]; killedSeats?: string[]; contingents?: unknown[]; limits?: unknown },
): Promise<string> {
  const docs = (name: string) => strapi.documents(T(name));
  const gauge = o.standingGauge ?? 150;
  const security = o.security ?? 1000;
  const physical = await docs('physical-configuration').create({
    data: {
      code: uniqueCode('PHY'),
      name: 'Salle',
      space: world.space,
      securityGauge: Math.max(1000, security),
      plan: { ...smallPlan(), areas: [{ id: 'FOSSE', name: 'Fosse', capacity: Math.max(500, gauge), shape: { kind: 'rectangle', x: 0, y: 600, width: 800, height: 150 } }] },
    } as any,
  });
  await transition(strapi, 'physical-configuration', physical.documentId, 'validate');
  const lc = await docs('logical-configuration').create({
    data: {
      code: uniqueCode('LOG'),
      name: 'Configuration',
      organization: world.organization,
      season: world.season,
      physicalConfiguration: physical.documentId,
      securityGauge: security,
      layout: {
        version: 1,
        seatsByCategory: { [world.seatCategory]: o.seats ?? SMALL_PLAN_SEATS },
        killedSeats: o.killedSeats ?? [],
        areas: { FOSSE: { category: o.standing, sellableGauge: gauge } },
      },
      contingents: o.contingents ?? [],
      limits: o.limits ?? null,
    } as any,
  });
  await transition(strapi, 'logical-configuration', lc.documentId, 'validate');
  return lc.documentId as string;
}

/** A performance of `event` (default the world's) on `logical`, `inDays` days from now (default 90), validated and running. */
export async function runningPerformance(strapi: Core.Strapi, world: World, logical: string, o: { event?: string; inDays?: number } = {}): Promise<{ code: string; documentId: string }> {
  const docs = (name: string) => strapi.documents(T(name));
  const perf = await docs('performance').create({
    data: { code: uniqueCode('PERF'), event: o.event ?? world.event, startsAt: new Date(Date.now() + (o.inDays ?? 90) * DAY).toISOString(), logicalConfiguration: logical } as any,
  });
  await transition(strapi, 'performance', perf.documentId, 'validate');
  await transition(strapi, 'performance', perf.documentId, 'run');
  return { code: perf.code as string, documentId: perf.documentId as string };
}

/**
 * `count` performances of `world` on sale now (a calendar open since 2020 on every channel, an
 * activity profile on the world's channel) sharing one validated logical configuration: the 10
 * numbered seats of the small plan and an unnumbered category of `standingGauge` places.
 */
export async function sellablePerformances(strapi: Core.Strapi, world: World, opts: { count?: number; standingGauge?: number } = {}): Promise<SaleSetup> {
  const gauge = opts.standingGauge ?? 50;
  const { channel, standing, audience, tariff } = await openSale(strapi, world);
  const logical = await countedConfiguration(strapi, world, { standing, standingGauge: gauge, security: gauge + 1000 });
  const performances: SaleSetup['performances'] = [];
  for (let i = 0; i < (opts.count ?? 1); i++) performances.push(await runningPerformance(strapi, world, logical, { inDays: 90 + i }));
  return { channel, audience, tariff, standing, numbered: world.seatCategory, performances };
}

/** The body of a hold of `quantity` unnumbered places, or of `seats`. */
export const holdBody = (s: SaleSetup, performance: string, what: { quantity: number } | { seats: string[] }) => ({
  channel: s.channel,
  audience: s.audience,
  lines: ['seats' in what ? { performance, tariffType: s.tariff, seats: what.seats } : { performance, seatCategory: s.standing, tariffType: s.tariff, quantity: what.quantity }],
});

export interface ServedStrapi {
  child: ChildProcess;
  url: string;
  /** resolves when the process has exited */
  exited: Promise<number | null>;
}

/**
 * A separate Strapi process (tests/helpers/serve-strapi.js) on `env`'s database, listening on
 * 127.0.0.1:`port`; resolves once it answers. `distDir`: the compiled app it boots (default the tests').
 */
export function serveStrapi(opts: { port: number; env: Record<string, string>; distDir?: string; nodeArgs?: string[] }): Promise<ServedStrapi> {
  const appDir = path.resolve(__dirname, '../..');
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), path.join(appDir, 'tests/helpers/serve-strapi.js')], {
    cwd: appDir,
    env: { ...process.env, ...opts.env, HOST: '127.0.0.1', PORT: String(opts.port), TICKETING_SEED_DEMO: 'false', ...(opts.distDir ? { STRAPI_DIST_DIR: opts.distDir } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise<ServedStrapi>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('READY') && resolve({ child, url: `http://127.0.0.1:${opts.port}`, exited }));
    void exited.then((code) => reject(new Error(`Strapi on :${opts.port} exited (${code}): ${stderr}`)));
  });
}
