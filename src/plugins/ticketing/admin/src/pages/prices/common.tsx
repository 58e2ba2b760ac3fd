import * as React from 'react';
import { Badge, Box, Button, Field, Flex, Loader, TextInput, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { failure, useApplyTransitionMutation, useGetTransitionsQuery } from '../../api';
import { PLUGIN_ID } from '../../pluginId';
import { useTranslate, type Translate } from '../../utils/translate';

/** Links between the grids and the fee tables. */
export function PricesNav({ current, t }: { current: 'grids' | 'fees'; t: Translate }) {
  const link = (to: string, label: string, active: boolean, testId: string) => (
    <Link to={to} data-testid={testId} aria-current={active ? 'page' : undefined} style={{ textDecoration: 'none' }}>
      <Typography fontWeight={active ? 'bold' : undefined} textColor={active ? 'primary600' : 'neutral600'}>
        {label}
      </Typography>
    </Link>
  );
  return (
    <Flex gap={4}>
      {link(`/plugins/${PLUGIN_ID}/prices`, t('prices.navGrids', 'Grilles tarifaires'), current === 'grids', 'prices-nav-grids')}
      {link(`/plugins/${PLUGIN_ID}/prices/fees`, t('fees.title', 'Tables de frais'), current === 'fees', 'prices-nav-fees')}
    </Flex>
  );
}

/** A grid's or fee table's state and its transitions (validate, reopen, archive) through the existing transitions routes. */
export function StateBar({ plural, documentId, dirty, onChanged }: { plural: string; documentId: string; dirty: boolean; onChanged: () => void }) {
  const { t, lang } = useTranslate();
  const transitions = useGetTransitionsQuery({ plural, documentId }, { refetchOnMountOrArgChange: true });
  const [applyTransition, applying] = useApplyTransitionMutation();
  const [refusal, setRefusal] = React.useState<{ message: string; blocking: string[] } | null>(null);
  /** An action that needs a reason (reopen, archive): asked for before it is applied. */
  const [pending, setPending] = React.useState<string | null>(null);
  const [reason, setReason] = React.useState('');
  const view = transitions.data;
  if (!view) return transitions.isError ? <Typography textColor="danger600">{failure(transitions.error).message}</Typography> : <Loader small />;
  const apply = async (action: string) => {
    setRefusal(null);
    try {
      await applyTransition({ plural, documentId, body: reason.trim() ? { action, reason: reason.trim() } : { action } }).unwrap();
      setPending(null);
      setReason('');
      transitions.refetch();
      onChanged();
    } catch (error) {
      const f = failure(error);
      setRefusal({ message: f.message ?? String(error), blocking: (f.details?.blocking ?? []).map((b) => b.message[lang]) });
      transitions.refetch();
    }
  };
  return (
    <Flex direction="column" alignItems="flex-end" gap={2}>
      <Flex gap={2}>
        <Badge data-testid="prices-state" active={view.state === 'validated'}>
          {t(`state.${view.state}`, view.state)}
        </Badge>
        {view.allowedActions
          .filter((a) => a.permitted)
          .map((a) => (
            <Button
              key={a.action}
              size="S"
              variant={a.action === 'archive' ? 'danger-light' : a.action === 'validate' ? 'default' : 'secondary'}
              loading={applying.isLoading}
              disabled={dirty || (a.action === 'validate' && (view.check?.blocking.length ?? 0) > 0)}
              onClick={() => (a.reasonRequired ? (setReason(''), setPending(a.action)) : apply(a.action))}
              data-testid={`prices-action-${a.action}`}
            >
              {t(`action.${a.action}`, a.action)}
            </Button>
          ))}
      </Flex>
      {pending && (
        <Flex gap={2} alignItems="flex-end" data-testid="prices-reason">
          <Field.Root name="prices-reason" id="prices-reason" required>
            <Field.Label>{t('prices.reason', 'Motif')}</Field.Label>
            <TextInput size="S" value={reason} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setReason(e.target.value)} />
          </Field.Root>
          <Button size="S" disabled={!reason.trim()} loading={applying.isLoading} onClick={() => apply(pending)} data-testid="prices-reason-confirm">
            {t(`action.${pending}`, pending)}
          </Button>
          <Button size="S" variant="tertiary" onClick={() => setPending(null)}>
            {t('prices.cancel', 'Annuler')}
          </Button>
        </Flex>
      )}
      {dirty && view.allowedActions.length > 0 && (
        <Typography variant="pi" textColor="neutral600">
          {t('prices.saveBeforeTransition', 'Enregistrez avant de changer l’état.')}
        </Typography>
      )}
      {refusal && (
        <Box background="danger100" padding={2} hasRadius data-testid="prices-refusal">
          <Typography textColor="danger700">{refusal.message}</Typography>
          {refusal.blocking.map((b, i) => (
            <Typography key={i} tag="div" variant="pi" textColor="danger700">
              {b}
            </Typography>
          ))}
        </Box>
      )}
    </Flex>
  );
}
