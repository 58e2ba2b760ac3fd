/** pretix seating-plan files: import (schema, ids, categories) and export (round trip). */
import { generateBlock } from '../../../../../shared/seating-generator';
import type { SeatingPlan } from '../../../../../shared/seating-plan';
import { exportPretix, importPretix, planProblems } from '..';

const OURS = [
  { code: 'CAT1', name: 'Catégorie 1' },
  { code: 'CAT2', name: 'Balcon' },
];

const pretixFile = () => ({
  name: 'Salle des fêtes',
  size: { width: 800, height: 600 },
  categories: [{ name: 'cat1', color: '#f00' }, { name: 'balcon' }, { name: 'Loges' }],
  zones: [
    {
      name: 'Parterre',
      position: { x: 100, y: 100 },
      rows: [
        {
          row_number: 'A',
          position: { x: 0, y: 0 },
          seats: [
            { seat_guid: 'a1', seat_number: '1', position: { x: 0, y: 0 }, category: 'cat1' },
            { seat_guid: 'a2', seat_number: '2', position: { x: 30, y: 0 }, category: 'cat1' },
          ],
        },
        { row_number: 'B', position: { x: 0, y: 40 }, seats: [{ seat_guid: 'b1', seat_number: '1', position: { x: 0, y: 0 }, category: 'balcon' }] },
      ],
      areas: [{ width: 200, height: 50, position: { x: 0, y: 300 }, text: 'Fosse' }],
    },
    { name: 'Loges', position: { x: 600, y: 100 }, rows: [{ row_number: '1', seats: [{ seat_guid: 'l1', seat_number: '1', position: { x: 0, y: 0 }, category: 'Loges' }] }] },
  ],
});

describe('pretix import', () => {
  it('converts zones, rows, seats (ids kept) and areas, and matches categories by code then name', () => {
    const result = importPretix(pretixFile(), OURS);
    if ('problems' in result) throw new Error(JSON.stringify(result.problems));
    expect(planProblems(result.plan)).toEqual([]);
    expect(result.plan.blocks.map((b) => [b.id, b.name, b.x, b.y])).toEqual([
      ['pz1', 'Parterre', 100, 100],
      ['pz2', 'Loges', 600, 100],
    ]);
    expect(result.plan.blocks[0].rows[1]).toEqual({ id: 'pz1-r2', label: 'B', seats: [{ id: 'b1', number: '1', x: 0, y: 40 }] });
    expect(result.plan.areas).toEqual([{ id: 'pz1-a1', name: 'Fosse', capacity: 0, shape: { kind: 'rectangle', x: 100, y: 400, width: 200, height: 50 } }]);
    expect(result.seatsByCategory).toEqual({ CAT1: ['a1', 'a2'], CAT2: ['b1'] });
    expect(result.unmappedCategories).toEqual(['Loges']);
    expect([result.plan.width, result.plan.height]).toEqual([800, 600]);
  });
  it('lists every problem of a bad file with its path', () => {
    const file: any = pretixFile();
    delete file.name;
    file.zones[0].rows[0].seats[1].position.x = 'left';
    delete file.zones[0].rows[1].seats[0].seat_guid;
    file.zones[1].rows = 'none';
    const result = importPretix(file, OURS);
    expect('problems' in result && result.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['name', 'zones[0].rows[0].seats[1].position.x', 'zones[0].rows[1].seats[0].seat_guid', 'zones[1].rows']),
    );
    expect(importPretix('nonsense', OURS)).toEqual({ problems: [expect.objectContaining({ path: '(file)' })] });
  });
  it('refuses duplicate or malformed seat ids and seats of an undeclared category, naming the pretix path', () => {
    const file: any = pretixFile();
    file.zones[0].rows[0].seats[1].seat_guid = 'a1';
    file.zones[0].rows[1].seats[0].seat_guid = 'not ok!';
    file.zones[1].rows[0].seats[0].category = 'VIP';
    const result = importPretix(file, OURS);
    expect('problems' in result && result.problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      'zones[1].rows[0].seats[0].category PRETIX_UNKNOWN_CATEGORY',
      'zones[0].rows[0].seats[1].seat_guid DUPLICATE_ID',
      'zones[0].rows[1].seats[0].seat_guid INVALID_ID',
    ]);
  });
});

describe('pretix export', () => {
  it('exports absolute positions (rotation applied) and imports back to the same seats', () => {
    const block = generateBlock({ id: 'b1', name: 'Balcon', x: 1000, y: 500, rotation: 90, rows: 2, seatsPerRow: 3, rowLabels: 'letters', numbering: 'ltr', shape: 'straight' });
    const plan: SeatingPlan = {
      version: 1,
      width: 2000,
      height: 2000,
      blocks: [block],
      areas: [
        {
          id: 'a1',
          name: 'Fosse',
          capacity: 100,
          shape: {
            kind: 'polygon',
            points: [
              [0, 0],
              [100, 0],
              [50, 80],
            ],
          },
        },
      ],
    };
    const file = exportPretix(plan, 'Salle', (id) => (id.endsWith('s0') ? 'cat1' : null));
    expect(file.categories).toEqual([{ name: 'cat1' }, { name: 'default' }]);
    // rotation 90° clockwise: a seat at (x, 0) relative goes to (0, x)
    const seat = file.zones[0].rows[0].seats[0];
    expect(seat.position).toEqual({ x: Math.round(-block.rows[0].seats[0].y) + 0, y: Math.round(block.rows[0].seats[0].x) });
    expect(file.zones[1].areas).toEqual([{ position: { x: 0, y: 0 }, width: 100, height: 80, text: 'Fosse' }]);
    const back = importPretix(file, [{ code: 'CAT1', name: 'x' }]);
    if ('problems' in back) throw new Error(JSON.stringify(back.problems));
    expect(back.plan.blocks[0].rows.flatMap((r) => r.seats.map((s) => [s.id, s.number]))).toEqual(block.rows.flatMap((r) => r.seats.map((s) => [s.id, s.number])));
    expect(back.seatsByCategory).toEqual({ CAT1: ['b1-r0-s0', 'b1-r1-s0'] });
  });
});
