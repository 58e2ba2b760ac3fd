import { fold, icalendar, vtimezone } from '../ics';

const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('iCalendar text', () => {
  test('times in the institution zone with TZID and its VTIMEZONE, and the UTC instant', () => {
    const text = icalendar('Billetterie — Saison', 'Europe/Paris', [
      { uid: 'a@ticketing', at: '2027-06-01T08:00:00.000Z', summary: 'Ouverture des ventes : Carmen, séance du mardi 12 octobre 2027 20:00 — Internet', description: ['ligne 1', 'ligne 2'] },
      { uid: 'b@ticketing', at: '2027-12-01T09:00:00.000Z', summary: 'Fermeture', description: [] },
    ]);
    const lines = unfold(text).split('\r\n');
    // Summer (UTC+2) and winter (UTC+1) wall clocks.
    expect(lines).toContain('DTSTART;TZID=Europe/Paris:20270601T100000');
    expect(lines).toContain('X-BILLETTERIE-UTC:20270601T080000Z');
    expect(lines).toContain('DTSTART;TZID=Europe/Paris:20271201T100000');
    expect(lines).toContain('X-BILLETTERIE-UTC:20271201T090000Z');
    expect(lines).toContain('TZID:Europe/Paris');
    expect(lines.filter((l) => l === 'BEGIN:VTIMEZONE')).toHaveLength(1);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  test('VTIMEZONE: the exact changes of the zone (last Sunday of March and October, Paris)', () => {
    const lines = vtimezone('Europe/Paris', Date.parse('2027-06-01T00:00:00Z'), Date.parse('2027-06-02T00:00:00Z'));
    const text = lines.join('\n');
    // Spring 2027: 28 March 02:00 local (+0100 → +0200); autumn: 31 October 03:00 local (+0200 → +0100).
    expect(text).toMatch(/BEGIN:DAYLIGHT\nDTSTART:20270328T020000\nTZOFFSETFROM:\+0100\nTZOFFSETTO:\+0200/);
    expect(text).toMatch(/BEGIN:STANDARD\nDTSTART:20271031T030000\nTZOFFSETFROM:\+0200\nTZOFFSETTO:\+0100/);
  });

  test('a zone without changes has one observance', () => {
    const lines = vtimezone('UTC', 0, 86_400_000);
    expect(lines.filter((l) => l.startsWith('BEGIN:STANDARD') || l.startsWith('BEGIN:DAYLIGHT'))).toHaveLength(1);
  });

  test('folding never splits a UTF-8 character', () => {
    const folded = fold(`SUMMARY:${'é'.repeat(80)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(80)}`);
  });
});
