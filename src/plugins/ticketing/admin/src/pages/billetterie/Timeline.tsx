import * as React from 'react';
import { Box, Typography } from '@strapi/design-system';
import { useVirtualizer } from '@tanstack/react-virtual';
import { scaleTime } from 'd3-scale';
import { timeDay, timeMonday, timeMonth } from 'd3-time';
import { DateTime } from 'luxon';
import { useTranslate } from '../../utils/translate';
import type { TimelineColors } from './colors';
import { barsOf, bestStatus, combineBars, type Bar, type Lane, type Named, type SaleStatus, type TimelineData, type TimelinePerformance } from './model';

export type Zoom = 'week' | 'month' | 'season';
export interface Filters {
  activity: string;
  event: string;
  channel: string;
  category: string;
  status: string;
  showInactive?: boolean;
}
/** What one lane under a performance stands for: a channel × audience category (the answer's lanes), a channel, or a category. */
export type Grouping = 'channelCategory' | 'channel' | 'category';
export const GROUPINGS: Grouping[] = ['channelCategory', 'channel', 'category'];

/**
 * One drawn lane. With the default grouping, one lane of the answer (`members` has one element);
 * grouped by channel (`audienceCategoryId` null) or by category (`channelId` null), the answer's
 * lanes of that channel or category, shown with the best of their statuses (STATUS_RANK) and, over
 * time, the best of their bars (combineBars). Grouping happens here, from the answer: no new request.
 */
export interface LaneGroup {
  channelId: string | null;
  audienceCategoryId: string | null;
  status: SaleStatus;
  /** A draft changes at least one member (includeDrafts). */
  changed: boolean;
  members: Lane[];
  /** Combined bars (grouped lanes only; a single lane's are drawn from its intervals). */
  bars?: Bar[];
  ghost?: Bar[];
}

const single = (lane: Lane): LaneGroup => ({ channelId: lane.channelId, audienceCategoryId: lane.audienceCategoryId, status: lane.status, changed: Boolean(lane.baseline), members: [lane] });

function grouped(members: Lane[], channelId: string | null, audienceCategoryId: string | null): LaneGroup {
  const changed = members.some((m) => m.baseline);
  return {
    channelId,
    audienceCategoryId,
    status: bestStatus(members.map((m) => m.status)),
    changed,
    members,
    bars: combineBars(members.map((m) => barsOf(m))),
    ghost: changed ? combineBars(members.map((m) => barsOf(m, true))) : undefined,
  };
}

/** The bars of a lane, and with drafts the validated configuration's bars (drawn as a thin ghost line). */
export const groupBars = (g: LaneGroup): Bar[] => g.bars ?? barsOf(g.members[0]);
export const groupGhost = (g: LaneGroup): Bar[] => (!g.changed ? [] : (g.ghost ?? barsOf(g.members[0], true)));

type Row =
  | { kind: 'event'; key: string; event: Named }
  | { kind: 'performance'; key: string; performance: TimelinePerformance; event: Named }
  | { kind: 'lane'; key: string; performance: TimelinePerformance; event: Named; lane: LaneGroup };

const LABEL_WIDTH = 280;
const HEIGHT: Record<Row['kind'], number> = { event: 32, performance: 26, lane: 22 };

/**
 * The rows the filters keep: event header, performance header, then its lanes (channel × audience
 * category, or grouped). The channel and category filters choose the lanes that are grouped; the
 * status filter applies to the lane as shown (a grouped lane's best status).
 */
export function rowsOf(data: TimelineData, filters: Filters, grouping: Grouping = 'channelCategory'): Row[] {
  const rows: Row[] = [];
  // Inactive channels: their lanes come last under each performance, or not at all (filters.showInactive false).
  const inactive = new Set(data.channels.filter((c) => c.active === false).map((c) => c.id));
  const hideInactive = filters.showInactive === false;
  const activeFirst = (a: Lane, b: Lane) => Number(inactive.has(a.channelId)) - Number(inactive.has(b.channelId));
  const byEvent = new Map<string, TimelinePerformance[]>();
  for (const p of data.performances) {
    const list = byEvent.get(p.eventId);
    if (list) list.push(p);
    else byEvent.set(p.eventId, [p]);
  }
  for (const event of data.events) {
    if (filters.event && event.id !== filters.event) continue;
    if (filters.activity && event.activityId !== filters.activity) continue;
    const eventRows: Row[] = [];
    for (const performance of byEvent.get(event.id) ?? []) {
      const lanes = performance.lanes
        .filter((l) => (!filters.channel || l.channelId === filters.channel) && (!filters.category || l.audienceCategoryId === filters.category) && !(hideInactive && inactive.has(l.channelId)))
        .sort(activeFirst);
      let groups: LaneGroup[];
      if (grouping === 'channelCategory') {
        groups = lanes.map(single);
      } else {
        // The answer's lanes are channel-major: both maps keep the answer's order of channels and categories.
        const byAxis = new Map<string, Lane[]>();
        for (const l of lanes) {
          const axis = grouping === 'channel' ? l.channelId : l.audienceCategoryId;
          const list = byAxis.get(axis);
          if (list) list.push(l);
          else byAxis.set(axis, [l]);
        }
        groups = [...byAxis].map(([axis, members]) => (grouping === 'channel' ? grouped(members, axis, null) : grouped(members, null, axis)));
      }
      if (filters.status) groups = groups.filter((g) => g.status === filters.status);
      if (groups.length === 0) continue;
      eventRows.push({ kind: 'performance', key: performance.id, performance, event });
      for (const lane of groups) eventRows.push({ kind: 'lane', key: laneKey(performance.id, lane), performance, event, lane });
    }
    if (eventRows.length > 0) rows.push({ kind: 'event', key: event.id, event }, ...eventRows);
  }
  return rows;
}

/** A lane's row key (selection, focus): performance | channel | category, `*` for « every » of a grouped axis. */
export const laneKey = (performanceId: string, g: { channelId: string | null; audienceCategoryId: string | null }) => `${performanceId}|${g.channelId ?? '*'}|${g.audienceCategoryId ?? '*'}`;

/** The visible time range: the week or month around `at`, or the whole season's windows. */
export function domainOf(data: TimelineData, zoom: Zoom, at: number): [Date, Date] {
  const zone = data.timeZone;
  const around = DateTime.fromMillis(at, { zone });
  if (zoom === 'week') return [around.startOf('week').toJSDate(), around.startOf('week').plus({ weeks: 1 }).toJSDate()];
  if (zoom === 'month') return [around.startOf('month').toJSDate(), around.startOf('month').plus({ months: 1 }).toJSDate()];
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of data.performances) {
    if (p.overAt) hi = Math.max(hi, Date.parse(p.overAt));
    for (const l of p.lanes) for (const i of l.intervals) lo = Math.min(lo, i.opensAt);
  }
  if (data.season?.startsOn) lo = Math.min(lo, DateTime.fromISO(data.season.startsOn, { zone }).toMillis());
  if (data.season?.endsOn) hi = Math.max(hi, DateTime.fromISO(data.season.endsOn, { zone }).endOf('day').toMillis());
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [around.minus({ months: 6 }).toJSDate(), around.plus({ months: 6 }).toJSDate()];
  return [DateTime.fromMillis(lo, { zone }).startOf('month').toJSDate(), DateTime.fromMillis(hi, { zone }).endOf('month').toJSDate()];
}

export interface TimelineProps {
  data: TimelineData;
  filters: Filters;
  grouping?: Grouping;
  zoom: Zoom;
  at: number;
  onSelect: (selection: { key: string; performance: TimelinePerformance; lane: LaneGroup; event: Named }) => void;
  selectedKey?: string | null;
  colors: TimelineColors;
}

/** Bars shorter than this (a one-day window in a season view) are widened around their middle so that they stay visible. */
export const MIN_BAR_WIDTH = 8;

export function Timeline({ data, filters, grouping = 'channelCategory', zoom, at, onSelect, selectedKey, colors }: TimelineProps) {
  const { t, locale } = useTranslate();
  const scrollRef = React.useRef<HTMLDivElement>(null);
  const [width, setWidth] = React.useState(1000);
  React.useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(400, el.clientWidth - LABEL_WIDTH - 16));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const rows = React.useMemo(() => rowsOf(data, filters, grouping), [data, filters, grouping]);
  const domain = React.useMemo(() => domainOf(data, zoom, at), [data, zoom, at]);
  const x = React.useMemo(() => scaleTime().domain(domain).range([0, width]), [domain, width]);
  // Month labels (« sept. 2027 ») need ~64 px: a narrowed timeline (explanation open) labels every 2nd or 3rd month.
  const monthStep = React.useMemo(() => Math.max(1, Math.ceil(64 / (width / Math.max(1, timeMonth.count(domain[0], domain[1]))))), [width, domain]);
  const ticks = React.useMemo(() => x.ticks(zoom === 'week' ? timeDay.every(1)! : zoom === 'month' ? timeMonday.every(1)! : timeMonth.every(monthStep)!), [x, zoom, monthStep]);
  const fmtTick = (d: Date) =>
    DateTime.fromJSDate(d, { zone: data.timeZone })
      .setLocale(locale)
      .toFormat(zoom === 'season' ? 'LLL yyyy' : zoom === 'month' ? 'dd LLL' : 'ccc dd');
  const fmtInstant = (instant: string | number) =>
    (typeof instant === 'number' ? DateTime.fromMillis(instant, { zone: data.timeZone }) : DateTime.fromISO(instant, { zone: data.timeZone })).setLocale(locale).toFormat('dd/LL/yyyy HH:mm');

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => HEIGHT[rows[i].kind],
    overscan: 12,
  });

  // Keyboard: ↑/↓ move between lanes (scrolling the virtual list), Enter opens the explanation
  // (the lane is a button), Escape closes it (BilletteriePage).
  const [focusKey, setFocusKey] = React.useState<string | null>(null);
  const moveFocus = (from: number, step: 1 | -1) => {
    for (let j = from + step; j >= 0 && j < rows.length; j += step) {
      if (rows[j].kind !== 'lane') continue;
      virtualizer.scrollToIndex(j, { align: 'auto' });
      setFocusKey(rows[j].key);
      return;
    }
  };
  // After every render until the lane to focus is drawn (virtualised rows mount late), then cleared.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  React.useEffect(() => {
    if (!focusKey) return;
    const button = scrollRef.current?.querySelector<HTMLButtonElement>(`[data-row-key="${CSS.escape(focusKey)}"] [data-testid="timeline-lane-button"]`);
    if (button) {
      button.focus({ preventScroll: true });
      setFocusKey(null);
    }
  });

  // The selected lane stays in view (the explanation opening beside the timeline narrows it).
  React.useEffect(() => {
    if (!selectedKey) return;
    const index = rows.findIndex((r) => r.key === selectedKey);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedKey, rows, virtualizer]);

  const channels = React.useMemo(() => new Map(data.channels.map((c) => [c.id, c])), [data.channels]);
  const categories = React.useMemo(() => new Map(data.audienceCategories.map((c) => [c.id, c])), [data.audienceCategories]);
  const statusLabel = (s: SaleStatus) => t(`status.${s}`, s);
  /** A performance is named by its event and its start; its code is shown small beside. */
  const perfLabel = (p: TimelinePerformance, event?: Named) => [event?.name, p.startsAt ? fmtInstant(p.startsAt) : p.code].filter(Boolean).join(' · ');
  const inactive = (channelId: string | null) => channelId !== null && channels.get(channelId)?.active === false;
  const laneLabel = (lane: LaneGroup) =>
    [lane.channelId && (channels.get(lane.channelId)?.name ?? lane.channelId), lane.audienceCategoryId && (categories.get(lane.audienceCategoryId)?.name ?? lane.audienceCategoryId)]
      .filter(Boolean)
      .join(' · ');

  const nowX = x(new Date());
  const atX = x(new Date(at));
  const inRange = (v: number) => v >= 0 && v <= width;

  const bar = (row: Extract<Row, { kind: 'lane' }>, interval: Bar, k: number, ghost: boolean) => {
    let left = Math.max(0, x(new Date(interval.opensAt)));
    let right = Math.min(width, x(new Date(interval.closesAt)));
    if (right <= 0 || left >= width || right <= left) return null;
    // A short window stays visible: widened around its middle, within the timeline.
    if (right - left < MIN_BAR_WIDTH) {
      const middle = (left + right) / 2;
      left = Math.min(Math.max(0, middle - MIN_BAR_WIDTH / 2), width - MIN_BAR_WIDTH);
      right = left + MIN_BAR_WIDTH;
    }
    const status = interval.status;
    if (ghost) {
      return <div key={`g${k}`} aria-hidden style={{ position: 'absolute', left, width: right - left, top: 16, height: 3, background: colors.status[status], opacity: 0.6 }} />;
    }
    const label = `${perfLabel(row.performance, row.event)} — ${laneLabel(row.lane)} : ${statusLabel(status)}, ${fmtInstant(interval.opensAt)} → ${fmtInstant(interval.closesAt)}`;
    return (
      <button
        key={k}
        type="button"
        data-testid="timeline-bar"
        data-status={status}
        aria-label={label}
        title={label}
        onClick={(e) => {
          e.stopPropagation();
          onSelect(row);
        }}
        style={{
          position: 'absolute',
          left,
          width: right - left,
          top: 3,
          height: 13,
          padding: 0,
          cursor: 'pointer',
          background: colors.status[status],
          borderRadius: 3,
          border: row.lane.changed ? `2px dashed ${colors.changed}` : `1px solid ${colors.rowBorder}`,
        }}
      />
    );
  };

  return (
    <Box>
      <div style={{ display: 'flex', paddingLeft: LABEL_WIDTH, position: 'relative', height: 24, borderBottom: `1px solid ${colors.border}` }} aria-hidden>
        {ticks.map((d) => (
          <span
            key={d.getTime()}
            style={{ position: 'absolute', left: LABEL_WIDTH + x(d), fontSize: 11, color: colors.muted, whiteSpace: 'nowrap', paddingLeft: 3, borderLeft: `1px solid ${colors.border}`, height: 24 }}
          >
            {fmtTick(d)}
          </span>
        ))}
      </div>
      <div
        ref={scrollRef}
        data-testid="timeline-scroll"
        role="grid"
        aria-label={t('timeline.title', 'Sales timeline')}
        aria-rowcount={rows.length}
        style={{ height: 560, overflow: 'auto', position: 'relative', border: `1px solid ${colors.rowBorder}`, background: colors.background, color: colors.text }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: LABEL_WIDTH + width }}>
          {inRange(nowX) && (
            <div
              data-testid="now-line"
              data-color={colors.now}
              title={t('timeline.now', 'Now')}
              style={{ position: 'absolute', left: LABEL_WIDTH + nowX, top: 0, bottom: 0, width: 0, borderLeft: `2px dashed ${colors.now}`, zIndex: 2, pointerEvents: 'none' }}
            />
          )}
          {inRange(atX) && (
            <div
              data-testid="at-line"
              data-color={colors.at}
              title={t('timeline.at', 'Chosen instant')}
              style={{ position: 'absolute', left: LABEL_WIDTH + atX - 1, top: 0, bottom: 0, width: 2, background: colors.at, zIndex: 2, pointerEvents: 'none' }}
            />
          )}
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            const base: React.CSSProperties = { position: 'absolute', top: 0, left: 0, width: '100%', height: item.size, transform: `translateY(${item.start}px)`, display: 'flex' };
            if (row.kind === 'event') {
              return (
                <div key={row.key} role="row" aria-rowindex={item.index + 1} style={{ ...base, background: colors.headerBackground, alignItems: 'center', borderTop: `1px solid ${colors.border}` }}>
                  <Typography variant="delta" tag="span" style={{ paddingLeft: 8 }}>
                    {row.event.name}
                  </Typography>
                  <Typography variant="pi" tag="span" textColor="neutral500" style={{ paddingLeft: 6 }}>
                    {row.event.code}
                  </Typography>
                </div>
              );
            }
            if (row.kind === 'performance') {
              return (
                <div key={row.key} role="row" aria-rowindex={item.index + 1} style={{ ...base, alignItems: 'center' }}>
                  <Typography variant="omega" fontWeight="bold" tag="span" style={{ paddingLeft: 16 }}>
                    {row.performance.startsAt ? fmtInstant(row.performance.startsAt) : row.performance.code}
                  </Typography>
                  <Typography variant="pi" tag="span" textColor="neutral500" style={{ paddingLeft: 6 }}>
                    {row.performance.code}
                  </Typography>
                </div>
              );
            }
            const selected = selectedKey === row.key;
            const muted = inactive(row.lane.channelId);
            const laneName = `${perfLabel(row.performance, row.event)} — ${laneLabel(row.lane)}`;
            return (
              <div
                key={row.key}
                role="row"
                aria-rowindex={item.index + 1}
                data-testid="timeline-lane"
                data-row-key={row.key}
                data-lane={`${row.performance.code}|${row.lane.channelId ? channels.get(row.lane.channelId)?.code : '*'}|${row.lane.audienceCategoryId ? categories.get(row.lane.audienceCategoryId)?.code : '*'}`}
                data-status={row.lane.status}
                data-members={row.lane.members.length}
                data-changed={row.lane.changed ? 'true' : 'false'}
                data-inactive={muted ? 'true' : 'false'}
                style={{ ...base, opacity: muted ? 0.45 : 1 }}
              >
                <div
                  role="rowheader"
                  style={{
                    width: LABEL_WIDTH,
                    flexShrink: 0,
                    paddingLeft: 28,
                    fontSize: 12,
                    display: 'flex',
                    alignItems: 'center',
                    gap: 6,
                    overflow: 'hidden',
                    whiteSpace: 'nowrap',
                    color: muted ? colors.muted : colors.text,
                  }}
                >
                  <span aria-hidden style={{ width: 8, height: 8, borderRadius: 4, background: colors.status[row.lane.status], flexShrink: 0 }} />
                  {laneLabel(row.lane)}
                  {row.lane.members.length > 1 && <span style={{ color: colors.muted }}>({row.lane.members.length})</span>}
                  {muted && <span style={{ color: colors.muted, fontStyle: 'italic' }}>{t('timeline.inactive', 'inactive')}</span>}
                  {row.lane.changed && (
                    <span title={t('timeline.changed', 'Changes if the drafts are validated')} style={{ color: colors.changed, fontWeight: 700 }}>
                      Δ
                    </span>
                  )}
                </div>
                <div
                  role="gridcell"
                  style={{
                    position: 'relative',
                    width,
                    height: item.size,
                    background: selected ? colors.selectedBackground : row.lane.changed ? colors.changedBackground : undefined,
                    borderBottom: `1px solid ${colors.rowBorder}`,
                  }}
                >
                  <button
                    type="button"
                    data-testid="timeline-lane-button"
                    aria-label={`${laneName} : ${statusLabel(row.lane.status)} — ${t('timeline.explain', 'explain')}`}
                    onClick={() => onSelect(row)}
                    onKeyDown={(e) => {
                      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                        e.preventDefault();
                        moveFocus(item.index, e.key === 'ArrowDown' ? 1 : -1);
                      }
                    }}
                    style={{ position: 'absolute', inset: 0, background: 'transparent', border: 'none', cursor: 'pointer', padding: 0 }}
                  />
                  {selected && (
                    <div
                      aria-hidden
                      data-testid="selection-outline"
                      data-color={colors.selection}
                      style={{ position: 'absolute', inset: 0, border: `2px solid ${colors.selection}`, borderRadius: 2, pointerEvents: 'none', zIndex: 3 }}
                    />
                  )}
                  {groupGhost(row.lane).map((b, k) => bar(row, b, k, true))}
                  {groupBars(row.lane).map((b, k) => bar(row, b, k, false))}
                </div>
              </div>
            );
          })}
        </div>
      </div>
      <Typography variant="pi" textColor="neutral600" data-testid="timeline-count">
        {t('timeline.count', '{performances} performances, {rows} rows', { performances: rows.filter((r) => r.kind === 'performance').length, rows: rows.length })}
      </Typography>
    </Box>
  );
}
