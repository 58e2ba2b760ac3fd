import * as React from 'react';
import { Badge, Box, Button, DateTimePicker, Field, Flex, SingleSelect, SingleSelectOption, Tabs, Toggle, Typography } from '@strapi/design-system';
import { Filter } from '@strapi/icons';
import { Layouts, Page, useAuth, useFetchClient } from '@strapi/strapi/admin';
import { DateTime } from 'luxon';
import { Link } from 'react-router-dom';
import { heldTimeline, useGetProblemsQuery, useGetSetupQuery, useGetTimelineQuery, usePrefetchTimeline } from '../../api';
import { PERMISSIONS } from '../../permissions';
import { PLUGIN_ID } from '../../pluginId';
import { useTranslate } from '../../utils/translate';
import { useTimelineColors, type TimelineColors } from './colors';
import { Explanation, ObjectName, type ExplainedLane } from './Explanation';
import { STATUSES, bestStatus, cmListPath, joinTimelines, sameTimeline, type SaleStatus, type TimelineData } from './model';
import { GROUPINGS, Timeline, domainOf, type Filters, type Grouping, type Zoom } from './Timeline';

const HOUR = 3_600_000;
/** The timeline is asked in two parts: the first performances (painted at once), then the rest. */
const FIRST_PAGE = 200;
const NO_FILTERS: Filters = { activity: '', event: '', channel: '', category: '', status: '', showInactive: true };

/** A wall-clock time of the institution's zone as a Date of the browser's zone (the date-time picker shows local wall clocks). */
const toPicker = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).setZone('local', { keepLocalTime: true }).toJSDate();
const fromPicker = (date: Date, zone: string) => DateTime.fromJSDate(date).setZone(zone, { keepLocalTime: true }).toMillis();

/** A labelled design-system select; `all` adds a clear button and shows as placeholder when nothing is chosen. */
function Select(props: { id: string; label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; all?: string }) {
  return (
    <Field.Root name={props.id} id={props.id} style={{ minWidth: 180 }}>
      <Field.Label>{props.label}</Field.Label>
      <SingleSelect
        data-testid={props.id}
        size="S"
        value={props.value || null}
        placeholder={props.all}
        onChange={(v) => props.onChange(String(v))}
        onClear={props.all !== undefined && props.value ? () => props.onChange('') : undefined}
        clearLabel={props.all}
      >
        {props.options.map((o) => (
          <SingleSelectOption key={o.value} value={o.value}>
            {o.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
}

/**
 * « Billetterie »: the sales timeline, the problems and the setup steps of a season. The page mounts
 * once the admin session is ready (the timeline request leaves then, while Page.Protect checks the
 * permission: the server checks it too), and reads its data through the admin's API layer (api.ts).
 */
export function BilletteriePage() {
  const authReady = useAuth('BilletteriePage', (state) => !state.isLoading && Boolean(state.user));
  const [initialAt] = React.useState(() => Date.now());
  const prefetch = usePrefetchTimeline();
  React.useEffect(() => {
    if (authReady) prefetch({ at: new Date(initialAt).toISOString(), includeDrafts: false, limit: FIRST_PAGE });
  }, [authReady, initialAt, prefetch]);
  if (!authReady) return <Page.Loading />;
  return (
    <Page.Protect permissions={PERMISSIONS.timeline}>
      <BilletteriePageContent initialAt={initialAt} />
    </Page.Protect>
  );
}

function BilletteriePageContent({ initialAt }: { initialAt: number }) {
  const { t } = useTranslate();
  const { get } = useFetchClient();
  const colors = useTimelineColors();

  const [seasonChoice, setSeasonChoice] = React.useState('');
  const [at, setAt] = React.useState(initialAt);
  const [includeDrafts, setIncludeDrafts] = React.useState(false);
  const [zoom, setZoom] = React.useState<Zoom>('season');
  const [grouping, setGrouping] = React.useState<Grouping>('channelCategory');
  const [filters, setFilters] = React.useState<Filters>(NO_FILTERS);
  const [filtersOpen, setFiltersOpen] = React.useState(false);
  const [selection, setSelection] = React.useState<{ key: string; performanceId: string; lanes: { channelId: string; categoryId: string }[] } | null>(null);

  // The slider moves `at` at once (the lines follow); the server is asked once it rests.
  const [requestedAt, setRequestedAt] = React.useState(at);
  React.useEffect(() => {
    const timer = setTimeout(() => setRequestedAt(at), 250);
    return () => clearTimeout(timer);
  }, [at]);

  // The first answer names the default season: it is shown without asking again. The first
  // performances come first (painted at once); the rest is asked once they are in.
  const args = { season: seasonChoice || undefined, at: new Date(requestedAt).toISOString(), includeDrafts };
  const first = useGetTimelineQuery({ ...args, limit: FIRST_PAGE }, { refetchOnMountOrArgChange: true });
  const firstNow = heldTimeline(first.currentData?.key);
  const restNeeded = Boolean(firstNow && firstNow.total > firstNow.offset + firstNow.performances.length);
  const rest = useGetTimelineQuery({ ...args, offset: FIRST_PAGE }, { skip: !restNeeded, refetchOnMountOrArgChange: true });
  const lastComplete = React.useRef<TimelineData | null>(null);
  const data = React.useMemo<TimelineData | null>(() => {
    const head = heldTimeline(first.data?.key);
    if (!head) return null;
    const complete = head.total <= head.performances.length;
    const tail = heldTimeline(rest.data?.key);
    if (complete || (tail && sameTimeline(head, tail))) return (lastComplete.current = complete ? head : joinTimelines(head, tail!));
    // A new instant or season whose rest is on its way: keep showing the previous complete timeline, if any.
    return lastComplete.current ?? head;
  }, [first.data, rest.data]);
  const error = first.error ?? rest.error;
  const isFetching = first.isFetching || rest.isFetching || (restNeeded && !(firstNow && heldTimeline(rest.data?.key) && sameTimeline(firstNow, heldTimeline(rest.data?.key)!)));
  const { refetch: refetchFirst } = first;
  const { refetch: refetchRest } = rest;
  const refetch = React.useCallback(() => {
    refetchFirst();
    if (restNeeded) refetchRest();
  }, [refetchFirst, refetchRest, restNeeded]);
  const season = seasonChoice || data?.season?.id || '';

  // Back to the tab or window (e.g. after an edit in another tab): ask again.
  React.useEffect(() => {
    const onFocus = () => {
      if (document.visibilityState === 'visible') refetch();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onFocus);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onFocus);
    };
  }, [refetch]);

  // Escape closes the explanation and gives the focus back to its lane.
  React.useEffect(() => {
    if (!selection) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const key = selection.key;
      setSelection(null);
      document.querySelector<HTMLButtonElement>(`[data-row-key="${CSS.escape(key)}"] [data-testid="timeline-lane-button"]`)?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection]);

  // The selected lanes with their statuses in the current answer (the time machine may have moved since the click).
  const explained = React.useMemo<ExplainedLane[] | null>(() => {
    if (!selection || !data) return null;
    const performance = data.performances.find((p) => p.id === selection.performanceId);
    const name = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? id;
    return selection.lanes.map(({ channelId, categoryId }) => ({
      channelId,
      categoryId,
      label: `${name(data.channels, channelId)} · ${name(data.audienceCategories, categoryId)}`,
      status: performance?.lanes.find((l) => l.channelId === channelId && l.audienceCategoryId === categoryId)?.status ?? 'NOT_ON_SALE',
    }));
  }, [selection, data]);

  const zone = data?.timeZone ?? 'Europe/Paris';
  const [sliderMin, sliderMax] = data ? domainOf(data, 'season', at).map((d) => d.getTime()) : [at - 180 * 24 * HOUR, at + 180 * 24 * HOUR];
  const setFilter = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));
  const activeFilters =
    (['activity', 'event', 'channel', 'category', 'status'] as const).filter((k) => filters[k]).length +
    (grouping !== 'channelCategory' ? 1 : 0) +
    (zoom !== 'season' ? 1 : 0) +
    (filters.showInactive ? 0 : 1);
  const hasInactive = Boolean(data?.channels.some((c) => c.active === false));

  const exportIcs = async () => {
    const params = new URLSearchParams();
    if (season) params.set('season', season);
    if (filters.channel) params.set('channel', filters.channel);
    const res = await get<Blob>(`/${PLUGIN_ID}/calendar.ics?${params}`, { responseType: 'blob' } as Parameters<typeof get>[1]);
    const url = URL.createObjectURL(res.data);
    const a = document.createElement('a');
    a.href = url;
    a.download = `billetterie-${data?.season?.code ?? 'saison'}.ics`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const errorMessage = error ? ('message' in error && error.message ? String(error.message) : t('page.error', 'The request failed.')) : null;

  return (
    <Page.Main>
      <Page.Title>{t('page.title', 'Ticketing')}</Page.Title>
      <Layouts.Header
        title={t('page.title', 'Ticketing')}
        subtitle={data?.season ? `${data.season.name} (${data.season.code})` : t('page.subtitle', 'Sale windows, problems and setup')}
        primaryAction={
          <Button variant="secondary" onClick={exportIcs} data-testid="export-ics">
            {t('page.exportIcs', 'Export openings (.ics)')}
          </Button>
        }
      />
      <Layouts.Content>
        <Tabs.Root defaultValue="timeline">
          <Tabs.List aria-label={t('page.title', 'Ticketing')}>
            <Tabs.Trigger value="timeline">{t('tab.timeline', 'Sales timeline')}</Tabs.Trigger>
            <Tabs.Trigger value="problems">{t('tab.problems', 'Problems')}</Tabs.Trigger>
            <Tabs.Trigger value="setup">{t('tab.setup', 'Setup steps')}</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="timeline">
            <Box background="neutral0" padding={3} hasRadius data-testid="timeline-controls">
              <Flex gap={3} wrap="wrap" alignItems="flex-end">
                <Select
                  id="filter-season"
                  label={t('filter.season', 'Season')}
                  value={season}
                  onChange={(v) => {
                    setSeasonChoice(v);
                    setFilters(NO_FILTERS);
                  }}
                  options={(data?.seasons ?? []).map((s) => ({ value: s.id, label: s.name }))}
                />
                <Field.Root name="time-machine" id="time-machine" data-testid="time-machine" data-zone={zone} style={{ minWidth: 300 }}>
                  <Field.Label>
                    {t('timeMachine.label', 'Time machine: statuses at')} ({zone})
                  </Field.Label>
                  <DateTimePicker
                    size="S"
                    value={toPicker(at, zone)}
                    onChange={(date) => date && setAt(fromPicker(date, zone))}
                    dateLabel={t('timeMachine.date', 'Date')}
                    timeLabel={t('timeMachine.time', 'Time')}
                    step={15}
                  />
                </Field.Root>
                <Button variant="tertiary" size="S" onClick={() => setAt(Date.now())}>
                  {t('timeMachine.now', 'Now')}
                </Button>
                <Field.Root name="include-drafts" id="include-drafts">
                  <Field.Label>{t('drafts.label', 'Include drafts')}</Field.Label>
                  <Toggle
                    data-testid="include-drafts"
                    checked={includeDrafts}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setIncludeDrafts(e.target.checked)}
                    onLabel={t('toggle.on', 'Yes')}
                    offLabel={t('toggle.off', 'No')}
                  />
                </Field.Root>
                <Button
                  variant={filtersOpen ? 'secondary' : 'tertiary'}
                  size="S"
                  startIcon={<Filter />}
                  onClick={() => setFiltersOpen((o) => !o)}
                  aria-expanded={filtersOpen}
                  data-testid="filters-toggle"
                >
                  {t('filters.toggle', 'Filters and display')}
                  {activeFilters > 0 ? ` (${activeFilters})` : ''}
                </Button>
                <Button variant="tertiary" size="S" onClick={() => refetch()} data-testid="reload">
                  {t('page.reload', 'Refresh')}
                </Button>
              </Flex>
              {filtersOpen && (
                <Box paddingTop={3} data-testid="filters">
                  <Flex gap={3} wrap="wrap" alignItems="flex-end">
                    <Select
                      id="filter-activity"
                      label={t('filter.activity', 'Activity')}
                      value={filters.activity}
                      onChange={setFilter('activity')}
                      all={t('filter.all', 'All')}
                      options={(data?.activities ?? []).map((a) => ({ value: a.id, label: a.name }))}
                    />
                    <Select
                      id="filter-event"
                      label={t('filter.event', 'Event')}
                      value={filters.event}
                      onChange={setFilter('event')}
                      all={t('filter.all', 'All')}
                      options={(data?.events ?? []).map((e) => ({ value: e.id, label: e.name }))}
                    />
                    <Select
                      id="filter-channel"
                      label={t('filter.channel', 'Sales channel')}
                      value={filters.channel}
                      onChange={setFilter('channel')}
                      all={t('filter.all', 'All')}
                      options={(data?.channels ?? []).map((c) => ({ value: c.id, label: c.active === false ? `${c.name} (${t('timeline.inactive', 'inactive')})` : c.name }))}
                    />
                    <Select
                      id="filter-category"
                      label={t('filter.category', 'Audience category')}
                      value={filters.category}
                      onChange={setFilter('category')}
                      all={t('filter.all', 'All')}
                      options={(data?.audienceCategories ?? []).map((c) => ({ value: c.id, label: c.name }))}
                    />
                    <Select
                      id="filter-status"
                      label={t('filter.status', 'Status')}
                      value={filters.status}
                      onChange={setFilter('status')}
                      all={t('filter.all', 'All')}
                      options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`, s) }))}
                    />
                    <Select
                      id="grouping"
                      label={t('grouping.label', 'One lane per')}
                      value={grouping}
                      onChange={(v) => setGrouping(v as Grouping)}
                      options={GROUPINGS.map((g) => ({ value: g, label: t(`grouping.${g}`, g) }))}
                    />
                    <Select
                      id="zoom"
                      label={t('zoom.label', 'Zoom')}
                      value={zoom}
                      onChange={(v) => setZoom(v as Zoom)}
                      options={(['week', 'month', 'season'] as const).map((z) => ({ value: z, label: t(`zoom.${z}`, z) }))}
                    />
                    <Field.Root name="show-inactive" id="show-inactive" hint={hasInactive ? undefined : t('filters.noInactive', 'Every channel is active.')}>
                      <Field.Label>{t('filters.showInactive', 'Inactive channels')}</Field.Label>
                      <Toggle
                        data-testid="show-inactive"
                        checked={filters.showInactive !== false}
                        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFilters((f) => ({ ...f, showInactive: e.target.checked }))}
                        onLabel={t('filters.shown', 'Shown')}
                        offLabel={t('filters.hidden', 'Hidden')}
                      />
                      <Field.Hint />
                    </Field.Root>
                    <Flex direction="column" alignItems="stretch" gap={1} style={{ flex: 1, minWidth: 240 }}>
                      <label htmlFor="time-slider">
                        <Typography variant="pi" fontWeight="bold">
                          {t('timeMachine.slider', 'Move in time')}
                        </Typography>
                      </label>
                      <input
                        id="time-slider"
                        data-testid="time-slider"
                        type="range"
                        min={sliderMin}
                        max={sliderMax}
                        step={HOUR}
                        value={Math.min(Math.max(at, sliderMin), sliderMax)}
                        onChange={(e) => setAt(Number(e.target.value))}
                        style={{ accentColor: colors.at }}
                      />
                    </Flex>
                  </Flex>
                </Box>
              )}
              <Legend colors={colors} />
              <Flex gap={3} paddingTop={1} wrap="wrap">
                {data?.includeDrafts && (
                  <Badge backgroundColor="warning100" textColor="warning700" data-testid="preview-badge">
                    {t('explain.preview', 'Preview — not in force yet')}
                  </Badge>
                )}
                {data?.includeDrafts && (
                  <Typography variant="pi" data-testid="changed-count" textColor="warning700">
                    {t('drafts.changed', '{count} lanes change if the drafts are validated (Δ, dashed)', { count: data.changedLanes })}
                  </Typography>
                )}
                {grouping !== 'channelCategory' && (
                  <Typography variant="pi" textColor="neutral600" data-testid="grouping-hint">
                    {t('grouping.best', 'A grouped lane shows the best status of its lanes: on sale › soon on sale › temporarily unavailable › sales ended › not on sale')}
                  </Typography>
                )}
                <Typography variant="pi" textColor="neutral600">
                  {t('explain.keyboard', '↑/↓: previous/next lane · Enter: explain · Escape: close')}
                </Typography>
                {isFetching && (
                  <Typography variant="pi" textColor="neutral500" data-testid="timeline-loading">
                    {t('page.loading', 'Loading…')}
                  </Typography>
                )}
              </Flex>
            </Box>
            {/*
              The explanation docks beside the timeline, which narrows (its scale follows its width): no
              bar is hidden under it. Below ~720 px of timeline (a narrow window) it wraps under the timeline.
            */}
            <Flex paddingTop={4} gap={4} alignItems="flex-start" wrap="wrap" data-testid="timeline-split">
              <Box data-testid="timeline" data-at={data?.at} data-loading={isFetching ? 'true' : 'false'} data-grouping={grouping} style={{ flex: '1 1 720px', minWidth: 0 }}>
                {errorMessage && <Typography textColor="danger600">{errorMessage}</Typography>}
                {data && (
                  <Timeline
                    data={data}
                    filters={filters}
                    grouping={grouping}
                    zoom={zoom}
                    at={at}
                    colors={colors}
                    selectedKey={selection?.key}
                    onSelect={({ key, performance, lane }) =>
                      setSelection({ key, performanceId: performance.id, lanes: lane.members.map((m) => ({ channelId: m.channelId, categoryId: m.audienceCategoryId })) })
                    }
                  />
                )}
              </Box>
              {selection && data && explained && (
                <Explanation
                  performanceId={selection.performanceId}
                  lanes={explained}
                  status={bestStatus(explained.map((l) => l.status))}
                  at={requestedAt}
                  includeDrafts={includeDrafts}
                  timeZone={zone}
                  colors={colors}
                  onClose={() => setSelection(null)}
                />
              )}
            </Flex>
          </Tabs.Content>
          <Tabs.Content value="problems">
            <ProblemsView season={season} />
          </Tabs.Content>
          <Tabs.Content value="setup">
            <SetupView season={season} />
          </Tabs.Content>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
}

function Legend({ colors }: { colors: TimelineColors }) {
  const { t } = useTranslate();
  const line = (color: string, dashed: boolean) => (
    <span aria-hidden style={{ display: 'inline-block', width: 0, height: 12, borderLeft: `2px ${dashed ? 'dashed' : 'solid'} ${color}`, marginRight: 4 }} />
  );
  return (
    <Flex gap={3} paddingTop={3} wrap="wrap" aria-label={t('legend', 'Legend')} data-testid="legend">
      {STATUSES.map((s: SaleStatus) => (
        <Flex key={s} gap={1} alignItems="center" data-testid="legend-status" data-status={s} data-color={colors.status[s]}>
          <span aria-hidden style={{ width: 12, height: 12, background: colors.status[s], borderRadius: 2, display: 'inline-block' }} />
          <Typography variant="pi">{t(`status.${s}`, s)}</Typography>
        </Flex>
      ))}
      <Typography variant="pi" data-testid="legend-now" data-color={colors.now}>
        {line(colors.now, true)}
        {t('timeline.now', 'Now')}
      </Typography>
      <Typography variant="pi" data-testid="legend-at" data-color={colors.at}>
        {line(colors.at, false)}
        {t('timeline.at', 'Chosen instant')}
      </Typography>
      <Typography variant="pi" data-testid="legend-selection" data-color={colors.selection}>
        <span aria-hidden style={{ display: 'inline-block', width: 12, height: 10, border: `2px solid ${colors.selection}`, marginRight: 4, verticalAlign: 'middle' }} />
        {t('timeline.selection', 'Selected lane')}
      </Typography>
    </Flex>
  );
}

function ProblemsView({ season }: { season: string }) {
  const { t, lang } = useTranslate();
  const { data, error } = useGetProblemsQuery(season, { skip: !season, refetchOnMountOrArgChange: true });
  if (error) return <Typography textColor="danger600">{'message' in error ? String(error.message) : t('page.error', 'The request failed.')}</Typography>;
  if (!data) return <Typography>…</Typography>;
  if (data.problems.length === 0)
    return (
      <Box padding={4} background="neutral0">
        <Typography data-testid="problems-none">{t('problems.none', 'No problem found.')}</Typography>
      </Box>
    );
  return (
    <Box background="neutral0" padding={4} hasRadius>
      <ul data-testid="problems">
        {data.problems.map((p, k) => (
          <Box
            tag="li"
            key={k}
            data-testid="problem"
            data-severity={p.severity}
            data-code={p.code}
            data-step={p.step}
            paddingTop={2}
            paddingBottom={2}
            borderColor="neutral150"
            style={{ borderWidth: '0 0 1px 0' }}
          >
            <Flex gap={2} alignItems="center" wrap="wrap">
              <Badge backgroundColor={p.severity === 'blocking' ? 'danger100' : 'warning100'} textColor={p.severity === 'blocking' ? 'danger700' : 'warning700'}>
                {t(`problems.${p.severity}`, p.severity)}
              </Badge>
              {p.code === 'SETUP_STEP_MISSING' && p.step ? (
                <Typography fontWeight="bold">
                  {t('problems.setupMissing', 'Mandatory setup step missing: {step}', { step: t(`setup.${p.step}`, p.step) })}{' '}
                  {p.stepType && <Link to={cmListPath(p.stepType)}>{t('setup.open', 'Open')}</Link>}
                </Typography>
              ) : (
                <>
                  <ObjectName object={p.object} />
                  <Typography variant="pi" textColor="neutral500">
                    {t(`state.${p.object.state}`, p.object.state)}
                  </Typography>
                </>
              )}
            </Flex>
            {p.code !== 'SETUP_STEP_MISSING' && (
              <Typography tag="p" variant="omega">
                {p.message[lang]}
              </Typography>
            )}
            <Typography variant="pi" textColor="neutral500" tag="p">
              {p.code}
            </Typography>
          </Box>
        ))}
      </ul>
    </Box>
  );
}

function SetupView({ season }: { season: string }) {
  const { t } = useTranslate();
  const { data, error } = useGetSetupQuery(season, { skip: !season, refetchOnMountOrArgChange: true });
  if (error) return <Typography textColor="danger600">{'message' in error ? String(error.message) : t('page.error', 'The request failed.')}</Typography>;
  if (!data) return <Typography>…</Typography>;
  const badge = (s: { required: boolean; done: boolean }) => {
    if (s.done)
      return (
        <Badge backgroundColor="success100" textColor="success700">
          {t('setup.done', 'done')}
        </Badge>
      );
    // A missing optional step is not a fault: neutral, not red.
    if (!s.required)
      return (
        <Badge backgroundColor="neutral150" textColor="neutral700">
          {t('setup.notDone', 'not done')}
        </Badge>
      );
    return (
      <Badge backgroundColor="danger100" textColor="danger700">
        {t('setup.missing', 'missing')}
      </Badge>
    );
  };
  return (
    <Box background="neutral0" padding={4} hasRadius>
      <Typography variant="beta" tag="h2">
        {t('setup.title', 'Setup steps')} — {data.organization?.name} · {data.season?.name}
      </Typography>
      <ol data-testid="setup-steps" style={{ paddingTop: 12 }}>
        {data.steps.map((s, k) => (
          <li key={s.key} data-testid="setup-step" data-step={s.key} data-done={s.done ? 'true' : 'false'} data-required={s.required ? 'true' : 'false'} style={{ padding: '6px 0' }}>
            <Flex gap={2} alignItems="center" wrap="wrap">
              <Typography fontWeight={s.required ? 'bold' : undefined} textColor={s.required ? 'neutral800' : 'neutral600'}>
                {k + 1}. {t(`setup.${s.key}`, s.key)}
              </Typography>
              {s.required ? (
                <Typography variant="pi" textColor="neutral600">
                  {t('setup.mandatory', 'mandatory')}
                </Typography>
              ) : (
                <Badge backgroundColor="neutral100" textColor="neutral600" data-testid="setup-optional">
                  {t('setup.optional', 'optional')}
                </Badge>
              )}
              {badge(s)}
              <Typography variant="pi" textColor="neutral600">
                {t('setup.count', '{count} object(s)', { count: s.count })}
                {Object.entries(s.detail)
                  .map(([key, value]) => ` · ${t(`setup.detail.${key}`, key)} ${value}`)
                  .join('')}
              </Typography>
              <Link to={cmListPath(s.type)}>{t('setup.open', 'Open')}</Link>
            </Flex>
          </li>
        ))}
      </ol>
    </Box>
  );
}
