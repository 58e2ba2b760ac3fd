/**
 * Validation of a seating plan (shared/seating-plan.ts) and what the rules need from it. Pure.
 * Written as plain loops, not a schema library: a 20,000-seat plan is checked in a few
 * milliseconds on every save.
 */
import { SEATING_PLAN_LIMITS, type SeatingPlan } from '../../../../shared/seating-plan';

export interface PlacesProblem {
  /** Path of the offending value, from the attribute (`plan.blocks[0].rows[2].seats[5].id`). */
  path: string;
  code: string;
  fr: string;
  en: string;
}

/** At most this many problems are listed (a broken import could have 20,000 of them). */
export const MAX_PROBLEMS = 50;

const ID = /^[A-Za-z0-9_-]+$/;

type Plain = Record<string, unknown>;
const isObject = (v: unknown): v is Plain => !!v && typeof v === 'object' && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

class Problems {
  list: PlacesProblem[] = [];
  more = 0;
  add(path: string, code: string, fr: string, en: string) {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ path, code, fr, en });
    else this.more++;
  }
  done(): PlacesProblem[] {
    if (this.more > 0) this.list.push({ path: '', code: 'MORE_PROBLEMS', fr: `et ${this.more} autre(s) problème(s)`, en: `and ${this.more} more problem(s)` });
    return this.list;
  }
}

/**
 * Everything wrong with a plan: shape, ids (well-formed, unique within the plan), limits. An
 * empty list means the plan may be stored. `root` prefixes the paths (`plan`).
 */
export function planProblems(plan: unknown, root = 'plan'): PlacesProblem[] {
  const p = new Problems();
  if (!isObject(plan)) {
    p.add(root, 'INVALID_PLAN', 'le plan doit être un objet JSON', 'the plan must be a JSON object');
    return p.done();
  }
  if (plan.version !== 1) p.add(`${root}.version`, 'INVALID_PLAN', 'version de format inconnue (1 attendu)', 'unknown format version (1 expected)');
  for (const field of ['width', 'height'] as const) {
    if (!isNumber(plan[field]) || (plan[field] as number) <= 0) p.add(`${root}.${field}`, 'INVALID_PLAN', 'un nombre positif est attendu', 'a positive number is expected');
  }
  if (plan.stage !== undefined && plan.stage !== null) rectangleProblems(plan.stage, `${root}.stage`, p);
  const seen = new Map<string, string>();
  const checkId = (id: unknown, path: string) => {
    if (typeof id !== 'string' || !ID.test(id) || id.length > SEATING_PLAN_LIMITS.maxIdLength) {
      p.add(
        `${path}.id`,
        'INVALID_ID',
        `identifiant invalide (1 à ${SEATING_PLAN_LIMITS.maxIdLength} caractères A-Z a-z 0-9 _ -)`,
        `invalid id (1 to ${SEATING_PLAN_LIMITS.maxIdLength} characters A-Z a-z 0-9 _ -)`,
      );
      return;
    }
    const first = seen.get(id);
    if (first !== undefined) p.add(`${path}.id`, 'DUPLICATE_ID', `identifiant « ${id} » déjà employé (${first})`, `id "${id}" already used (${first})`);
    else seen.set(id, path);
  };
  let seats = 0;
  if (!Array.isArray(plan.blocks)) p.add(`${root}.blocks`, 'INVALID_PLAN', 'une liste de blocs est attendue', 'a list of blocks is expected');
  else {
    plan.blocks.forEach((block, b) => {
      const bp = `${root}.blocks[${b}]`;
      if (!isObject(block)) return p.add(bp, 'INVALID_PLAN', 'un bloc doit être un objet', 'a block must be an object');
      checkId(block.id, bp);
      if (typeof block.name !== 'string') p.add(`${bp}.name`, 'INVALID_PLAN', 'nom attendu (texte)', 'name expected (text)');
      for (const f of ['x', 'y', 'rotation']) if (!isNumber(block[f])) p.add(`${bp}.${f}`, 'INVALID_PLAN', 'un nombre est attendu', 'a number is expected');
      if (!Array.isArray(block.rows)) return p.add(`${bp}.rows`, 'INVALID_PLAN', 'une liste de rangs est attendue', 'a list of rows is expected');
      block.rows.forEach((row, r) => {
        const rp = `${bp}.rows[${r}]`;
        if (!isObject(row)) return p.add(rp, 'INVALID_PLAN', 'un rang doit être un objet', 'a row must be an object');
        checkId(row.id, rp);
        if (typeof row.label !== 'string' || row.label.length > 20)
          p.add(`${rp}.label`, 'INVALID_PLAN', 'libellé de rang attendu (texte, 20 caractères au plus)', 'row label expected (text, at most 20 characters)');
        if (!Array.isArray(row.seats)) return p.add(`${rp}.seats`, 'INVALID_PLAN', 'une liste de places est attendue', 'a list of seats is expected');
        seats += row.seats.length;
        row.seats.forEach((seat, s) => {
          const sp = `${rp}.seats[${s}]`;
          if (!isObject(seat)) return p.add(sp, 'INVALID_PLAN', 'une place doit être un objet', 'a seat must be an object');
          checkId(seat.id, sp);
          if (typeof seat.number !== 'string' || seat.number === '' || seat.number.length > 20)
            p.add(`${sp}.number`, 'INVALID_PLAN', 'numéro de place attendu (texte, 20 caractères au plus)', 'seat number expected (text, at most 20 characters)');
          if (!isNumber(seat.x)) p.add(`${sp}.x`, 'INVALID_PLAN', 'un nombre est attendu', 'a number is expected');
          if (!isNumber(seat.y)) p.add(`${sp}.y`, 'INVALID_PLAN', 'un nombre est attendu', 'a number is expected');
          for (const f of ['accessible', 'companion']) if (seat[f] !== undefined && typeof seat[f] !== 'boolean') p.add(`${sp}.${f}`, 'INVALID_PLAN', 'vrai ou faux attendu', 'true or false expected');
        });
      });
    });
  }
  if (seats > SEATING_PLAN_LIMITS.maxSeats)
    p.add(`${root}.blocks`, 'TOO_MANY_SEATS', `${seats} places : ${SEATING_PLAN_LIMITS.maxSeats} au plus`, `${seats} seats: at most ${SEATING_PLAN_LIMITS.maxSeats}`);
  if (!Array.isArray(plan.areas)) p.add(`${root}.areas`, 'INVALID_PLAN', 'une liste de zones est attendue', 'a list of areas is expected');
  else {
    if (plan.areas.length > SEATING_PLAN_LIMITS.maxAreas)
      p.add(`${root}.areas`, 'TOO_MANY_AREAS', `${plan.areas.length} zones : ${SEATING_PLAN_LIMITS.maxAreas} au plus`, `${plan.areas.length} areas: at most ${SEATING_PLAN_LIMITS.maxAreas}`);
    plan.areas.forEach((area, a) => {
      const ap = `${root}.areas[${a}]`;
      if (!isObject(area)) return p.add(ap, 'INVALID_PLAN', 'une zone doit être un objet', 'an area must be an object');
      checkId(area.id, ap);
      if (typeof area.name !== 'string') p.add(`${ap}.name`, 'INVALID_PLAN', 'nom attendu (texte)', 'name expected (text)');
      if (!Number.isInteger(area.capacity) || (area.capacity as number) < 0) p.add(`${ap}.capacity`, 'INVALID_PLAN', 'capacité : un nombre entier positif ou nul', 'capacity: a whole number ≥ 0');
      const shape = area.shape;
      if (!isObject(shape)) p.add(`${ap}.shape`, 'INVALID_PLAN', 'forme attendue (rectangle ou polygone)', 'shape expected (rectangle or polygon)');
      else if (shape.kind === 'rectangle') rectangleProblems(shape, `${ap}.shape`, p);
      else if (shape.kind === 'polygon') {
        const ok = Array.isArray(shape.points) && shape.points.length >= 3 && shape.points.every((pt) => Array.isArray(pt) && pt.length === 2 && isNumber(pt[0]) && isNumber(pt[1]));
        if (!ok) p.add(`${ap}.shape.points`, 'INVALID_PLAN', 'au moins trois points [x, y] attendus', 'at least three [x, y] points expected');
      } else p.add(`${ap}.shape.kind`, 'INVALID_PLAN', '« rectangle » ou « polygon » attendu', '"rectangle" or "polygon" expected');
    });
  }
  return p.done();
}

function rectangleProblems(value: unknown, path: string, p: Problems) {
  if (!isObject(value)) return p.add(path, 'INVALID_PLAN', 'rectangle attendu (x, y, width, height)', 'rectangle expected (x, y, width, height)');
  for (const f of ['x', 'y']) if (!isNumber(value[f])) p.add(`${path}.${f}`, 'INVALID_PLAN', 'un nombre est attendu', 'a number is expected');
  for (const f of ['width', 'height']) if (!isNumber(value[f]) || (value[f] as number) < 0) p.add(`${path}.${f}`, 'INVALID_PLAN', 'un nombre positif est attendu', 'a positive number is expected');
}

/** An empty plan (a new physical configuration). */
export const emptyPlan = (): SeatingPlan => ({ version: 1, width: 2000, height: 1500, blocks: [], areas: [] });

/** The ids of every seat of a (valid) plan. */
export function seatIdsOf(plan: SeatingPlan | null | undefined): Set<string> {
  const out = new Set<string>();
  for (const block of plan?.blocks ?? []) for (const row of block.rows) for (const seat of row.seats) out.add(seat.id);
  return out;
}

export function seatCount(plan: SeatingPlan | null | undefined): number {
  let n = 0;
  for (const block of plan?.blocks ?? []) for (const row of block.rows) n += row.seats.length;
  return n;
}
