import * as React from 'react';
import { Badge, Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { DateTime } from 'luxon';
import { Link } from 'react-router-dom';
import { useGetExplanationsQuery } from '../../api';
import { PLUGIN_ID } from '../../pluginId';
import { useTranslate } from '../../utils/translate';
import type { TimelineColors } from './colors';
import { cmPath, type ExplainData, type ObjectRef, type SaleStatus } from './model';

/** Light background, dark text (design-system tokens, so the dark theme follows): readable at any zoom. */
export const STATUS_BADGE: Record<SaleStatus, { background: string; text: string }> = {
  ON_SALE: { background: 'success100', text: 'success700' },
  SOON_ON_SALE: { background: 'secondary100', text: 'secondary700' },
  SALES_ENDED: { background: 'neutral150', text: 'neutral800' },
  TEMPORARILY_UNAVAILABLE: { background: 'warning100', text: 'warning700' },
  NOT_ON_SALE: { background: 'danger100', text: 'danger700' },
  SOLD_OUT: { background: 'alternative100', text: 'alternative700' },
};

/** An object by its name, linked to its Content Manager page, with its code small beside. */
export function ObjectName({ object, name }: { object: ObjectRef; name?: string }) {
  const path = cmPath(object);
  const label = name ?? object.name ?? object.code;
  return (
    <span>
      {path ? (
        <Link to={path} data-testid="object-link">
          {label}
        </Link>
      ) : (
        label
      )}
      {object.code && object.code !== label && (
        <Typography variant="pi" textColor="neutral500" tag="span" style={{ marginLeft: 4 }}>
          {object.code}
        </Typography>
      )}
    </span>
  );
}

/** One lane of the answer (channel × audience category) in the explanation, with its status in the timeline. */
export interface ExplainedLane {
  channelId: string;
  categoryId: string;
  label: string;
  status: SaleStatus;
}

export function StatusBadge({ status, colors, testId }: { status: SaleStatus; colors: TimelineColors; testId?: string }) {
  const { t } = useTranslate();
  return (
    <Badge backgroundColor={STATUS_BADGE[status].background} textColor={STATUS_BADGE[status].text} data-testid={testId} data-status={status}>
      <span aria-hidden style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, marginRight: 4, background: colors.status[status] }} />
      {t(`status.${status}`, status)}
    </Badge>
  );
}

/**
 * The explanation of a lane, beside the timeline (BilletteriePage lays them out side by side). In
 * words first: each audience subcategory's status, the reasons as sentences naming the objects,
 * and the draft calendars or profiles that would change the answer once validated (linked). Codes
 * and the engine's reason codes are behind « détails ». A grouped lane lists each of its lanes,
 * then explains each one. In the draft preview, a banner says the answer is not live yet.
 */
export function Explanation(props: {
  performanceId: string;
  lanes: ExplainedLane[];
  status: SaleStatus;
  at: number;
  includeDrafts: boolean;
  timeZone: string;
  colors: TimelineColors;
  onClose: () => void;
}) {
  const { t, locale, lang } = useTranslate();
  const [details, setDetails] = React.useState(false);
  const at = new Date(props.at).toISOString();
  const lanesKey = props.lanes.map((l) => `${l.channelId}|${l.categoryId}`).join(',');
  const args = React.useMemo(
    () =>
      lanesKey.split(',').map((lane) => {
        const [channel, category] = lane.split('|');
        return { performance: props.performanceId, channel, category, at, includeDrafts: props.includeDrafts };
      }),
    [props.performanceId, lanesKey, at, props.includeDrafts],
  );
  const { currentData: explained, error, isFetching } = useGetExplanationsQuery(args, { refetchOnMountOrArgChange: true });
  const fmt = (iso: string | null) => (iso ? DateTime.fromISO(iso, { zone: props.timeZone }).setLocale(locale).toFormat('dd/LL/yyyy HH:mm') : '—');

  // Docked under the timeline (narrow window), the panel may open out of sight: bring it into view.
  const panel = React.useRef<HTMLElement>(null);
  React.useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  const grouped = props.lanes.length > 1;
  const first = explained?.[0];
  const badge = (status: SaleStatus, testId?: string) => <StatusBadge status={status} colors={props.colors} testId={testId} />;
  const errorMessage = error ? ('message' in error && error.message ? String(error.message) : t('page.error', 'The request failed.')) : null;

  return (
    <Box
      tag="aside"
      data-testid="explanation"
      data-details={details ? 'true' : 'false'}
      aria-label={t('explain.title', 'Explanation')}
      background="neutral0"
      shadow="tableShadow"
      padding={5}
      hasRadius
      ref={panel}
      style={{ flex: '0 1 440px', width: 440, position: 'sticky', top: 16, maxHeight: 'calc(100vh - 32px)', overflowY: 'auto' }}
    >
      <Flex justifyContent="space-between" alignItems="center" gap={2}>
        <Typography variant="beta" tag="h2">
          {t('explain.title', 'Explanation')}
        </Typography>
        <Flex gap={1}>
          <Button variant="ghost" size="S" onClick={() => setDetails((d) => !d)} aria-expanded={details} data-testid="details-toggle">
            {details ? t('explain.hideDetails', 'Hide details') : t('explain.details', 'Details')}
          </Button>
          <Button variant="tertiary" size="S" onClick={props.onClose} data-testid="explanation-close">
            {t('explain.close', 'Close')}
          </Button>
        </Flex>
      </Flex>
      {props.includeDrafts && (
        <Box marginTop={3} padding={3} background="warning100" borderColor="warning200" hasRadius data-testid="preview-banner">
          <Typography variant="omega" fontWeight="bold" textColor="warning700">
            {t('explain.preview', 'Preview — not in force yet')}
          </Typography>
          <Typography variant="pi" tag="p" textColor="warning700">
            {t('explain.previewHint', 'The answer below treats the draft calendars and profiles as validated.')}
          </Typography>
        </Box>
      )}
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
      {errorMessage && <Typography textColor="danger600">{errorMessage}</Typography>}
      {!explained && !errorMessage && isFetching && <Loader small>{t('page.loading', 'Loading…')}</Loader>}
      {first && (
        <Box paddingTop={3}>
          <Typography variant="delta" tag="p">
            <ObjectName object={{ type: 'event', id: first.event.id, code: first.event.code, name: first.event.name }} />
          </Typography>
          <Typography variant="omega" tag="p">
            {t('explain.performance', 'Performance of {date}', { date: fmt(first.performance.startsAt) })}{' '}
            <Typography variant="pi" textColor="neutral500" tag="span">
              {first.performance.code}
            </Typography>
          </Typography>
          {/* Disponibilités (issue #17): pools, releases and the plan by seat status of this performance. */}
          <Link to={`/plugins/${PLUGIN_ID}/board/${props.performanceId}`} data-testid="board-link">
            <Typography variant="pi" textColor="primary600">
              {t('explain.board', 'Availability board')} →
            </Typography>
          </Link>
        </Box>
      )}
      {explained?.map((data) => (
        <LaneExplanation key={`${data.channel.id}|${data.audienceCategory.id}`} data={data} grouped={grouped} details={details} fmt={fmt} lang={lang} badge={badge} />
      ))}
    </Box>
  );
}

function LaneExplanation({
  data,
  grouped,
  details,
  fmt,
  lang,
  badge,
}: {
  data: ExplainData;
  grouped: boolean;
  details: boolean;
  fmt: (iso: string | null) => string;
  lang: 'fr' | 'en';
  badge: (s: SaleStatus, testId?: string) => React.ReactNode;
}) {
  const { t } = useTranslate();
  return (
    <Flex direction="column" alignItems="stretch" gap={3} paddingTop={3} data-testid="explanation-lane" data-channel={data.channel.code} data-category={data.audienceCategory.code}>
      <Box style={grouped ? { paddingTop: 8 } : undefined} borderColor={grouped ? 'neutral200' : undefined}>
        <Typography variant={grouped ? 'delta' : 'omega'} tag={grouped ? 'h3' : 'p'}>
          <ObjectName object={{ type: 'salesChannel', id: data.channel.id, code: data.channel.code, name: data.channel.name }} /> ·{' '}
          <ObjectName object={{ type: 'audienceCategory', id: data.audienceCategory.id, code: data.audienceCategory.code, name: data.audienceCategory.name }} />
          {!data.channel.active && (
            <Typography variant="pi" textColor="neutral500" tag="span">
              {' '}
              ({t('timeline.inactive', 'inactive')})
            </Typography>
          )}
        </Typography>
        <Typography variant="pi" textColor="neutral600" tag="p">
          {t('explain.at', 'at')} {fmt(data.at)}
        </Typography>
      </Box>
      {data.answers.length === 0 && <Typography>{t('explain.noSubcategory', 'No audience subcategory of this category in the season.')}</Typography>}
      {data.answers.map(({ subcategory, answer, live, drafts, capacity }) => (
        <Box key={subcategory.id} data-testid="explanation-answer" data-subcategory={subcategory.code} data-status={answer.status} padding={3} hasRadius borderColor="neutral200">
          <Flex gap={2} alignItems="center" wrap="wrap">
            <ObjectName object={{ type: 'audienceSubcategory', id: subcategory.id, code: subcategory.code, name: subcategory.name }} />
            {badge(answer.status, 'explanation-status')}
          </Flex>
          {live && (
            <Flex gap={2} alignItems="center" paddingTop={1} data-testid="explanation-live" data-status={live.status}>
              <Typography variant="pi" textColor="neutral600">
                {t('explain.liveNow', 'In force today:')}
              </Typography>
              {badge(live.status)}
            </Flex>
          )}
          <Typography variant="pi" tag="p">
            {t('explain.window', 'Window')} : {fmt(answer.opensAt)} → {fmt(answer.closesAt)}
          </Typography>
          {answer.reasons.length > 0 && (
            <ul style={{ paddingLeft: 16, listStyle: 'disc' }}>
              {answer.reasons.map((r, k) => (
                <li key={k} data-testid="explanation-reason" data-code={r.code}>
                  <Typography variant="omega">{r.message[lang]}</Typography>
                  {details && (
                    <Typography variant="pi" textColor="neutral500" tag="span" data-testid="reason-code">
                      {' '}
                      ({r.code}
                      {r.objects.length > 0 ? ` · ${r.objects.map((o) => o.code).join(', ')}` : ''})
                    </Typography>
                  )}
                </li>
              ))}
            </ul>
          )}
          {capacity && (
            <Box paddingTop={2} data-testid="explanation-capacity">
              <Typography variant="pi" fontWeight="bold">
                {t('explain.capacity', 'Places left now:')}
              </Typography>
              <ul>
                {capacity.categories.map((c) => (
                  <li key={c.seatCategory} data-testid="explanation-capacity-category" data-category={c.seatCategory} data-available={c.available}>
                    <Typography variant="pi">
                      {t('explain.capacityLine', '{category}: {count} left, bound by {pool} ({used} of {capacity} taken)', {
                        category: c.seatCategory,
                        count: c.available,
                        pool: c.binding.label[lang],
                        used: c.binding.used,
                        capacity: c.binding.capacity,
                      })}
                    </Typography>
                    {details && (
                      <ul style={{ paddingLeft: 16 }}>
                        {c.pools.map((p, k) => (
                          <li key={k} data-testid="explanation-pool" data-kind={p.kind}>
                            <Typography variant="pi" textColor={p.applies ? 'neutral800' : 'neutral500'}>
                              {p.label[lang]} : {p.used} / {p.capacity} · {t('explain.poolLeft', '{count} left', { count: p.left })}
                            </Typography>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            </Box>
          )}
          {drafts.length > 0 && (
            <Box paddingTop={2}>
              <Typography variant="pi" fontWeight="bold">
                {t('explain.draftsChange', 'Would change once validated:')}
              </Typography>
              <ul>
                {drafts.map((d) => (
                  <li key={`${d.type}:${d.id}`} data-testid="explanation-draft" data-code={d.code} data-status={d.status}>
                    <Flex gap={2} alignItems="center" wrap="wrap">
                      <Typography variant="pi">{t(`explain.draftType.${d.type}`, d.type)}</Typography>
                      <ObjectName object={{ type: d.type, id: d.id, code: d.code, name: d.name }} />
                      <Typography variant="pi">→</Typography>
                      {badge(d.status)}
                      {d.opensAt && (
                        <Typography variant="pi" textColor="neutral600">
                          {fmt(d.opensAt)} → {fmt(d.closesAt)}
                        </Typography>
                      )}
                    </Flex>
                  </li>
                ))}
              </ul>
            </Box>
          )}
          {details && (answer.provenance.periods.length > 0 || answer.provenance.profiles.length > 0) && (
            <Typography variant="pi" tag="p" data-testid="explanation-provenance">
              {t('explain.provenance', 'Provenance')} :{' '}
              {answer.provenance.periods.map((p, k) => (
                <span key={`p${k}`}>
                  <ObjectName object={p.calendar} /> / {p.period.name ?? p.period.code ?? p.period.id}{' '}
                </span>
              ))}
              {answer.provenance.profiles.map((p, k) => (
                <span key={`r${k}`}>
                  <ObjectName object={p} />{' '}
                </span>
              ))}
            </Typography>
          )}
        </Box>
      ))}
      <Box>
        <Typography variant="sigma" tag="h3">
          {t('explain.calendars', 'Calendars reaching this channel')}
        </Typography>
        <Typography tag="p">
          {data.window.calendars.length === 0
            ? '—'
            : data.window.calendars.map((c) => (
                <span key={c.id}>
                  <ObjectName object={c} />{' '}
                </span>
              ))}
        </Typography>
        <Typography variant="sigma" tag="h3">
          {t('explain.intervals', 'Sale windows')}
        </Typography>
        {data.window.intervals.length === 0 ? (
          <Typography tag="p">—</Typography>
        ) : (
          <ul>
            {data.window.intervals.map((i, k) => (
              <li key={k}>
                <Typography variant="pi">
                  {fmt(i.opensAt)} → {fmt(i.closesAt)}
                </Typography>
                {details && (
                  <Typography variant="pi" textColor="neutral500">
                    {' '}
                    ({i.periods.map((p) => `${p.calendar.code}/${p.period.code || p.period.id}`).join(', ')})
                  </Typography>
                )}
              </li>
            ))}
          </ul>
        )}
        <Typography variant="sigma" tag="h3">
          {t('explain.profiles', 'Profiles granting on this channel')}
        </Typography>
        <Typography tag="p">
          {data.window.profiles.length === 0
            ? '—'
            : data.window.profiles.map((p) => (
                <span key={p.profile.id}>
                  <ObjectName object={p.profile} />{' '}
                </span>
              ))}
        </Typography>
      </Box>
    </Flex>
  );
}
