import request from 'supertest';
import { startStrapi, type TestApp } from './helpers/strapi';
import { adminToken } from './helpers/ticketing';
import { decodeLanes } from '../src/plugins/ticketing/shared/timeline';

/**
 * Admin routes of the « Billetterie » pages on the demo season: timeline (statuses at `at`,
 * draft preview), explanation, problems, setup checklist, iCalendar feed, and RBAC.
 */
let app: TestApp;
let jwt: string;
let config: any;

beforeAll(async () => {
  app = await startStrapi({ seedDemoData: true });
  jwt = await adminToken(app.strapi);
  config = await app.strapi.plugin('ticketing').service('configuration').load();
}, 180000);
afterAll(async () => {
  await app?.stop();
}, 120000);

const http = () => request(app.strapi.server.httpServer);
const get = (path: string, token = jwt) => http().get(path).set('Authorization', `Bearer ${token}`);
const id = (list: string, code: string) => {
  const found = config[list].find((x: any) => x.code === code);
  if (!found) throw new Error(`no ${code} in ${list}`);
  return found.id as string;
};
/** The compact answer (shared/timeline.ts) as lane objects, the way the admin page decodes it. */
const decode = (data: any) => {
  for (const p of data.performances)
    p.lanes = decodeLanes(
      p.l,
      data.channels.map((c: any) => c.id),
      data.audienceCategories.map((c: any) => c.id),
    );
  return data;
};
const laneOf = (perf: any, channel: string, category: string) =>
  perf.lanes.find((l: any) => l.channelId === id('salesChannels', channel) && l.audienceCategoryId === id('audienceCategories', category));

describe('GET /ticketing/timeline', () => {
  test('the demo season: every performance, one lane per channel × audience category', async () => {
    const res = await get(`/ticketing/timeline?at=2027-06-15T08:00:00Z`);
    expect(res.status).toBe(200);
    const data = decode(res.body.data);
    expect(data.season.code).toBe('OPERA-2027-2028');
    const seasonEvents = config.events.filter((e: any) => e.seasonId === data.season.id).map((e: any) => e.id);
    const expected = config.performances.filter((p: any) => seasonEvents.includes(p.eventId)).length;
    expect(data.performances).toHaveLength(expected);
    expect(data.channels.map((c: any) => c.code).sort()).toEqual(['AGENCE', 'GUICHET', 'TELEPHONE', 'WEB']);
    for (const perf of data.performances) expect(perf.l).toHaveLength(data.channels.length * data.audienceCategories.length);
    // Compact: no per-subcategory statuses (they come with the explanation), bounds in epoch ms.
    expect(JSON.stringify(data.performances[0].l)).not.toMatch(/subcategor|T\d\d:/);
    // Sorted by start.
    const starts = data.performances.map((p: any) => p.startsAt);
    expect([...starts].sort()).toEqual(starts);
  });

  test('in two parts: the first N performances, then the rest, together the whole answer; bad offset/limit → 400 naming it', async () => {
    const at = '2027-06-15T08:00:00Z';
    const whole = (await get(`/ticketing/timeline?at=${at}`)).body.data;
    const head = (await get(`/ticketing/timeline?at=${at}&limit=5`)).body.data;
    const tail = (await get(`/ticketing/timeline?at=${at}&offset=5`)).body.data;
    expect(head.performances).toHaveLength(5);
    expect(head.total).toBe(whole.performances.length);
    expect(tail.offset).toBe(5);
    expect([...head.performances, ...tail.performances]).toEqual(whole.performances);
    const bad = await get(`/ticketing/timeline?limit=-1`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['limit']);
  });

  test('« subscribers first »: Carmen 12 Oct on WEB, Abonné on sale and Occasionnel soon on 15 June, both on sale on 1 Sept', async () => {
    const carmen = (data: any) => data.performances.find((p: any) => p.code === 'CARMEN-20271012');
    const june = decode((await get(`/ticketing/timeline?at=2027-06-15T10:00:00%2B02:00`)).body.data);
    expect(laneOf(carmen(june), 'WEB', 'ABONNE').status).toBe('ON_SALE');
    expect(laneOf(carmen(june), 'WEB', 'OCCASIONNEL').status).toBe('SOON_ON_SALE');
    // Each bar comes with its status from the server (the page computes none).
    expect(laneOf(carmen(june), 'WEB', 'ABONNE').intervals[0].status).toBe('ON_SALE');
    expect(laneOf(carmen(june), 'WEB', 'OCCASIONNEL').intervals[0].status).toBe('SOON_ON_SALE');
    expect(laneOf(carmen(june), 'TELEPHONE', 'ABONNE').intervals.map((i: any) => i.status)).toEqual(['NOT_ON_SALE']);
    // No profile sells Carmen by phone.
    expect(laneOf(carmen(june), 'TELEPHONE', 'ABONNE').status).toBe('NOT_ON_SALE');
    const december = decode((await get(`/ticketing/timeline?at=2027-12-01T10:00:00Z`)).body.data);
    expect(laneOf(carmen(december), 'WEB', 'ABONNE').status).toBe('SALES_ENDED');
    expect(laneOf(carmen(december), 'WEB', 'ABONNE').intervals.map((i: any) => i.status)).toEqual(['SALES_ENDED']);
  });

  test('includeDrafts previews the draft calendar CONCERTS-PRINTEMPS and marks the changed lanes', async () => {
    const at = '2028-02-01T10:00:00Z';
    const plain = decode((await get(`/ticketing/timeline?at=${at}`)).body.data);
    const preview = decode((await get(`/ticketing/timeline?at=${at}&includeDrafts=true`)).body.data);
    expect(plain.changedLanes).toBe(0);
    expect(preview.changedLanes).toBeGreaterThan(0);
    const requiemEvent = id('events', 'REQUIEM');
    const before = plain.performances.filter((p: any) => p.eventId === requiemEvent);
    const after = preview.performances.filter((p: any) => p.eventId === requiemEvent);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((p: any) => p.lanes.every((l: any) => l.intervals.length === 0))).toBe(true);
    const changed = after.flatMap((p: any) => p.lanes).filter((l: any) => l.baseline);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.some((l: any) => l.intervals.length > 0 && l.baseline.intervals.length === 0)).toBe(true);
  });

  test('bad input: unreadable at → 400 naming the field; unknown season → 404', async () => {
    const bad = await get('/ticketing/timeline?at=not-a-date');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['at']);
    expect((await get('/ticketing/timeline?season=nope')).status).toBe(404);
  });

  test('parameters from one schema per route: unknown, repeated or malformed → 400 naming it, with its code; epoch ms and empty values accepted', async () => {
    for (const [url, path] of [
      ['/ticketing/timeline?sesaon=x', 'sesaon'],
      ['/ticketing/timeline?includeDrafts=yes', 'includeDrafts'],
      ['/ticketing/timeline?limit=1&limit=2', 'limit'],
      ['/ticketing/timeline?offset=1.5', 'offset'],
      ['/ticketing/explain?performance=x&channel=y', 'category'],
      ['/ticketing/impact?type=season&id=x', 'type'],
      ['/ticketing/impact?type=salesCalendar', 'id'],
      ['/ticketing/problems?season[a]=1', 'season'],
      ['/ticketing/calendar.ics?channel=a%20b', 'channel'],
    ] as const) {
      const res = await get(url);
      expect([url, res.status]).toEqual([url, 400]);
      expect(res.body.error.details.errors[0].path).toEqual([path]);
      expect(res.body.error.details.code).toBe('INVALID_PARAMETER');
    }
    expect((await get(`/ticketing/timeline?at=${Date.parse('2027-06-15T08:00:00Z')}&limit=1&includeDrafts=0`)).status).toBe(200);
    expect((await get('/ticketing/timeline?at=&season=&limit=1')).status).toBe(200);
  });
});

describe("GET /ticketing/impact (the validate dialog's preview)", () => {
  test('draft calendar CONCERTS-PRINTEMPS: the Requiem performances would open, per channel, and nothing closes', async () => {
    const at = '2028-02-01T10:00:00Z';
    const res = await get(`/ticketing/impact?type=salesCalendar&id=${id('salesCalendars', 'CONCERTS-PRINTEMPS')}&at=${at}`);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data.applicable).toBe(true);
    expect(data.object.code).toBe('CONCERTS-PRINTEMPS');
    expect(data.channels.length).toBeGreaterThan(0);
    const requiem = config.performances.filter((p: any) => p.eventId === id('events', 'REQUIEM')).map((p: any) => p.code);
    const gained = data.channels.flatMap((c: any) => c.gained.map((g: any) => g.performance.code));
    expect(gained.some((code: string) => requiem.includes(code))).toBe(true);
    for (const c of data.channels) {
      expect(c.lost).toEqual([]);
      for (const g of c.gained) {
        expect(g.windows.length).toBeGreaterThan(0);
        expect(g.opensAt).toBe(g.windows[0].opensAt);
        expect(Date.parse(g.windows[0].closesAt)).toBeGreaterThan(Date.parse(at));
      }
    }
    // It agrees with the timeline's draft preview: every gained (performance, channel) is a changed lane.
    const preview = decode((await get(`/ticketing/timeline?at=${at}&includeDrafts=true`)).body.data);
    for (const c of data.channels) {
      for (const g of c.gained) {
        const perf = preview.performances.find((p: any) => p.id === g.performance.id);
        expect(perf.lanes.some((l: any) => l.channelId === c.channel.id && l.baseline)).toBe(true);
      }
    }
  });

  test('it asks the engine: no opening announced on an inactive channel, though a profile covers it there', async () => {
    const at = '2028-02-01T10:00:00Z';
    const calendar = id('salesCalendars', 'CONCERTS-PRINTEMPS');
    const channelsOpening = async () => {
      const res = await get(`/ticketing/impact?type=salesCalendar&id=${calendar}&at=${at}`);
      expect(res.status).toBe(200);
      return res.body.data.channels
        .filter((c: any) => c.gained.length > 0)
        .map((c: any) => c.channel.code)
        .sort();
    };
    // STRUCTURES-GROUPES sells every event to structures at agencies (tariff GROUPE).
    expect(await channelsOpening()).toEqual(['AGENCE', 'GUICHET', 'TELEPHONE', 'WEB']);
    const agence = id('salesChannels', 'AGENCE');
    const channels = app.strapi.documents('plugin::ticketing.sales-channel' as any);
    await channels.update({ documentId: agence, data: { active: false } as any });
    try {
      // The calendar and the profile still reach AGENCE (what the preview used to read), but the engine refuses an inactive channel.
      expect(await channelsOpening()).toEqual(['GUICHET', 'TELEPHONE', 'WEB']);
    } finally {
      await channels.update({ documentId: agence, data: { active: true } as any });
    }
  });

  test('a validated calendar changes nothing by being validated; bad input → 400 / 404', async () => {
    const validated = config.salesCalendars.find((c: any) => c.state === 'validated');
    const res = await get(`/ticketing/impact?type=salesCalendar&id=${validated.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data.applicable).toBe(false);
    const bad = await get('/ticketing/impact?type=season&id=x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['type']);
    expect((await get('/ticketing/impact?type=activityProfile&id=nope')).status).toBe(404);
  });
});

describe('GET /ticketing/explain', () => {
  test('Occasionnel on WEB on 15 June: SOON_ON_SALE with NOT_YET_OPEN, provenance and profiles', async () => {
    const q = `performance=${id('performances', 'CARMEN-20271012')}&channel=${id('salesChannels', 'WEB')}&category=${id('audienceCategories', 'OCCASIONNEL')}&at=2027-06-15T08:00:00Z`;
    const res = await get(`/ticketing/explain?${q}`);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data.answers.length).toBe(3); // OCC-PLEIN, OCC-JEUNE, OCC-DE
    for (const { answer } of data.answers) {
      expect(answer.status).toBe('SOON_ON_SALE');
      expect(answer.reasons.map((r: any) => r.code)).toEqual(['NOT_YET_OPEN']);
      expect(answer.reasons[0].message.fr).toMatch(/ouverture/i);
    }
    expect(data.window.calendars.map((c: any) => c.code)).toContain('ABO-PUIS-TOUS');
    expect(data.window.profiles.map((p: any) => p.profile.code)).toContain('CARMEN-WEB-GUICHET');
  });

  test('Carmen by phone: NOT_ON_SALE and every reason', async () => {
    const q = `performance=${id('performances', 'CARMEN-20271012')}&channel=${id('salesChannels', 'TELEPHONE')}&subcategory=${id('audienceSubcategories', 'ABO-PLEIN')}&at=2027-09-15T08:00:00Z`;
    const data = (await get(`/ticketing/explain?${q}`)).body.data;
    expect(data.answers).toHaveLength(1);
    expect(data.answers[0].answer.status).toBe('NOT_ON_SALE');
    expect(data.answers[0].answer.reasons.length).toBeGreaterThan(0);
  });

  test('names first: reasons name the objects (not their codes), references carry names', async () => {
    const q = `performance=${id('performances', 'CARMEN-20271012')}&channel=${id('salesChannels', 'TELEPHONE')}&subcategory=${id('audienceSubcategories', 'ABO-PLEIN')}&at=2027-09-15T08:00:00Z`;
    const data = (await get(`/ticketing/explain?${q}`)).body.data;
    const reasons = data.answers[0].answer.reasons;
    const phone = reasons.find((r: any) => r.objects.some((o: any) => o.code === 'TELEPHONE'));
    expect(phone).toBeTruthy();
    expect(phone.message.fr).toContain('« Téléphone »');
    expect(phone.message.fr).not.toContain('« TELEPHONE »');
    for (const r of reasons) for (const o of r.objects) expect(o.name).toBeTruthy();
    expect(data.performance.name).toMatch(/^Carmen — 12\/10\/2027 20:00$/);
  });

  test('the draft that would change the answer is named; the preview says what is live', async () => {
    const q = `performance=${id('performances', 'REQUIEM-20280407')}&channel=${id('salesChannels', 'WEB')}&category=${id('audienceCategories', 'OCCASIONNEL')}&at=2028-02-01T09:00:00Z`;
    const live = (await get(`/ticketing/explain?${q}`)).body.data;
    expect(live.includeDrafts).toBe(false);
    for (const a of live.answers) {
      expect(a.answer.status).toBe('NOT_ON_SALE');
      expect(a.live).toBeNull();
      const draft = a.drafts.find((d: any) => d.code === 'CONCERTS-PRINTEMPS');
      expect(draft).toMatchObject({ type: 'salesCalendar', id: id('salesCalendars', 'CONCERTS-PRINTEMPS'), name: 'Concerts de printemps (brouillon)', status: 'ON_SALE' });
    }
    // A draft that does not reach Requiem is not named.
    expect(live.answers.flatMap((a: any) => a.drafts.map((d: any) => d.code))).not.toContain('WEB-JEUNES-DANSE');
    const preview = (await get(`/ticketing/explain?${q}&includeDrafts=true`)).body.data;
    expect(preview.includeDrafts).toBe(true);
    for (const a of preview.answers) {
      expect(a.answer.status).toBe('ON_SALE');
      expect(a.live).toMatchObject({ status: 'NOT_ON_SALE' });
    }
  });

  test('missing parameters → 400 with the path', async () => {
    const res = await get(`/ticketing/explain?channel=${id('salesChannels', 'WEB')}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['performance']);
  });
});

describe('problems, setup, calendar feed', () => {
  test('problems: the engine checks of the organisation, each linked to its object', async () => {
    const data = (await get('/ticketing/problems')).body.data;
    expect(Array.isArray(data.problems)).toBe(true);
    for (const p of data.problems) {
      expect(['blocking', 'warning']).toContain(p.severity);
      expect(p.object.id).toBeTruthy();
      expect(p.message.fr).toBeTruthy();
    }
    // Only the calendars and profiles of the season's organisation, never an archived one (and its places' configurations, tested in places.test.ts).
    const org = config.seasons.find((s: any) => s.code === 'OPERA-2027-2028').organizationId;
    const owned = [...config.salesCalendars, ...config.activityProfiles, ...config.productProfiles].filter((o: any) => o.organizationId === org && o.state !== 'archived');
    for (const p of data.problems.filter((x: any) => !x.object.type.endsWith('-configuration'))) expect(owned.map((o: any) => o.id)).toContain(p.object.id);
  });

  test('problems and setup agree: the demo season has every mandatory step, so no SETUP_STEP_MISSING; a new season lists each missing step', async () => {
    const demo = (await get('/ticketing/problems')).body.data;
    expect(demo.problems.filter((p: any) => p.code === 'SETUP_STEP_MISSING')).toEqual([]);
    const festival = config.organizations.find((o: any) => o.code === 'FESTIVAL-ETE');
    const created = await app.strapi.documents('plugin::ticketing.season').create({ data: { code: 'FEST-2028', name: 'Festival 2028', organization: festival.id } as any });
    try {
      const problems = (await get(`/ticketing/problems?season=${created.documentId}`)).body.data.problems;
      const setup = (await get(`/ticketing/setup?season=${created.documentId}`)).body.data.steps;
      const missing = setup.filter((s: any) => s.required && !s.done).map((s: any) => s.key);
      expect(missing.length).toBeGreaterThan(0);
      expect(problems.filter((p: any) => p.code === 'SETUP_STEP_MISSING').map((p: any) => p.step)).toEqual(missing);
      for (const p of problems.filter((x: any) => x.code === 'SETUP_STEP_MISSING')) expect(p).toMatchObject({ severity: 'blocking', object: { type: 'season', id: created.documentId } });
      expect(problems.some((p: any) => p.step === 'products')).toBe(false);
    } finally {
      await app.strapi.documents('plugin::ticketing.season').delete({ documentId: created.documentId });
    }
  });

  test('setup: the manual steps, done for the demo season', async () => {
    const data = (await get('/ticketing/setup')).body.data;
    expect(data.organization.code).toBe('OPERA-MONTVAL');
    const keys = data.steps.map((s: any) => s.key);
    expect(keys).toEqual([
      'organizations',
      'seatCategories',
      'salesChannels',
      'pointsOfSale',
      'seasons',
      'audienceSubcategories',
      'tariffTypes',
      'activities',
      'salesCalendars',
      'events',
      'activityProfiles',
      'products',
      'vatRates',
      'paymentMethods',
      'deliveryMethods',
      'priceLevels',
      'priceGrids',
      'simpleFees',
      'generalFees',
      'deliveryFees',
      'operation',
    ]);
    expect(data.steps.filter((s: any) => s.required).every((s: any) => s.done)).toBe(true);
    // The demo's prices (issue #18): every price step done, fees of each kind but general ones.
    const step = (key: string) => data.steps.find((s: any) => s.key === key);
    expect(step('priceGrids')).toMatchObject({ required: true, done: true });
    expect(step('paymentMethods')).toMatchObject({ required: true, done: true });
    expect(step('deliveryMethods')).toMatchObject({ required: true, done: true });
    expect(step('vatRates')).toMatchObject({ required: false, done: true, count: 4 });
  });

  test('calendar.ics: CRLF lines, escaped text, openings of Carmen on WEB', async () => {
    const res = await get(`/ticketing/calendar.ics?channel=${id('salesChannels', 'WEB')}`)
      .buffer(true)
      .parse((r, cb) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString('utf8')));
        r.on('end', () => cb(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/calendar/);
    const text: string = res.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const unfolded = text.replace(/\r\n /g, '');
    // Each entry names the event and the performance (its date), then the channel and the categories.
    expect(unfolded).toMatch(/SUMMARY:Ouverture des ventes : Carmen\\, séance du mardi 12 octobre 2027 20:00 — Internet \(Abonné/);
    // Times in the institution's zone (TZID, with its VTIMEZONE) and the UTC instant.
    expect(unfolded).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris');
    expect(unfolded).toContain('DTSTART;TZID=Europe/Paris:20270601T100000');
    expect(unfolded).toContain('X-BILLETTERIE-UTC:20270601T080000Z');
    expect(unfolded).toMatch(/DESCRIPTION:Carmen \(CARMEN\)\\, séance du mardi 12 octobre 2027 20:00 \(CARMEN-20271012\)/);
    expect(unfolded).toContain('2027-06-01T08:00:00Z (UTC)');
    // One entry per performance: Carmen's performances opening together are separate entries.
    const carmenOpenings = unfolded.split('\r\n').filter((l) => l.startsWith('SUMMARY:Ouverture des ventes : Carmen\\,'));
    expect(new Set(carmenOpenings).size).toBeGreaterThan(1);
    expect(unfolded).not.toMatch(/TELEPHONE|Téléphone/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });
});

describe('RBAC', () => {
  test('an editor without timeline.read gets 403 on every route; unauthenticated 401', async () => {
    const editor = await adminToken(app.strapi, 'strapi-editor');
    for (const path of ['/ticketing/timeline', '/ticketing/explain', '/ticketing/impact', '/ticketing/problems', '/ticketing/setup', '/ticketing/calendar.ics']) {
      expect((await get(path, editor)).status).toBe(403);
    }
    expect((await http().get('/ticketing/timeline')).status).toBe(401);
  });
});
