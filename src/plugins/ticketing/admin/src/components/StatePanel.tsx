import * as React from 'react';
import { Badge, Box, Button, Checkbox, Divider, Field, Flex, Loader, Modal, Textarea, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { STATEFUL_TYPES, type TransitionAction, type TransitionProblem, type TransitionsView } from '../../../shared/lifecycle';
import { PLUGIN_ID } from '../pluginId';
import { apiFailure, useApplyTransitionMutation, useGetImpactQuery, useGetTransitionsQuery, type ImpactData, type ImpactEntry } from '../api';
import { getTranslation as t } from '../utils/translate';

/** How the admin's data layer reports a failure: the server's error (`{ name, message, details }`), when it answered. */
type ApiFailure = { message?: string; details?: { blocking?: TransitionProblem[] } } | null | undefined;

/** What the Content Manager passes to an edit-view side panel (content-manager's PanelComponentProps). */
interface PanelProps {
  model: string;
  documentId?: string;
  collectionType: string;
}

const typeOf = (model: string) => {
  const prefix = `plugin::${PLUGIN_ID}.`;
  if (!model.startsWith(prefix)) return null;
  const name = model.slice(prefix.length);
  return (STATEFUL_TYPES as Record<string, { kind: string; plural: string }>)[name] ?? null;
};

export const STATE_COLOURS: Record<string, { background: string; text: string }> = {
  draft: { background: 'neutral150', text: 'neutral700' },
  preparing: { background: 'neutral150', text: 'neutral700' },
  validated: { background: 'primary100', text: 'primary700' },
  running: { background: 'success100', text: 'success700' },
  suspended: { background: 'warning100', text: 'warning700' },
  archived: { background: 'neutral200', text: 'neutral600' },
  closed: { background: 'neutral200', text: 'neutral600' },
  cancelled: { background: 'danger100', text: 'danger700' },
};

function Problems({ title, problems, tone }: { title: string; problems: TransitionProblem[]; tone: 'danger' | 'warning' }) {
  const { locale } = useIntl();
  if (problems.length === 0) return null;
  const lang = locale.startsWith('fr') ? 'fr' : 'en';
  return (
    <Box>
      <Typography variant="sigma" textColor={tone === 'danger' ? 'danger600' : 'warning600'}>
        {title} ({problems.length})
      </Typography>
      <Box tag="ul" paddingTop={1}>
        {problems.map((p, i) => (
          <Box tag="li" key={`${p.code}-${i}`} paddingBottom={1}>
            <Typography variant="pi">{p.message[lang]}</Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** The types whose validation changes sale windows, as the impact route names them. */
const IMPACT_TYPES: Record<string, string> = { 'sales-calendar': 'salesCalendar', 'activity-profile': 'activityProfile' };

/**
 * In the validate dialog: « ces N séances ouvrent sur WEB le … », from the engine with the draft
 * treated as validated (GET /ticketing/impact), grouped per channel and opening instant.
 */
function ImpactPreview({ impactType, documentId }: { impactType: string; documentId: string }) {
  const { formatMessage, formatDate } = useIntl();
  const { data, isError } = useGetImpactQuery({ type: impactType, id: documentId }, { refetchOnMountOrArgChange: true });
  // e.g. no timeline.read right: the dialog works without the preview
  if (isError) return null;
  if (!data) return <Loader small>{formatMessage({ id: t('impact.loading'), defaultMessage: 'Computing…' })}</Loader>;
  if (!data.applicable) return null;
  const date = (iso: string) => formatDate(iso, { dateStyle: 'long', timeStyle: 'short' });
  const group = (entries: ImpactEntry[]) => {
    const byOpening = new Map<string, ImpactEntry[]>();
    for (const e of entries) byOpening.set(e.opensAt, [...(byOpening.get(e.opensAt) ?? []), e]);
    return [...byOpening.entries()];
  };
  const section = (channel: ImpactData['channels'][number]['channel'], entries: ImpactEntry[], kind: 'gained' | 'lost') => (
    <Box key={`${channel.id}-${kind}`} data-testid="impact-channel" data-channel={channel.code} data-kind={kind} data-count={entries.length} paddingTop={2}>
      <Typography variant="omega" fontWeight="bold" textColor={kind === 'gained' ? 'success700' : 'danger700'}>
        {formatMessage(
          {
            id: t(kind === 'gained' ? 'impact.opens' : 'impact.loses'),
            defaultMessage: kind === 'gained' ? '{count} performances open on {channel}:' : '{count} performances lose windows on {channel}:',
          },
          { count: entries.length, channel: channel.name },
        )}
      </Typography>
      <Box tag="ul" paddingLeft={3}>
        {group(entries).map(([opensAt, list]) => (
          <Box tag="li" key={opensAt}>
            <Typography variant="pi">
              {formatMessage({ id: t('impact.on'), defaultMessage: 'on {date}' }, { date: date(opensAt) })} : {list.map((e) => e.performance.code).join(', ')}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
  return (
    <Box data-testid="impact-preview" background="neutral100" padding={3} hasRadius>
      <Typography variant="sigma">{formatMessage({ id: t('impact.title'), defaultMessage: 'What validating changes' })}</Typography>
      {data.channels.length === 0 ? (
        <Typography tag="p" variant="pi">
          {formatMessage({ id: t('impact.none'), defaultMessage: 'Validating changes no sale window to come.' })}
        </Typography>
      ) : (
        data.channels.flatMap((c) => [c.gained.length > 0 && section(c.channel, c.gained, 'gained'), c.lost.length > 0 && section(c.channel, c.lost, 'lost')])
      )}
    </Box>
  );
}

function StatePanelContent({ model, documentId }: { model: string; documentId: string }) {
  const type = typeOf(model)!;
  const { formatMessage, formatDate, locale } = useIntl();
  const { toggleNotification } = useNotification();
  const transitions = useGetTransitionsQuery({ plural: type.plural, documentId }, { refetchOnMountOrArgChange: true });
  const [applyTransition] = useApplyTransitionMutation();
  const view: TransitionsView | undefined = transitions.data;
  const loadError = transitions.isError ? apiFailure(transitions.error).message : null;
  const [pending, setPending] = React.useState<{ action: TransitionAction; reasonRequired: boolean } | null>(null);
  const [reason, setReason] = React.useState('');
  const [includePerformances, setIncludePerformances] = React.useState(true);
  const [busy, setBusy] = React.useState(false);
  const [refusal, setRefusal] = React.useState<{ message: string; blocking: TransitionProblem[] } | null>(null);
  const lang = locale.startsWith('fr') ? 'fr' : 'en';

  async function apply(action: TransitionAction) {
    setBusy(true);
    setRefusal(null);
    try {
      const body: Record<string, unknown> = { action };
      if (reason.trim()) body.reason = reason.trim();
      if (model.endsWith('.event') && action === 'run') body.includePerformances = includePerformances;
      const data = await applyTransition({ plural: type.plural, documentId, body }).unwrap();
      const warnings: TransitionProblem[] = data.warnings ?? [];
      toggleNotification({
        type: warnings.length ? 'warning' : 'success',
        message: formatMessage({ id: t('transitions.done'), defaultMessage: 'Done' }) + (warnings.length ? ` — ${warnings.map((w) => w.message[lang]).join(' ; ')}` : ''),
      });
      setPending(null);
      setReason('');
      // The edit form holds the former state: reload it so that a save does not send it back.
      window.location.reload();
    } catch (error) {
      const payload = error as ApiFailure;
      setRefusal({ message: payload?.message ?? String(error), blocking: payload?.details?.blocking ?? [] });
      setPending(null);
      transitions.refetch();
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <Typography textColor="danger600">{loadError}</Typography>;
  if (!view) return <Loader small>{formatMessage({ id: t('transitions.loading'), defaultMessage: 'Loading' })}</Loader>;

  const colours = STATE_COLOURS[view.state] ?? STATE_COLOURS.draft;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Flex gap={2} wrap="wrap">
        <Typography variant="sigma">{formatMessage({ id: t('transitions.state'), defaultMessage: 'State' })}</Typography>
        <Badge backgroundColor={colours.background} textColor={colours.text}>
          {formatMessage({ id: t(`state.${view.state}`), defaultMessage: view.state })}
        </Badge>
      </Flex>
      {view.readOnly && (
        <Typography variant="pi" textColor="neutral600">
          {formatMessage({ id: t(view.final ? 'transitions.final' : 'transitions.readOnly'), defaultMessage: 'Read-only' })}
        </Typography>
      )}

      {view.allowedActions.length > 0 && (
        <Flex direction="column" alignItems="stretch" gap={2}>
          {view.allowedActions.map((a) => (
            <Button
              key={a.action}
              fullWidth
              variant={a.action === 'cancel' || a.action === 'archive' ? 'danger-light' : a.action === 'validate' || a.action === 'run' ? 'default' : 'secondary'}
              disabled={!a.permitted || busy || (a.action === 'validate' && (view.check?.blocking.length ?? 0) > 0)}
              onClick={() => {
                setReason('');
                setPending({ action: a.action, reasonRequired: a.reasonRequired });
              }}
            >
              {formatMessage({ id: t(`action.${a.action}`), defaultMessage: a.action })}
            </Button>
          ))}
          {view.allowedActions.some((a) => !a.permitted) && (
            <Typography variant="pi" textColor="neutral600">
              {formatMessage({ id: t('transitions.notPermitted'), defaultMessage: 'You may not change the state of this object.' })}
            </Typography>
          )}
        </Flex>
      )}

      {refusal && (
        <Box background="danger100" padding={2} hasRadius>
          <Typography variant="pi" textColor="danger700">
            {refusal.message}
          </Typography>
        </Box>
      )}

      {view.check && (
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Problems title={formatMessage({ id: t('transitions.blocking'), defaultMessage: 'Blocking problems' })} problems={view.check.blocking} tone="danger" />
          <Problems title={formatMessage({ id: t('transitions.warnings'), defaultMessage: 'Warnings' })} problems={view.check.warnings} tone="warning" />
          {view.check.blocking.length === 0 && view.check.warnings.length === 0 && (
            <Typography variant="pi" textColor="success600">
              {formatMessage({ id: t('transitions.checkOk'), defaultMessage: 'No problem found.' })}
            </Typography>
          )}
        </Flex>
      )}

      {view.history && (
        <Box>
          <Divider />
          <Box paddingTop={2}>
            <Typography variant="sigma">{formatMessage({ id: t('transitions.history'), defaultMessage: 'Last transitions' })}</Typography>
          </Box>
          {view.history.length === 0 ? (
            <Typography variant="pi" textColor="neutral600">
              {formatMessage({ id: t('transitions.noHistory'), defaultMessage: 'No transition yet.' })}
            </Typography>
          ) : (
            <Box tag="ol" paddingTop={1}>
              {view.history.slice(0, 5).map((h) => (
                <Box tag="li" key={h.id} paddingBottom={2}>
                  <Typography variant="pi" fontWeight="bold">
                    {formatMessage({ id: t(`state.${h.fromState}`), defaultMessage: h.fromState })} → {formatMessage({ id: t(`state.${h.toState}`), defaultMessage: h.toState })}
                  </Typography>
                  <br />
                  <Typography variant="pi" textColor="neutral600">
                    {formatDate(h.at, { dateStyle: 'short', timeStyle: 'short' })} · {h.operatorName}
                    {h.reason ? ` · « ${h.reason} »` : ''}
                  </Typography>
                </Box>
              ))}
            </Box>
          )}
        </Box>
      )}

      <Modal.Root open={pending !== null} onOpenChange={(open: boolean) => !open && setPending(null)}>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>{pending ? formatMessage({ id: t(`action.${pending.action}`), defaultMessage: pending.action }) : ''}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography>{formatMessage({ id: t('transitions.confirm'), defaultMessage: 'Confirm this change of state?' })}</Typography>
              {pending?.action === 'validate' && IMPACT_TYPES[model.slice(`plugin::${PLUGIN_ID}.`.length)] && (
                <ImpactPreview impactType={IMPACT_TYPES[model.slice(`plugin::${PLUGIN_ID}.`.length)]} documentId={documentId} />
              )}
              <Field.Root name="reason" required={pending?.reasonRequired ?? false}>
                <Field.Label>{formatMessage({ id: t('transitions.reason'), defaultMessage: 'Reason' })}</Field.Label>
                <Textarea value={reason} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
                <Field.Hint />
              </Field.Root>
              {model.endsWith('.event') && pending?.action === 'run' && (
                <Checkbox checked={includePerformances} onCheckedChange={(checked: boolean | 'indeterminate') => setIncludePerformances(checked === true)}>
                  {formatMessage({ id: t('transitions.includePerformances'), defaultMessage: 'Also put its validated performances into operation' })}
                </Checkbox>
              )}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{formatMessage({ id: t('transitions.cancelDialog'), defaultMessage: 'Back' })}</Button>
            </Modal.Close>
            <Button loading={busy} disabled={busy || (pending?.reasonRequired === true && reason.trim() === '')} onClick={() => pending && apply(pending.action)}>
              {formatMessage({ id: t('transitions.submit'), defaultMessage: 'Confirm' })}
            </Button>
          </Modal.Footer>
        </Modal.Content>
      </Modal.Root>
    </Flex>
  );
}

/** The edit-view side panel of the seven types with a state; nothing for other types or on creation. */
export const StatePanel = (props: PanelProps) => {
  const { formatMessage } = useIntl();
  if (!typeOf(props.model) || !props.documentId) return null;
  return {
    title: formatMessage({ id: t('transitions.title'), defaultMessage: 'State' }),
    content: <StatePanelContent model={props.model} documentId={props.documentId} />,
  };
};
