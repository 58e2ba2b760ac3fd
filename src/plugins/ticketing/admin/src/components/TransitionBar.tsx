import * as React from 'react';
import { Badge, Box, Button, Field, Flex, Loader, TextInput, Typography } from '@strapi/design-system';
import { failure, useApplyTransitionMutation, useGetTransitionsQuery } from '../api';
import { useTranslate } from '../utils/translate';

/**
 * An object's state and the transitions the operator may apply (validate, reopen with its reason,
 * archive…), through the transitions routes; a refusal is shown with its blocking problems. Used by
 * the editors that own their page (Tarifs, fee tables, seating plans). `testId`: the prefix of the
 * test ids (`<testId>-state`, `<testId>-action-<action>`, `<testId>-reason`, `<testId>-refusal`).
 */
export function TransitionBar({ plural, documentId, dirty, onChanged, testId }: { plural: string; documentId: string; dirty: boolean; onChanged: () => void; testId: string }) {
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
        <Badge data-testid={`${testId}-state`} active={view.state === 'validated'}>
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
              disabled={dirty}
              onClick={() => (a.reasonRequired ? (setReason(''), setPending(a.action)) : apply(a.action))}
              data-testid={`${testId}-action-${a.action}`}
            >
              {t(`action.${a.action}`, a.action)}
            </Button>
          ))}
      </Flex>
      {pending && (
        <Flex gap={2} alignItems="flex-end" data-testid={`${testId}-reason`}>
          <Field.Root name={`${testId}-reason`} id={`${testId}-reason`} required>
            <Field.Label>{t('transitions.reason', 'Motif')}</Field.Label>
            <TextInput size="S" value={reason} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setReason(e.target.value)} />
          </Field.Root>
          <Button size="S" disabled={!reason.trim()} loading={applying.isLoading} onClick={() => apply(pending)} data-testid={`${testId}-reason-confirm`}>
            {t(`action.${pending}`, pending)}
          </Button>
          <Button size="S" variant="tertiary" onClick={() => setPending(null)}>
            {t('transitions.cancelDialog', 'Annuler')}
          </Button>
        </Flex>
      )}
      {dirty && view.allowedActions.length > 0 && (
        <Typography variant="pi" textColor="neutral600">
          {t('transitions.saveFirst', 'Enregistrez avant de changer l’état.')}
        </Typography>
      )}
      {refusal && (
        <Box background="danger100" padding={2} hasRadius data-testid={`${testId}-refusal`}>
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
