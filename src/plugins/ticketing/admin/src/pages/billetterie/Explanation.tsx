import * as React from 'react';
import { Badge, Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { DateTime } from 'luxon';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { PLUGIN_ID } from '../../pluginId';
import { STATUS_COLOR, cmPath, type Message, type ObjectRef, type SaleStatus } from './model';

interface ExplainData {
  at: string;
  performance: { id: string; code: string; startsAt: string; state: string };
  event: { id: string; code: string; name: string; state: string };
  season: { id: string; code: string; name: string; state: string };
  channel: { id: string; code: string; name: string };
  audienceCategory: { id: string; code: string; name: string };
  window: {
    calendars: ObjectRef[];
    periods: ObjectRef[];
    intervals: { opensAt: string; closesAt: string; position?: string; periods: { calendar: ObjectRef; period: ObjectRef; opensAt: string; closesAt: string }[] }[];
    profiles: { profile: ObjectRef; buyerKind: string }[];
  };
  answers: {
    subcategory: { id: string; code: string; name: string };
    answer: { status: SaleStatus; opensAt: string | null; closesAt: string | null; provenance: { periods: { calendar: ObjectRef; period: ObjectRef }[]; profiles: ObjectRef[] }; reasons: { code: string; message: Message; objects: ObjectRef[] }[] };
  }[];
}

/** Light background, dark text (design-system tokens): readable at any zoom; the dot keeps the bar's colour. */
const STATUS_BADGE: Record<SaleStatus, { background: string; text: string }> = {
  ON_SALE: { background: 'success100', text: 'success700' },
  SOON_ON_SALE: { background: 'primary100', text: 'primary700' },
  SALES_ENDED: { background: 'neutral150', text: 'neutral800' },
  TEMPORARILY_UNAVAILABLE: { background: 'warning100', text: 'warning700' },
  NOT_ON_SALE: { background: 'danger100', text: 'danger700' },
};

export function ObjectLink({ object }: { object: ObjectRef }) {
  const path = cmPath(object);
  const label = object.code || object.id;
  return path ? <Link to={path} data-testid="object-link">{label}</Link> : <span>{label}</span>;
}

/** One lane of the answer (channel × audience category) in the explanation, with its status in the timeline. */
export interface ExplainedLane { channelId: string; categoryId: string; label: string; status: SaleStatus }

/**
 * The explanation of a lane, beside the timeline (BilletteriePage lays them out side by side). A
 * grouped lane (a channel across categories, or a category across channels) lists each of its
 * lanes — with the status it has in the timeline — then explains each one (one request per lane).
 */
export function Explanation(props: { performanceId: string; lanes: ExplainedLane[]; status: SaleStatus; at: number; includeDrafts: boolean; timeZone: string; onClose: () => void }) {
  const { get } = useFetchClient();
  const { formatMessage, locale } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage }, values);
  const lang: 'fr' | 'en' = locale.startsWith('fr') ? 'fr' : 'en';
  const [explained, setExplained] = React.useState<ExplainData[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const fmt = (iso: string | null) => (iso ? DateTime.fromISO(iso, { zone: props.timeZone }).setLocale(locale).toFormat('dd/LL/yyyy HH:mm') : '—');
  const lanesKey = props.lanes.map((l) => `${l.channelId}|${l.categoryId}`).join(',');

  React.useEffect(() => {
    let live = true;
    setError(null);
    setExplained(null);
    Promise.all(
      props.lanes.map((lane) => {
        const params = new URLSearchParams({ performance: props.performanceId, channel: lane.channelId, category: lane.categoryId, at: new Date(props.at).toISOString(), includeDrafts: String(props.includeDrafts) });
        return get<{ data: ExplainData }>(`/${PLUGIN_ID}/explain?${params}`).then((res) => res.data.data);
      })
    )
      .then((all) => live && setExplained(all))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
    // `props.lanes` is a new array each render: `lanesKey` tracks its content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [get, props.performanceId, lanesKey, props.at, props.includeDrafts]);

  // Docked under the timeline (narrow window), the panel may open out of sight: bring it into view.
  const panel = React.useRef<HTMLElement>(null);
  React.useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  const grouped = props.lanes.length > 1;
  const first = explained?.[0];
  const badge = (status: SaleStatus, testId?: string) => (
    <Badge backgroundColor={STATUS_BADGE[status].background} textColor={STATUS_BADGE[status].text} data-testid={testId}>
      <span aria-hidden style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, marginRight: 4, background: STATUS_COLOR[status] }} />
      {t(`status.${status}`, status)}
    </Badge>
  );

  return (
    <Box
      tag="aside"
      data-testid="explanation"
      aria-label={t('explain.title', 'Explanation')}
      background="neutral0"
      shadow="tableShadow"
      padding={5}
      hasRadius
      ref={panel}
      style={{ flex: '0 1 440px', width: 440, position: 'sticky', top: 16, maxHeight: 'calc(100vh - 32px)', overflowY: 'auto' }}
    >
      <Flex justifyContent="space-between" alignItems="center">
        <Typography variant="beta" tag="h2">{t('explain.title', 'Explanation')}</Typography>
        <Button variant="tertiary" onClick={props.onClose} data-testid="explanation-close">{t('explain.close', 'Close')}</Button>
      </Flex>
      {grouped && (
        <Box paddingTop={3} data-testid="explanation-summary" data-status={props.status}>
          <Flex gap={2} alignItems="center" wrap="wrap">
            <Typography variant="omega">{t('explain.grouped', 'Best status of {count} lanes:', { count: props.lanes.length })}</Typography>
            {badge(props.status)}
          </Flex>
          <ul style={{ paddingTop: 4 }}>
            {props.lanes.map((lane) => (
              <li key={`${lane.channelId}|${lane.categoryId}`} data-testid="explanation-member" data-status={lane.status} style={{ padding: '2px 0' }}>
                <Flex gap={2} alignItems="center">
                  <Typography variant="pi">{lane.label}</Typography>
                  {badge(lane.status)}
                </Flex>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {error && <Typography textColor="danger600">{error}</Typography>}
      {!explained && !error && <Loader small>…</Loader>}
      {first && (
        <Box paddingTop={3}>
          <Typography variant="delta" tag="p">
            <Link to={cmPath({ type: 'event', id: first.event.id })!}>{first.event.name}</Link> — <Link to={cmPath({ type: 'performance', id: first.performance.id })!}>{first.performance.code}</Link>
          </Typography>
        </Box>
      )}
      {explained?.map((data) => (
        <Flex key={`${data.channel.id}|${data.audienceCategory.id}`} direction="column" alignItems="stretch" gap={4} paddingTop={3} data-testid="explanation-lane" data-channel={data.channel.code} data-category={data.audienceCategory.code}>
          <Box style={grouped ? { borderTop: '1px solid #dcdce4', paddingTop: 8 } : undefined}>
            <Typography variant={grouped ? 'delta' : 'pi'} tag={grouped ? 'h3' : 'p'}>
              <Link to={cmPath({ type: 'salesChannel', id: data.channel.id })!}>{data.channel.name}</Link> ·{' '}
              <Link to={cmPath({ type: 'audienceCategory', id: data.audienceCategory.id })!}>{data.audienceCategory.name}</Link> · {t('explain.at', 'at')} {fmt(data.at)}
            </Typography>
          </Box>
          {data.answers.length === 0 && <Typography>{t('explain.noSubcategory', 'No audience subcategory of this category in the season.')}</Typography>}
          {data.answers.map(({ subcategory, answer }) => (
            <Box key={subcategory.id} data-testid="explanation-answer" data-subcategory={subcategory.code} data-status={answer.status} padding={3} hasRadius borderColor="neutral200">
              <Flex gap={2} alignItems="center">
                <Link to={cmPath({ type: 'audienceSubcategory', id: subcategory.id })!}>{subcategory.name}</Link>
                {badge(answer.status, 'explanation-status')}
              </Flex>
              <Typography variant="pi" tag="p">
                {t('explain.window', 'Window')} : {fmt(answer.opensAt)} → {fmt(answer.closesAt)}
              </Typography>
              {answer.reasons.length > 0 && (
                <ul style={{ paddingLeft: 16, listStyle: 'disc' }}>
                  {answer.reasons.map((r, k) => (
                    <li key={k} data-testid="explanation-reason" data-code={r.code}>
                      <Typography variant="omega">{r.message[lang]}</Typography>{' '}
                      <Typography variant="pi" textColor="neutral500">({r.code})</Typography>{' '}
                      {r.objects.map((o, j) => <span key={j}> <ObjectLink object={o} /></span>)}
                    </li>
                  ))}
                </ul>
              )}
              {(answer.provenance.periods.length > 0 || answer.provenance.profiles.length > 0) && (
                <Typography variant="pi" tag="p">
                  {t('explain.provenance', 'Provenance')} :{' '}
                  {answer.provenance.periods.map((p, k) => <span key={`p${k}`}><ObjectLink object={p.calendar} /> / {p.period.code || p.period.id} </span>)}
                  {answer.provenance.profiles.map((p, k) => <span key={`r${k}`}><ObjectLink object={p} /> </span>)}
                </Typography>
              )}
            </Box>
          ))}
          <Box>
            <Typography variant="sigma" tag="h3">{t('explain.calendars', 'Calendars reaching this channel')}</Typography>
            <Typography tag="p">{data.window.calendars.length === 0 ? '—' : data.window.calendars.map((c) => <span key={c.id}><ObjectLink object={c} /> </span>)}</Typography>
            <Typography variant="sigma" tag="h3">{t('explain.intervals', 'Sale windows')}</Typography>
            {data.window.intervals.length === 0 ? <Typography tag="p">—</Typography> : (
              <ul>
                {data.window.intervals.map((i, k) => (
                  <li key={k}>
                    <Typography variant="pi">{fmt(i.opensAt)} → {fmt(i.closesAt)} ({i.periods.map((p) => `${p.calendar.code}/${p.period.code || p.period.id}`).join(', ')})</Typography>
                  </li>
                ))}
              </ul>
            )}
            <Typography variant="sigma" tag="h3">{t('explain.profiles', 'Profiles granting on this channel')}</Typography>
            <Typography tag="p">{data.window.profiles.length === 0 ? '—' : data.window.profiles.map((p) => <span key={p.profile.id}><ObjectLink object={p.profile} /> </span>)}</Typography>
          </Box>
        </Flex>
      ))}
    </Box>
  );
}
