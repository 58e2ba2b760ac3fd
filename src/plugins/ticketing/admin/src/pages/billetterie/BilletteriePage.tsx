import * as React from 'react';
import { Badge, Box, Button, Flex, Switch, Tabs, Typography } from '@strapi/design-system';
import { Layouts, Page, useAuth, useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { DateTime } from 'luxon';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { PLUGIN_ID } from '../../pluginId';
import { Explanation, ObjectLink, type ExplainedLane } from './Explanation';
import { STATUSES, STATUS_COLOR, bestStatus, cmListPath, cmPath, decodeTimeline, type Message, type ObjectRef, type TimelineData, type WireTimeline } from './model';
import { GROUPINGS, Timeline, domainOf, type Filters, type Grouping, type Zoom } from './Timeline';

const READ = [{ action: 'plugin::ticketing.timeline.read', subject: null }];
const HOUR = 3_600_000;

const selectStyle: React.CSSProperties = { height: 32, borderRadius: 4, border: '1px solid #dcdce4', padding: '0 8px', background: 'white', fontSize: 13 };

function Select(props: { id: string; label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; all?: string }) {
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <label htmlFor={props.id}><Typography variant="pi" fontWeight="bold">{props.label}</Typography></label>
      <select id={props.id} data-testid={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)} style={selectStyle}>
        {props.all !== undefined && <option value="">{props.all}</option>}
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Flex>
  );
}

/**
 * useRBAC checks the permissions once, when it mounts, against the permissions the admin has loaded
 * by then: on a full page load of /admin/plugins/ticketing the page can mount before the session
 * token is refreshed and GET /admin/users/me/permissions has answered, and then shows « no
 * permissions » for good. So the page itself mounts only once the user and permissions are loaded.
 */
export function BilletteriePage() {
  // The route's first render: the start of the time-to-first-render measurement (bench:admin).
  const routeStart = React.useRef(performance.now());
  const authReady = useAuth('BilletteriePage', (state) => !state.isLoading && Boolean(state.user));
  if (!authReady) return <Page.Loading />;
  return <BilletteriePageContent routeStart={routeStart.current} />;
}

function BilletteriePageContent({ routeStart }: { routeStart: number }) {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage }, values);
  const { get } = useFetchClient();
  const { isLoading: rbacLoading, allowedActions } = useRBAC(READ);

  const [season, setSeason] = React.useState('');
  const [at, setAt] = React.useState(() => Date.now());
  const [includeDrafts, setIncludeDrafts] = React.useState(false);
  const [zoom, setZoom] = React.useState<Zoom>('season');
  const [grouping, setGrouping] = React.useState<Grouping>('channelCategory');
  const [filters, setFilters] = React.useState<Filters>({ activity: '', event: '', channel: '', category: '', status: '' });
  const [data, setData] = React.useState<(TimelineData & { reloadKey: number }) | null>(null);
  const [loading, setLoading] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [selection, setSelection] = React.useState<{ key: string; performanceId: string; lanes: { channelId: string; categoryId: string }[] } | null>(null);
  const [reloadKey, setReloadKey] = React.useState(0);
  // Time to first render, measured in the page (npm run bench:admin reads it): from this page's
  // first render (the route start) to the first lanes painted, with the request/decoding split.
  const timings = React.useRef<{ pageStart: number; requestStart?: number; answered?: number; decoded?: number; painted?: number }>({ pageStart: routeStart });
  const timelineBox = React.useRef<HTMLDivElement>(null);
  const onFirstPaint = React.useCallback(() => {
    const m = timings.current;
    if (m.painted !== undefined) return;
    m.painted = performance.now();
    performance.mark('billetterie:timeline-painted');
    (window as Window & { __billetterieTimeline?: unknown }).__billetterieTimeline = { ...m, firstRenderMs: m.painted - m.pageStart };
    timelineBox.current?.setAttribute('data-first-render-ms', String(Math.round(m.painted - m.pageStart)));
  }, []);

  // The slider moves `at` at once (the lines follow); the server is asked once it rests.
  const [requestedAt, setRequestedAt] = React.useState(at);
  React.useEffect(() => {
    const timer = setTimeout(() => setRequestedAt(at), 250);
    return () => clearTimeout(timer);
  }, [at]);

  // The timeline is asked for at once, while the admin still loads the user's permissions (the
  // server checks them on the route anyway): only a known refusal stops the request.
  const denied = !rbacLoading && !allowedActions.canRead;
  React.useEffect(() => {
    if (denied) return;
    const atIso = new Date(requestedAt).toISOString();
    // The first answer names the default season: choosing it must not ask the same thing again.
    if (data && data.season?.id === season && data.at === atIso && data.includeDrafts === includeDrafts && data.reloadKey === reloadKey) return;
    let live = true;
    setLoading(true);
    const params = new URLSearchParams({ at: atIso, includeDrafts: String(includeDrafts) });
    if (season) params.set('season', season);
    timings.current.requestStart ??= performance.now();
    get<{ data: WireTimeline }>(`/${PLUGIN_ID}/timeline?${params}`)
      .then((res) => {
        if (!live) return;
        timings.current.answered ??= performance.now();
        const decoded = decodeTimeline(res.data.data);
        timings.current.decoded ??= performance.now();
        setData({ ...decoded, reloadKey });
        setError(null);
        if (!season && decoded.season) setSeason(decoded.season.id);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // Refetches when the request's inputs change, not when its own answer (`data`) lands; `get` is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [season, requestedAt, includeDrafts, denied, reloadKey]);

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

  if (rbacLoading) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;

  const zone = data?.timeZone ?? 'Europe/Paris';
  const atInput = DateTime.fromMillis(at, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
  const [sliderMin, sliderMax] = data ? domainOf(data, 'season', at).map((d) => d.getTime()) : [at - 180 * 24 * HOUR, at + 180 * 24 * HOUR];
  const setFilter = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));

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

  return (
    <Page.Main>
      <Page.Title>{t('page.title', 'Ticketing')}</Page.Title>
      <Layouts.Header
        title={t('page.title', 'Ticketing')}
        subtitle={data?.season ? `${data.season.name} (${data.season.code})` : t('page.subtitle', 'Sale windows, problems and setup')}
        primaryAction={<Button variant="secondary" onClick={exportIcs} data-testid="export-ics">{t('page.exportIcs', 'Export openings (.ics)')}</Button>}
      />
      <Layouts.Content>
        <Tabs.Root defaultValue="timeline">
          <Tabs.List aria-label={t('page.title', 'Ticketing')}>
            <Tabs.Trigger value="timeline">{t('tab.timeline', 'Sales timeline')}</Tabs.Trigger>
            <Tabs.Trigger value="problems">{t('tab.problems', 'Problems')}</Tabs.Trigger>
            <Tabs.Trigger value="setup">{t('tab.setup', 'Setup steps')}</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="timeline">
            <Box background="neutral0" padding={4} hasRadius>
              <Flex gap={3} wrap="wrap" alignItems="flex-end">
                <Select id="filter-season" label={t('filter.season', 'Season')} value={season} onChange={(v) => { setSeason(v); setFilters({ activity: '', event: '', channel: '', category: '', status: '' }); }} options={(data?.seasons ?? []).map((s) => ({ value: s.id, label: s.name }))} />
                <Select id="filter-activity" label={t('filter.activity', 'Activity')} value={filters.activity} onChange={setFilter('activity')} all={t('filter.all', 'All')} options={(data?.activities ?? []).map((a) => ({ value: a.id, label: a.name }))} />
                <Select id="filter-event" label={t('filter.event', 'Event')} value={filters.event} onChange={setFilter('event')} all={t('filter.all', 'All')} options={(data?.events ?? []).map((e) => ({ value: e.id, label: e.name }))} />
                <Select id="filter-channel" label={t('filter.channel', 'Sales channel')} value={filters.channel} onChange={setFilter('channel')} all={t('filter.all', 'All')} options={(data?.channels ?? []).map((c) => ({ value: c.id, label: c.name }))} />
                <Select id="filter-category" label={t('filter.category', 'Audience category')} value={filters.category} onChange={setFilter('category')} all={t('filter.all', 'All')} options={(data?.audienceCategories ?? []).map((c) => ({ value: c.id, label: c.name }))} />
                <Select id="filter-status" label={t('filter.status', 'Status')} value={filters.status} onChange={setFilter('status')} all={t('filter.all', 'All')} options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`, s) }))} />
                <fieldset data-testid="grouping" style={{ border: 0, padding: 0, margin: 0 }}>
                  <legend><Typography variant="pi" fontWeight="bold">{t('grouping.label', 'One lane per')}</Typography></legend>
                  <Flex role="radiogroup" gap={0} paddingTop={1} style={{ height: 32 }}>
                    {GROUPINGS.map((g, k) => (
                      <label
                        key={g}
                        data-testid={`grouping-${g}`}
                        data-checked={grouping === g ? 'true' : 'false'}
                        style={{
                          display: 'flex', alignItems: 'center', gap: 4, height: 32, padding: '0 10px', cursor: 'pointer', fontSize: 13,
                          border: '1px solid #dcdce4', marginLeft: k === 0 ? 0 : -1,
                          borderRadius: k === 0 ? '4px 0 0 4px' : k === GROUPINGS.length - 1 ? '0 4px 4px 0' : 0,
                          background: grouping === g ? '#f0f0ff' : 'white', color: grouping === g ? '#271fe0' : '#32324d', fontWeight: grouping === g ? 600 : 400,
                        }}
                      >
                        <input type="radio" name="grouping" value={g} checked={grouping === g} onChange={() => setGrouping(g)} style={{ margin: 0 }} />
                        {t(`grouping.${g}`, g)}
                      </label>
                    ))}
                  </Flex>
                </fieldset>
                <Select id="zoom" label={t('zoom.label', 'Zoom')} value={zoom} onChange={(v) => setZoom(v as Zoom)} options={(['week', 'month', 'season'] as const).map((z) => ({ value: z, label: t(`zoom.${z}`, z) }))} />
              </Flex>
              <Flex gap={4} paddingTop={3} alignItems="flex-end" wrap="wrap">
                <Flex direction="column" alignItems="stretch" gap={1}>
                  <label htmlFor="time-machine"><Typography variant="pi" fontWeight="bold">{t('timeMachine.label', 'Time machine: statuses at')}</Typography></label>
                  <input
                    id="time-machine"
                    data-testid="time-machine"
                    type="datetime-local"
                    value={atInput}
                    onChange={(e) => {
                      const parsed = DateTime.fromISO(e.target.value, { zone });
                      if (parsed.isValid) setAt(parsed.toMillis());
                    }}
                    style={selectStyle}
                  />
                </Flex>
                <Flex direction="column" alignItems="stretch" gap={1} style={{ flex: 1, minWidth: 240 }}>
                  <label htmlFor="time-slider"><Typography variant="pi" fontWeight="bold">{t('timeMachine.slider', 'Move in time')}</Typography></label>
                  <input id="time-slider" data-testid="time-slider" type="range" min={sliderMin} max={sliderMax} step={HOUR} value={Math.min(Math.max(at, sliderMin), sliderMax)} onChange={(e) => setAt(Number(e.target.value))} />
                </Flex>
                <Button variant="tertiary" onClick={() => setAt(Date.now())}>{t('timeMachine.now', 'Now')}</Button>
                <Flex gap={2} alignItems="center">
                  <Switch id="include-drafts" data-testid="include-drafts" checked={includeDrafts} onCheckedChange={(v: boolean) => setIncludeDrafts(v)} aria-label={t('drafts.label', 'Include drafts')} />
                  <label htmlFor="include-drafts"><Typography variant="omega">{t('drafts.label', 'Include drafts')}</Typography></label>
                </Flex>
                <Button variant="tertiary" onClick={() => setReloadKey((k) => k + 1)} data-testid="reload">{t('page.reload', 'Refresh')}</Button>
              </Flex>
              <Flex gap={3} paddingTop={3} wrap="wrap" aria-label={t('legend', 'Legend')}>
                {STATUSES.map((s) => (
                  <Flex key={s} gap={1} alignItems="center"><span style={{ width: 12, height: 12, background: STATUS_COLOR[s], borderRadius: 2, display: 'inline-block' }} /><Typography variant="pi">{t(`status.${s}`, s)}</Typography></Flex>
                ))}
                <Typography variant="pi"><span style={{ color: '#d02b20' }}>│</span> {t('timeline.now', 'Now')} <span style={{ color: '#4945ff' }}>│</span> {t('timeline.at', 'Chosen instant')}</Typography>
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
                <Typography variant="pi" textColor="neutral600">{t('explain.keyboard', '↑/↓: previous/next lane · Enter: explain · Escape: close')}</Typography>
                {loading && <Typography variant="pi" textColor="neutral500" data-testid="timeline-loading">{t('page.loading', 'Loading…')}</Typography>}
              </Flex>
            </Box>
            {/*
              The explanation docks beside the timeline, which narrows (its scale follows its width): no
              bar is hidden under it. Below ~720 px of timeline (a narrow window) it wraps under the timeline.
            */}
            <Flex paddingTop={4} gap={4} alignItems="flex-start" wrap="wrap" data-testid="timeline-split">
              <Box ref={timelineBox} data-testid="timeline" data-at={data?.at} data-loading={loading ? 'true' : 'false'} data-grouping={grouping} style={{ flex: '1 1 720px', minWidth: 0 }}>
                {error && <Typography textColor="danger600">{error}</Typography>}
                {data && (
                  <Timeline
                    data={data}
                    filters={filters}
                    grouping={grouping}
                    zoom={zoom}
                    at={at}
                    selectedKey={selection?.key}
                    onFirstPaint={onFirstPaint}
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

function useGet<T>(path: string | null) {
  const { get } = useFetchClient();
  const [data, setData] = React.useState<T | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (!path) return;
    let live = true;
    get<{ data: T }>(path).then((res) => live && setData(res.data.data)).catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [get, path]);
  return { data, error };
}

function ProblemsView({ season }: { season: string }) {
  const { formatMessage, locale } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage });
  const lang: 'fr' | 'en' = locale.startsWith('fr') ? 'fr' : 'en';
  const { data, error } = useGet<{ problems: { severity: 'blocking' | 'warning'; object: ObjectRef & { name: string; state: string }; code: string; message: Message; objects: ObjectRef[] }[] }>(
    season ? `/${PLUGIN_ID}/problems?season=${season}` : null
  );
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!data) return <Typography>…</Typography>;
  if (data.problems.length === 0) return <Box padding={4} background="neutral0"><Typography data-testid="problems-none">{t('problems.none', 'No problem found.')}</Typography></Box>;
  return (
    <Box background="neutral0" padding={4} hasRadius>
      <ul data-testid="problems">
        {data.problems.map((p, k) => (
          <li key={k} data-testid="problem" data-severity={p.severity} data-code={p.code} style={{ padding: '8px 0', borderBottom: '1px solid #eaeaef' }}>
            <Flex gap={2} alignItems="center" wrap="wrap">
              <Badge backgroundColor={p.severity === 'blocking' ? 'danger100' : 'warning100'} textColor={p.severity === 'blocking' ? 'danger700' : 'warning700'}>
                {t(`problems.${p.severity}`, p.severity)}
              </Badge>
              {cmPath(p.object) ? <Link to={cmPath(p.object)!}>{p.object.name} ({p.object.code})</Link> : p.object.name}
              <Typography variant="pi" textColor="neutral500">{t(`state.${p.object.state}`, p.object.state)} · {p.code}</Typography>
            </Flex>
            <Typography tag="p" variant="omega">{p.message[lang]}</Typography>
            <Typography variant="pi">{p.objects.map((o, j) => <span key={j}><ObjectLink object={o} /> </span>)}</Typography>
          </li>
        ))}
      </ul>
    </Box>
  );
}

function SetupView({ season }: { season: string }) {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage }, values);
  const { data, error } = useGet<{ organization: { name: string } | null; season: { name: string } | null; steps: { key: string; type: string; required: boolean; count: number; done: boolean; detail: Record<string, number> }[] }>(
    season ? `/${PLUGIN_ID}/setup?season=${season}` : null
  );
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!data) return <Typography>…</Typography>;
  return (
    <Box background="neutral0" padding={4} hasRadius>
      <Typography variant="beta" tag="h2">{t('setup.title', 'Setup steps')} — {data.organization?.name} · {data.season?.name}</Typography>
      <ol data-testid="setup-steps" style={{ paddingTop: 12 }}>
        {data.steps.map((s, k) => (
          <li key={s.key} data-testid="setup-step" data-step={s.key} data-done={s.done ? 'true' : 'false'} style={{ padding: '6px 0' }}>
            <Flex gap={2} alignItems="center">
              <Typography fontWeight="bold">{k + 1}. {t(`setup.${s.key}`, s.key)}{s.required ? ' *' : ''}</Typography>
              <Badge backgroundColor={s.done ? 'success100' : 'danger100'} textColor={s.done ? 'success700' : 'danger700'}>
                {s.done ? t('setup.done', 'done') : t('setup.missing', 'missing')}
              </Badge>
              <Typography variant="pi" textColor="neutral600">{t('setup.count', '{count} object(s)', { count: s.count })}{Object.entries(s.detail).map(([key, value]) => ` · ${t(`setup.detail.${key}`, key)} ${value}`).join('')}</Typography>
              <Link to={cmListPath(s.type)}>{t('setup.open', 'Open')}</Link>
            </Flex>
          </li>
        ))}
      </ol>
      <Typography variant="pi" textColor="neutral500">* {t('setup.required', 'mandatory step of the manual')}</Typography>
    </Box>
  );
}
