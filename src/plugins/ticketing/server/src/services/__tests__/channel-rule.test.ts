import { channelsInOrganization, pointOfSaleFilter, type PerimeterEntry } from '../perimeter';

/** The channel rule of perimeters and the points-of-sale filter built from it, without Strapi. */
const row = (organization: string | null, channels: string[], status: PerimeterEntry['status'] = 'current'): PerimeterEntry => ({
  documentId: `${organization}-${channels.join('+')}-${status}`,
  institutionWide: organization === null,
  organization: organization ? { documentId: organization, code: organization, name: organization } : null,
  salesChannels: channels.map((c) => ({ documentId: c, code: c, name: c })),
  validFrom: null,
  validUntil: null,
  note: null,
  current: status === 'current',
  status,
});

describe('channelsInOrganization', () => {
  test('rows of the organisation add up; a row without channels means every channel', () => {
    expect(channelsInOrganization([row('B', ['WEB']), row('B', ['GUICHET'])], 'B')).toEqual(['WEB', 'GUICHET']);
    expect(channelsInOrganization([row('B', ['WEB']), row('B', [])], 'B')).toBeNull();
  });

  test('other organisations and rows not valid today do not count; institution-wide rows do', () => {
    expect(channelsInOrganization([row('A', []), row('B', ['WEB'])], 'B')).toEqual(['WEB']);
    expect(channelsInOrganization([row('B', [], 'expired'), row('B', ['WEB'])], 'B')).toEqual(['WEB']);
    expect(channelsInOrganization([row('A', [])], 'B')).toEqual([]);
    expect(channelsInOrganization([row(null, ['TEL']), row('B', ['WEB'])], 'B')).toEqual(['TEL', 'WEB']);
    expect(channelsInOrganization([row(null, [])], 'B')).toBeNull();
  });
});

describe('pointOfSaleFilter', () => {
  test('no channel limit: the organisation filter alone', () => {
    expect(pointOfSaleFilter([row('A', []), row('B', [])])).toEqual({ 'organization.documentId': { $in: ['A', 'B'] } });
  });

  test('a channel limit in one organisation: organisation and channel for it, organisation alone for the other', () => {
    expect(pointOfSaleFilter([row('A', []), row('B', ['WEB'])])).toEqual({
      $or: [{ 'organization.documentId': { $in: ['A'] } }, { 'organization.documentId': { $in: ['B'] }, 'salesChannel.documentId': { $in: ['WEB'] } }],
    });
  });

  test('institution-wide rows: every organisation on their channels, plus what organisation rows add', () => {
    expect(pointOfSaleFilter([row(null, [])])).toBe(true);
    expect(pointOfSaleFilter([row(null, ['TEL'])])).toEqual({ 'salesChannel.documentId': { $in: ['TEL'] } });
    expect(pointOfSaleFilter([row(null, ['TEL']), row('B', ['WEB'])])).toEqual({
      $or: [{ 'salesChannel.documentId': { $in: ['TEL'] } }, { 'organization.documentId': { $in: ['B'] }, 'salesChannel.documentId': { $in: ['TEL', 'WEB'] } }],
    });
  });

  test('nothing valid today: nothing', () => {
    expect(pointOfSaleFilter([])).toBe(false);
    expect(pointOfSaleFilter([row('B', ['WEB'], 'future')])).toBe(false);
  });
});
