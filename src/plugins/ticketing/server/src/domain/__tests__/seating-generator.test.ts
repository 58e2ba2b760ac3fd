/** The block generator of shared/seating-generator.ts (used by the admin editor and the demo seed). */
import fc from 'fast-check';
import { generateBlock, letterLabel, nextBlockId, rowNumbers, seatPosition, type BlockSpec } from '../../../../shared/seating-generator';

const base: BlockSpec = { id: 'b1', name: 'Parterre', x: 0, y: 0, rows: 3, seatsPerRow: 6, rowLabels: 'letters', numbering: 'ltr', shape: 'straight' };
const numbersOf = (spec: Partial<BlockSpec>) => generateBlock({ ...base, ...spec }).rows[0].seats.map((s) => s.number);

describe('seating generator', () => {
  it('labels rows A, B… Z, AA… or 1, 2…', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(letterLabel)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
    expect(generateBlock({ ...base, rowLabels: 'numbers', firstRow: 2 }).rows.map((r) => r.label)).toEqual(['3', '4', '5']);
    expect(generateBlock(base).rows.map((r) => r.label)).toEqual(['A', 'B', 'C']);
  });

  it('numbers left to right, right to left, and French odd/even from the centre aisle', () => {
    expect(numbersOf({ numbering: 'ltr' })).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(numbersOf({ numbering: 'rtl' })).toEqual(['6', '5', '4', '3', '2', '1']);
    expect(numbersOf({ numbering: 'oddEven' })).toEqual(['5', '3', '1', '2', '4', '6']);
    expect(numbersOf({ numbering: 'oddEven', seatsPerRow: 7 })).toEqual(['7', '5', '3', '1', '2', '4', '6']);
    expect(rowNumbers('oddEven', 5).aisleAfter).toBe(3);
  });

  it('leaves the aisle between 1 and 2, seats in plan order from left to right', () => {
    const seats = generateBlock({ ...base, numbering: 'oddEven' }).rows[0].seats;
    const xs = seats.map((s) => s.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[3] - xs[2]).toBe(100);
    expect(xs[1] - xs[0]).toBe(50);
    expect(xs[0] + xs[5]).toBe(0);
  });

  it('bends arc rows around a centre in front of the block', () => {
    const block = generateBlock({ ...base, shape: 'arc', seatsPerRow: 9, arcRadius: 500 });
    for (const [r, row] of block.rows.entries()) {
      for (const seat of row.seats) expect(Math.hypot(seat.x, seat.y + 500)).toBeCloseTo(500 + r * 90, 0);
    }
    expect(block.rows[0].seats[4].y).toBe(0);
    expect(block.rows[0].seats[0].y).toBeLessThan(0);
  });

  it('makes unique, well-formed ids and the asked number of seats (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom('ltr' as const, 'rtl' as const, 'oddEven' as const),
        fc.constantFrom('straight' as const, 'arc' as const),
        (rows, seatsPerRow, numbering, shape) => {
          const block = generateBlock({ ...base, rows, seatsPerRow, numbering, shape });
          const ids = [block.id, ...block.rows.flatMap((r) => [r.id, ...r.seats.map((s) => s.id)])];
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
          expect(block.rows.reduce((n, r) => n + r.seats.length, 0)).toBe(rows * seatsPerRow);
          for (const row of block.rows) {
            const numbers = row.seats.map((s) => Number(s.number)).sort((a, b) => a - b);
            expect(numbers).toEqual(Array.from({ length: seatsPerRow }, (_, i) => i + 1));
          }
        },
      ),
    );
  });

  it('gives a new block prefix and places rotated seats', () => {
    expect(nextBlockId({ blocks: [generateBlock(base), generateBlock({ ...base, id: 'b3' })], areas: [] })).toBe('b2');
    expect(nextBlockId({ blocks: [], areas: [{ id: 'a1', name: 'Fosse', capacity: 10, shape: { kind: 'rectangle', x: 0, y: 0, width: 1, height: 1 } }] }, 'a')).toBe('a2');
    const [x, y] = seatPosition({ x: 100, y: 100, rotation: 90 }, { x: 10, y: 0 });
    expect(x).toBeCloseTo(100);
    expect(y).toBeCloseTo(110);
  });

  it('refuses a block beyond the limits', () => {
    expect(() => generateBlock({ ...base, rows: 201 })).toThrow(RangeError);
  });
});
