/**
 * pretix's published seating-plan JSON (pretix/pretix, src/pretix/static/seating/seating-plan.schema.json):
 * import into our SeatingPlan, export from it. The schema below is our own, written from the
 * published format's fields (name, categories, zones › rows › seats, zones › areas, size); it is
 * a little more tolerant than pretix's (unknown extra fields are ignored, not refused) because
 * files exported by later pretix versions carry more. Pure, apart from ajv.
 *
 * Mapping: a zone is a block (its position the block's origin, rotation 0), a row a row (label =
 * row_number), a seat a seat (id = seat_guid, kept: it is the stable id later chapters hold; number
 * = seat_number; position = row position + seat position, relative to the zone); a pretix area
 * (a rectangle, no capacity) an unnumbered area of capacity 0 for the editor to set. A seat's
 * pretix category is matched to one of our seat categories by code, then by name (case-insensitive):
 * the import returns that mapping as a suggested layout.
 */
import Ajv, { type ErrorObject } from 'ajv';
import type { SeatingArea, SeatBlock, SeatingPlan } from '../../../../shared/seating-plan';
import { seatPosition } from '../../../../shared/seating-generator';
import { MAX_PROBLEMS, type PlacesProblem, planProblems } from './plan';

const position = { type: 'object', required: ['x', 'y'], properties: { x: { type: 'number' }, y: { type: 'number' } } } as const;

export const PRETIX_SEATING_SCHEMA = {
  type: 'object',
  required: ['name', 'zones', 'categories'],
  properties: {
    name: { type: 'string' },
    size: { type: 'object', required: ['width', 'height'], properties: { width: { type: 'number', minimum: 0 }, height: { type: 'number', minimum: 0 } } },
    categories: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, color: { type: 'string' } } } },
    zones: {
      type: 'array',
      items: {
        type: 'object',
        required: ['position', 'rows'],
        properties: {
          name: { type: 'string' },
          displayed: { type: 'boolean' },
          position,
          rows: {
            type: 'array',
            items: {
              type: 'object',
              required: ['seats', 'row_number'],
              properties: {
                row_number: { type: 'string' },
                position,
                seats: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['seat_guid', 'seat_number', 'position', 'category'],
                    properties: { seat_guid: { type: 'string', minLength: 1 }, seat_number: { type: 'string' }, position, category: { type: 'string' } },
                  },
                },
              },
            },
          },
          areas: {
            type: 'array',
            items: {
              type: 'object',
              required: ['width', 'height', 'position'],
              properties: {
                width: { type: 'number', minimum: 0 },
                height: { type: 'number', minimum: 0 },
                position,
                rotation: { type: 'number' },
                text: { type: 'string' },
                color: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
} as const;

export interface PretixSeat {
  seat_guid: string;
  seat_number: string;
  position: { x: number; y: number };
  category: string;
}
export interface PretixPlan {
  name: string;
  size?: { width: number; height: number };
  categories: { name: string; color?: string }[];
  zones: {
    name?: string;
    position: { x: number; y: number };
    rows: { row_number: string; position?: { x: number; y: number }; seats: PretixSeat[] }[];
    areas?: { width: number; height: number; position: { x: number; y: number }; rotation?: number; text?: string; color?: string }[];
  }[];
}

let validator: ReturnType<Ajv['compile']> | null = null;
const validate = () => (validator ??= new Ajv({ allErrors: true, strict: false }).compile(PRETIX_SEATING_SCHEMA));

/** ajv's path `/zones/0/rows/2` as ours: `zones[0].rows[2]`. */
const pathOf = (error: ErrorObject) => {
  let path = error.instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
  if (error.keyword === 'required') path += `.${(error.params as { missingProperty: string }).missingProperty}`;
  return path.replace(/^\./, '') || '(file)';
};

function schemaProblems(input: unknown): PlacesProblem[] {
  if (validate()(input)) return [];
  const errors = validate().errors ?? [];
  const out = errors.slice(0, MAX_PROBLEMS).map((e) => {
    const path = pathOf(e);
    if (e.keyword === 'required') return { path, code: 'PRETIX_SCHEMA', fr: 'champ obligatoire absent', en: 'required field missing' };
    if (e.keyword === 'type')
      return { path, code: 'PRETIX_SCHEMA', fr: `type attendu : ${String((e.params as { type: string }).type)}`, en: `expected type: ${String((e.params as { type: string }).type)}` };
    return { path, code: 'PRETIX_SCHEMA', fr: `non conforme au format pretix (${e.message ?? e.keyword})`, en: `does not follow the pretix format (${e.message ?? e.keyword})` };
  });
  if (errors.length > MAX_PROBLEMS)
    out.push({ path: '', code: 'MORE_PROBLEMS', fr: `et ${errors.length - MAX_PROBLEMS} autre(s) problème(s)`, en: `and ${errors.length - MAX_PROBLEMS} more problem(s)` });
  return out;
}

export interface PretixImport {
  plan: SeatingPlan;
  /** Our seat category code → the imported seats of the pretix categories matched to it (a suggested layout). */
  seatsByCategory: Record<string, string[]>;
  /** pretix categories that match none of ours (their seats have no category). */
  unmappedCategories: string[];
}

/**
 * Converts a pretix file. `categories`: our seat categories (code and name) to match pretix's
 * against. Returns every problem (paths into the pretix file, or into the converted plan for
 * ids), or the converted plan.
 */
export function importPretix(input: unknown, categories: { code: string; name: string }[]): { problems: PlacesProblem[] } | PretixImport {
  const problems = schemaProblems(input);
  if (problems.length > 0) return { problems };
  const file = input as PretixPlan;
  const categoryCode = new Map<string, string | null>();
  for (const c of file.categories) {
    const wanted = c.name.trim().toLowerCase();
    const match = categories.find((ours) => ours.code.toLowerCase() === wanted) ?? categories.find((ours) => ours.name.trim().toLowerCase() === wanted);
    categoryCode.set(c.name, match?.code ?? null);
  }
  const blocks: SeatBlock[] = [];
  const areas: SeatingArea[] = [];
  const seatsByCategory: Record<string, string[]> = {};
  const unmapped = new Set<string>();
  const unknownCategories: PlacesProblem[] = [];
  let maxX = 0;
  let maxY = 0;
  file.zones.forEach((zone, z) => {
    const block: SeatBlock = { id: `pz${z + 1}`, name: zone.name ?? `Zone ${z + 1}`, x: zone.position.x, y: zone.position.y, rotation: 0, rows: [] };
    zone.rows.forEach((row, r) => {
      const rx = row.position?.x ?? 0;
      const ry = row.position?.y ?? 0;
      block.rows.push({
        id: `pz${z + 1}-r${r + 1}`,
        label: row.row_number,
        seats: row.seats.map((seat, s) => {
          const x = rx + seat.position.x;
          const y = ry + seat.position.y;
          maxX = Math.max(maxX, zone.position.x + x);
          maxY = Math.max(maxY, zone.position.y + y);
          if (!categoryCode.has(seat.category)) {
            if (unknownCategories.length < 10)
              unknownCategories.push({
                path: `zones[${z}].rows[${r}].seats[${s}].category`,
                code: 'PRETIX_UNKNOWN_CATEGORY',
                fr: `catégorie « ${seat.category} » absente de la liste « categories » du fichier`,
                en: `category "${seat.category}" is not in the file's "categories" list`,
              });
          } else {
            const code = categoryCode.get(seat.category);
            if (code) (seatsByCategory[code] ??= []).push(seat.seat_guid);
            else unmapped.add(seat.category);
          }
          return { id: seat.seat_guid, number: seat.seat_number, x, y };
        }),
      });
    });
    if (block.rows.length > 0) blocks.push(block);
    (zone.areas ?? []).forEach((area, a) => {
      const x = zone.position.x + area.position.x;
      const y = zone.position.y + area.position.y;
      maxX = Math.max(maxX, x + area.width);
      maxY = Math.max(maxY, y + area.height);
      areas.push({
        id: `pz${z + 1}-a${a + 1}`,
        name: area.text || `${zone.name ?? `Zone ${z + 1}`} — ${a + 1}`,
        capacity: 0,
        shape: { kind: 'rectangle', x, y, width: area.width, height: area.height },
      });
    });
  });
  const plan: SeatingPlan = { version: 1, width: file.size?.width || Math.max(1, Math.ceil(maxX + 50)), height: file.size?.height || Math.max(1, Math.ceil(maxY + 50)), blocks, areas };
  // Our rules on the result: seat_guid must be one of our ids (kept as is: later chapters hold tickets by it).
  const ours = planProblems(plan, 'plan').map((p) => ({ ...p, path: pretixPathOf(p.path) }));
  if (unknownCategories.length + ours.length > 0) return { problems: [...unknownCategories, ...ours] };
  return { plan, seatsByCategory, unmappedCategories: [...unmapped].sort() };
}

/** `plan.blocks[0].rows[1].seats[2].id` → `zones[0].rows[1].seats[2].seat_guid` (the import makes one block per zone with rows, in order). */
function pretixPathOf(path: string): string {
  return path
    .replace(/^plan\.blocks\[(\d+)\]/, 'zones[$1]')
    .replace(/\.seats\[(\d+)\]\.id$/, '.seats[$1].seat_guid')
    .replace(/\.seats\[(\d+)\]\.number$/, '.seats[$1].seat_number')
    .replace(/^plan\./, '');
}

/**
 * Our plan as a pretix file. Block rotations are applied (pretix has none): one zone per block at
 * the block's origin, seats at their rotated positions relative to it. Our areas become pretix
 * areas of a last zone « Zones non numérotées » (their bounding rectangles). `categoryOf` gives a
 * seat's category name (pretix requires one); default « default ».
 */
export function exportPretix(plan: SeatingPlan, name: string, categoryOf: (seatId: string) => string | null = () => null): PretixPlan {
  const used = new Set<string>();
  const category = (id: string) => {
    const c = categoryOf(id) ?? 'default';
    used.add(c);
    return c;
  };
  const round = Math.round;
  const zones: PretixPlan['zones'] = plan.blocks.map((block) => ({
    name: block.name,
    position: { x: round(block.x), y: round(block.y) },
    rows: block.rows.map((row) => ({
      row_number: row.label,
      position: { x: 0, y: 0 },
      seats: row.seats.map((seat) => {
        const [x, y] = seatPosition(block, seat);
        return { seat_guid: seat.id, seat_number: seat.number, position: { x: round(x - block.x), y: round(y - block.y) }, category: category(seat.id) };
      }),
    })),
  }));
  if (plan.areas.length > 0) {
    zones.push({
      name: 'Zones non numérotées',
      position: { x: 0, y: 0 },
      rows: [],
      areas: plan.areas.map((area) => {
        const box =
          area.shape.kind === 'rectangle'
            ? area.shape
            : (() => {
                const xs = area.shape.points.map((p) => p[0]);
                const ys = area.shape.points.map((p) => p[1]);
                return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
              })();
        return { position: { x: round(box.x), y: round(box.y) }, width: round(box.width), height: round(box.height), text: area.name };
      }),
    });
  }
  return { name, size: { width: round(plan.width), height: round(plan.height) }, categories: [...used].sort().map((c) => ({ name: c })), zones };
}
