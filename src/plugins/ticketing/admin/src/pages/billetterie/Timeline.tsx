import * as React from 'react';
import { Box, Typography } from '@strapi/design-system';
import { useVirtualizer } from '@tanstack/react-virtual';
import { scaleTime } from 'd3-scale';
import { timeDay, timeMonday, timeMonth } from 'd3-time';
import { DateTime } from 'luxon';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../../pluginId';
import { STATUS_COLOR, barStatus, type Interval, type Lane, type Named, type SaleStatus, type TimelineData, type TimelinePerformance } from './model';

export type Zoom = 'week' | 'month' | 'season';
export interface Filters { activity: string; event: string; channel: string; category: string; status: string }

type Row =
  | { kind: 'event'; key: string; event: Named }
  | { kind: 'performance'; key: string; performance: TimelinePerformance; event: Named }
  | { kind: 'lane'; key: string; performance: TimelinePerformance; event: Named; lane: Lane };

const LABEL_WIDTH = 280;
const HEIGHT: Record<Row['kind'], number> = { event: 32, performance: 26, lane: 22 };

/** The rows the filters keep: event header, performance header, then its lanes (channel × audience category). */
export function rowsOf(data: TimelineData, filters: Filters): Row[] {
  const rows: Row[] = [];
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
      const lanes = performance.lanes.filter(
        (l) => (!filters.channel || l.channelId === filters.channel) && (!filters.category || l.audienceCategoryId === filters.category) && (!filters.status || l.status === filters.status)
      );
      if (lanes.length === 0) continue;
      eventRows.push({ kind: 'performance', key: performance.id, performance, event });
      for (const lane of lanes) eventRows.push({ kind: 'lane', key: `${performance.id}|${lane.channelId}|${lane.audienceCategoryId}`, performance, event, lane });
    }
    if (eventRows.length > 0) rows.push({ kind: 'event', key: event.id, event }, ...eventRows);
  }
  return rows;
}

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
  zoom: Zoom;
  at: number;
  onSelect: (selection: { performance: TimelinePerformance; lane: Lane; event: Named }) => void;
  selectedKey?: string | null;
  /** Called once, after the first lanes are painted (time-to-first-render measurement). */
  onFirstPaint?: () => void;
}

export function Timeline({ data, filters, zoom, at, onSelect, selectedKey, onFirstPaint }: TimelineProps) {
  const { formatMessage, locale } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, any>) => formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage }, values);
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

  const rows = React.useMemo(() => rowsOf(data, filters), [data, filters]);
  const domain = React.useMemo(() => domainOf(data, zoom, at), [data, zoom, at]);
  const x = React.useMemo(() => scaleTime().domain(domain).range([0, width]), [domain, width]);
  const ticks = React.useMemo(() => x.ticks(zoom === 'week' ? timeDay.every(1)! : zoom === 'month' ? timeMonday.every(1)! : timeMonth.every(1)!), [x, zoom]);
  const fmtTick = (d: Date) => DateTime.fromJSDate(d, { zone: data.timeZone }).setLocale(locale).toFormat(zoom === 'season' ? 'LLL yyyy' : zoom === 'month' ? 'dd LLL' : 'ccc dd');
  const fmtInstant = (instant: string | number) => (typeof instant === 'number' ? DateTime.fromMillis(instant, { zone: data.timeZone }) : DateTime.fromISO(instant, { zone: data.timeZone })).setLocale(locale).toFormat('dd/LL/yyyy HH:mm');

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
  React.useEffect(() => {
    if (!focusKey) return;
    const button = scrollRef.current?.querySelector<HTMLButtonElement>(`[data-row-key="${CSS.escape(focusKey)}"] [data-testid="timeline-lane-button"]`);
    if (button) {
      button.focus({ preventScroll: true });
      setFocusKey(null);
    }
  });

  const hasLanes = rows.length > 0;
  React.useEffect(() => {
    if (!hasLanes || !onFirstPaint) return;
    // The frame with the lanes is painted after this animation frame; the timeout runs after that paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(onFirstPaint, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
    };
  }, [hasLanes, onFirstPaint]);

  const channels = React.useMemo(() => new Map(data.channels.map((c) => [c.id, c])), [data.channels]);
  const categories = React.useMemo(() => new Map(data.audienceCategories.map((c) => [c.id, c])), [data.audienceCategories]);
  const statusLabel = (s: SaleStatus) => t(`status.${s}`, s);
  const perfLabel = (p: TimelinePerformance) => (p.startsAt ? `${p.code} · ${fmtInstant(p.startsAt)}` : p.code);
  const laneLabel = (lane: Lane) => `${channels.get(lane.channelId)?.name ?? lane.channelId} · ${categories.get(lane.audienceCategoryId)?.name ?? lane.audienceCategoryId}`;

  const nowX = x(new Date());
  const atX = x(new Date(at));
  const inRange = (v: number) => v >= 0 && v <= width;

  const bar = (row: Extract<Row, { kind: 'lane' }>, interval: Interval, k: number, ghost: boolean) => {
    const left = Math.max(0, x(new Date(interval.opensAt)));
    const right = Math.min(width, x(new Date(interval.closesAt)));
    if (right <= 0 || left >= width || right <= left) return null;
    const status = barStatus(ghost ? { status: row.lane.baseline!.status } : row.lane, interval);
    const label = `${perfLabel(row.performance)} — ${laneLabel(row.lane)} : ${statusLabel(status)}, ${fmtInstant(interval.opensAt)} → ${fmtInstant(interval.closesAt)}`;
    if (ghost) {
      return <div key={`g${k}`} aria-hidden style={{ position: 'absolute', left, width: Math.max(2, right - left), top: 16, height: 3, background: STATUS_COLOR[status], opacity: 0.6 }} />;
    }
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
          position: 'absolute', left, width: Math.max(3, right - left), top: 3, height: 13, padding: 0, cursor: 'pointer',
          background: STATUS_COLOR[status], borderRadius: 3,
          border: row.lane.baseline ? '2px dashed #f29d41' : '1px solid rgba(0,0,0,0.15)',
        }}
      />
    );
  };

  return (
    <Box>
      <div style={{ display: 'flex', paddingLeft: LABEL_WIDTH, position: 'relative', height: 24, borderBottom: '1px solid #dcdce4' }} aria-hidden>
        {ticks.map((d) => (
          <span key={d.getTime()} style={{ position: 'absolute', left: LABEL_WIDTH + x(d), fontSize: 11, color: '#666687', whiteSpace: 'nowrap', paddingLeft: 3, borderLeft: '1px solid #dcdce4', height: 24 }}>
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
        style={{ height: 560, overflow: 'auto', position: 'relative', border: '1px solid #eaeaef' }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: LABEL_WIDTH + width }}>
          {inRange(nowX) && (
            <div data-testid="now-line" title={t('timeline.now', 'Now')} style={{ position: 'absolute', left: LABEL_WIDTH + nowX, top: 0, bottom: 0, width: 2, background: '#d02b20', zIndex: 2, pointerEvents: 'none' }} />
          )}
          {inRange(atX) && (
            <div data-testid="at-line" style={{ position: 'absolute', left: LABEL_WIDTH + atX, top: 0, bottom: 0, width: 2, background: '#4945ff', zIndex: 2, pointerEvents: 'none' }} />
          )}
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            const base: React.CSSProperties = { position: 'absolute', top: 0, left: 0, width: '100%', height: item.size, transform: `translateY(${item.start}px)`, display: 'flex' };
            if (row.kind === 'event') {
              return (
                <div key={row.key} role="row" aria-rowindex={item.index + 1} style={{ ...base, background: '#f6f6f9', alignItems: 'center', borderTop: '1px solid #dcdce4' }}>
                  <Typography variant="delta" tag="span" style={{ paddingLeft: 8 }}>{row.event.name}</Typography>
                </div>
              );
            }
            if (row.kind === 'performance') {
              return (
                <div key={row.key} role="row" aria-rowindex={item.index + 1} style={{ ...base, alignItems: 'center' }}>
                  <Typography variant="omega" fontWeight="bold" tag="span" style={{ paddingLeft: 16 }}>{perfLabel(row.performance)}</Typography>
                </div>
              );
            }
            const selected = selectedKey === row.key;
            const laneName = `${perfLabel(row.performance)} — ${laneLabel(row.lane)}`;
            return (
              <div key={row.key} role="row" aria-rowindex={item.index + 1} data-testid="timeline-lane" data-row-key={row.key} data-lane={`${row.performance.code}|${channels.get(row.lane.channelId)?.code}|${categories.get(row.lane.audienceCategoryId)?.code}`} data-status={row.lane.status} data-changed={row.lane.baseline ? 'true' : 'false'} style={base}>
                <div role="rowheader" style={{ width: LABEL_WIDTH, flexShrink: 0, paddingLeft: 28, fontSize: 12, display: 'flex', alignItems: 'center', gap: 6, overflow: 'hidden', whiteSpace: 'nowrap' }}>
                  <span aria-hidden style={{ width: 8, height: 8, borderRadius: 4, background: STATUS_COLOR[row.lane.status], flexShrink: 0 }} />
                  {laneLabel(row.lane)}
                  {row.lane.baseline && <span title={t('timeline.changed', 'Changes if the drafts are validated')} style={{ color: '#b5460b', fontWeight: 700 }}>Δ</span>}
                </div>
                <div role="gridcell" style={{ position: 'relative', width, height: item.size, background: selected ? '#f0f0ff' : row.lane.baseline ? '#fdf4dc' : undefined, borderBottom: '1px solid #f6f6f9' }}>
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
                    style={{ position: 'absolute', inset: 0, background: 'transparent', border: selected ? '1px solid #4945ff' : 'none', cursor: 'pointer', padding: 0 }}
                  />
                  {row.lane.baseline?.intervals.map((i, k) => bar(row, i, k, true))}
                  {row.lane.intervals.map((i, k) => bar(row, i, k, false))}
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
