/**
 * The compact wire format of GET /ticketing/timeline, shared by the server (encode) and the admin
 * page and tests (decode). Pure: no Strapi, no React.
 *
 * Why compact: with 2,000 performances × 4 channels × 4 audience categories the readable form
 * (objects with ISO strings and per-subcategory statuses) weighed ~13 MB; this one is a few
 * hundred kB (and gzip'd). Per-subcategory statuses and reasons come with the explanation.
 *
 * A performance's lanes `l` are in the order channels × audienceCategories of the answer
 * (channel-major). A lane is `0` when it is NOT_ON_SALE, not granted and has no window (the common
 * case), else `[status, granted, bars, baseline?]` where `status` indexes STATUSES, `granted`
 * is 0/1, `bars` = [open₁, close₁, status₁, open₂, close₂, status₂, …]: each interval of the
 * window (half-open, epoch ms) with the status it shows at the answer's instant, as the server's
 * engine decides it (the page draws what it is sent and computes no status), and `baseline` =
 * `[status, bars]`: with includeDrafts, what the validated configuration alone gives when it differs.
 */
import { SALE_STATUSES, type SaleStatus } from './enums';

export type { SaleStatus };
/** The statuses in the wire format's order (shared/enums.ts SALE_STATUSES). */
export const STATUSES: readonly SaleStatus[] = SALE_STATUSES;

export type WireLane = 0 | [number, 0 | 1, number[]] | [number, 0 | 1, number[], [number, number[]]];
export interface WirePerformance {
  id: string;
  code: string;
  eventId: string;
  state: string;
  startsAt: string | null;
  overAt: string | null;
  l: WireLane[];
}

/** One interval of a lane's window, with the status it shows at the answer's instant. */
export interface Interval {
  opensAt: number;
  closesAt: number;
  status: SaleStatus;
}
export interface Lane {
  channelId: string;
  audienceCategoryId: string;
  status: SaleStatus;
  granted: boolean;
  intervals: Interval[];
  baseline?: { status: SaleStatus; intervals: Interval[] };
}

const NOT_ON_SALE = STATUSES.indexOf('NOT_ON_SALE');

/**
 * Better status first. A lane (channel × audience category) shows the best of its subcategories,
 * and a grouped lane (a channel across categories, or a category across channels) the best of its
 * lanes: what is sold now beats what opens later, which beats what is held back for a while
 * (TEMPORARILY_UNAVAILABLE may come back), then what is over, then what is never sold.
 */
export const STATUS_RANK: Record<SaleStatus, number> = {
  ON_SALE: 0,
  SOON_ON_SALE: 1,
  TEMPORARILY_UNAVAILABLE: 2,
  SALES_ENDED: 3,
  NOT_ON_SALE: 4,
  // Capacity (issue #17): the window is open but nothing is left (a release or a cancellation may bring places back).
  SOLD_OUT: 2.5,
};

export function bestStatus(statuses: Iterable<SaleStatus>): SaleStatus {
  let best: SaleStatus = 'NOT_ON_SALE';
  for (const s of statuses) if (STATUS_RANK[s] < STATUS_RANK[best]) best = s;
  return best;
}

/** A coloured stretch of a lane: [opensAt, closesAt) in epoch ms. */
export interface Bar {
  opensAt: number;
  closesAt: number;
  status: SaleStatus;
}

/**
 * The bars of several lanes drawn as one: over every stretch covered by at least one bar, the best
 * status of the bars covering it; adjacent stretches of one status merge. Gaps stay gaps.
 */
export function combineBars(lanes: Bar[][]): Bar[] {
  const all: Bar[] = [];
  for (const bars of lanes) for (const b of bars) if (b.closesAt > b.opensAt) all.push(b);
  if (all.length <= 1) return all.slice();
  const bounds = [...new Set(all.flatMap((b) => [b.opensAt, b.closesAt]))].sort((a, b) => a - b);
  const out: Bar[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k];
    const to = bounds[k + 1];
    let status: SaleStatus | null = null;
    for (const b of all) if (b.opensAt <= from && b.closesAt >= to && (status === null || STATUS_RANK[b.status] < STATUS_RANK[status])) status = b.status;
    if (status === null) continue;
    const last = out[out.length - 1];
    if (last && last.closesAt === from && last.status === status) last.closesAt = to;
    else out.push({ opensAt: from, closesAt: to, status });
  }
  return out;
}

export function encodeLane(status: SaleStatus, granted: boolean, bars: number[], baseline?: { status: SaleStatus; bars: number[] }): WireLane {
  const s = STATUSES.indexOf(status);
  if (!baseline && s === NOT_ON_SALE && !granted && bars.length === 0) return 0;
  return baseline ? [s, granted ? 1 : 0, bars, [STATUSES.indexOf(baseline.status), baseline.bars]] : [s, granted ? 1 : 0, bars];
}

/** The intervals of `bars` (open, close, status index) as objects. */
export function intervalsOf(bars: number[]): Interval[] {
  const out: Interval[] = [];
  for (let k = 0; k + 2 < bars.length; k += 3) out.push({ opensAt: bars[k], closesAt: bars[k + 1], status: STATUSES[bars[k + 2]] });
  return out;
}

export function decodeLanes(l: WireLane[], channelIds: string[], categoryIds: string[]): Lane[] {
  const lanes: Lane[] = new Array(l.length);
  let k = 0;
  for (const channelId of channelIds) {
    for (const audienceCategoryId of categoryIds) {
      const w = l[k];
      if (w === 0 || w === undefined) {
        lanes[k] = { channelId, audienceCategoryId, status: 'NOT_ON_SALE', granted: false, intervals: [] };
      } else {
        const lane: Lane = { channelId, audienceCategoryId, status: STATUSES[w[0]], granted: w[1] === 1, intervals: intervalsOf(w[2]) };
        if (w[3]) lane.baseline = { status: STATUSES[w[3][0]], intervals: intervalsOf(w[3][1]) };
        lanes[k] = lane;
      }
      k++;
    }
  }
  return lanes;
}
