import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  DatePicker,
  Dialog,
  Field,
  Flex,
  IconButton,
  Loader,
  Modal,
  MultiSelect,
  MultiSelectOption,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Textarea,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Pencil, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useAuth, useNotification, useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { apiFailure, useDeletePerimeterMutation, useGetEffectiveRightsQuery, useGetOperatorsQuery, useGetPerimeterOptionsQuery, useRestorePresetRolesMutation, useSavePerimeterMutation } from '../api';
import { useTranslate } from '../utils/translate';

export const VERBS = ['read', 'create', 'update', 'delete'] as const;

export interface Ref {
  documentId: string;
  code: string;
  name: string;
}

export interface PerimeterRow {
  documentId: string;
  institutionWide: boolean;
  organization: Ref | null;
  salesChannels: Ref[];
  validFrom: string | null;
  validUntil: string | null;
  note: string | null;
  current: boolean;
  status: 'current' | 'future' | 'expired';
}

/** An operator as the operators route lists them. */
export interface Operator {
  id: number;
  name: string;
  email: string;
  roles: { id: number; code: string; name: string }[];
}

/** One answer of the effective rights: allowed or not, and the roles behind it. */
export interface RightCell {
  allowed: boolean;
  because: { role: { id: number; code: string; name: string }; conditions: string[]; perimeterApplies: boolean }[];
}

/** The effective-rights route's answer. */
export interface EffectiveRights {
  operator: { superAdmin: boolean };
  perimeter: PerimeterRow[];
  types: {
    type: string;
    channelRule?: { fr: string; en: string } | null;
    rows: { organization: Ref | null; inPerimeter: boolean; channelLimit?: Ref[] | null; content: Record<(typeof VERBS)[number], RightCell>; transitions: Record<string, RightCell> }[];
  }[];
}

/** The form of one perimeter row (what POST /operators/:id/perimeters and PUT /perimeters/:documentId take). */
interface Draft {
  documentId: string | null;
  institutionWide: boolean;
  organization: string;
  salesChannels: string[];
  validFrom: string;
  validUntil: string;
  note: string;
}

const EMPTY: Draft = { documentId: null, institutionWide: false, organization: '', salesChannels: [], validFrom: '', validUntil: '', note: '' };

/** YYYY-MM-DD of a picked day (local calendar day, not its UTC instant). */
const isoDay = (date: Date | undefined) => (date ? `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}` : '');
const dayOf = (text: string) => (text ? new Date(`${text}T12:00:00`) : undefined);

/**
 * Paramètres › Billetterie › Opérateurs et droits: an operator's perimeter rows (list, add, edit,
 * delete through the perimeter routes) and their effective rights per type and organisation.
 * Editing needs perimeters.manage; the server also refuses one's own rows and, for a manager
 * limited to their perimeter, rows outside it.
 */
export const OperatorsPage = () => {
  const authReady = useAuth('OperatorsPage', (state) => !state.isLoading && Boolean(state.user));
  if (!authReady) return <Page.Loading />;
  return (
    <Page.Protect permissions={PERMISSIONS.perimeters}>
      <OperatorsPageContent />
    </Page.Protect>
  );
};

function OperatorsPageContent() {
  const { t, locale } = useTranslate('operators');
  const { toggleNotification } = useNotification();
  const viewerId = useAuth('OperatorsPage', (state) => state.user?.id);
  const { isLoading: rbacLoading, allowedActions } = useRBAC({ manage: PERMISSIONS.perimeters });
  const canManage = !rbacLoading && Boolean(allowedActions.canManage);

  const [selected, setSelected] = React.useState<string | null>(null);
  const operatorsQuery = useGetOperatorsQuery();
  const optionsQuery = useGetPerimeterOptionsQuery();
  const rightsQuery = useGetEffectiveRightsQuery(selected ?? '', { skip: !selected });
  const [restorePresetRoles] = useRestorePresetRolesMutation();
  const [savePerimeter] = useSavePerimeterMutation();
  const [deletePerimeter] = useDeletePerimeterMutation();
  const operators: Operator[] | null = operatorsQuery.data ?? null;
  const options = optionsQuery.data ?? null;
  const rights: EffectiveRights | null = (selected && rightsQuery.data) || null;
  const loading = rightsQuery.isFetching;
  const [draft, setDraft] = React.useState<Draft | null>(null);
  const [fieldError, setFieldError] = React.useState<{ field: string; message: string } | null>(null);
  const [saving, setSaving] = React.useState(false);
  const [deleting, setDeleting] = React.useState<PerimeterRow | null>(null);

  const danger = (e: unknown) => toggleNotification({ type: 'danger', message: apiFailure(e).message });

  // Failures of the lists and of the rights: one notification each time a request fails.
  const failures = [operatorsQuery.error, optionsQuery.error, rightsQuery.error];
  React.useEffect(() => {
    for (const failure of failures) if (failure) danger(failure);
    // On a new failure only: `danger` (a new function each render) only notifies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, failures);

  const restore = async () => {
    try {
      await restorePresetRoles().unwrap();
      toggleNotification({ type: 'success', message: t('restored', 'Rôles prédéfinis restaurés') });
    } catch (e) {
      danger(e);
    }
  };

  const own = selected !== null && String(selected) === String(viewerId);
  const editable = canManage && !own;

  const openDraft = (row?: PerimeterRow) => {
    setFieldError(null);
    setDraft(
      row
        ? {
            documentId: row.documentId,
            institutionWide: row.institutionWide,
            organization: row.organization?.documentId ?? '',
            salesChannels: row.salesChannels.map((c) => c.documentId),
            validFrom: row.validFrom ?? '',
            validUntil: row.validUntil ?? '',
            note: row.note ?? '',
          }
        : EMPTY,
    );
  };

  const save = async () => {
    if (!draft || !selected) return;
    const body = {
      institutionWide: draft.institutionWide,
      organization: draft.institutionWide ? null : draft.organization || null,
      salesChannels: draft.salesChannels,
      validFrom: draft.validFrom || null,
      validUntil: draft.validUntil || null,
      note: draft.note || null,
    };
    setSaving(true);
    try {
      await savePerimeter({ documentId: draft.documentId, operatorId: selected, body }).unwrap();
      toggleNotification({ type: 'success', message: t('perimeter.saved', 'Périmètre enregistré') });
      setDraft(null);
    } catch (e) {
      const { message, field } = apiFailure(e);
      setFieldError(field ? { field, message } : null);
      toggleNotification({ type: 'danger', message });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!deleting) return;
    try {
      await deletePerimeter(deleting.documentId).unwrap();
      toggleNotification({ type: 'success', message: t('perimeter.deleted', 'Ligne de périmètre supprimée') });
    } catch (e) {
      danger(e);
    } finally {
      setDeleting(null);
    }
  };

  const statusLabel = (status: string) => (status === 'current' ? t('status.current', 'en cours') : status === 'future' ? t('status.future', 'à venir') : t('status.expired', 'expiré'));
  const why = (cell: RightCell) =>
    cell.because.length === 0
      ? t('noGrant', 'aucun rôle ne donne ce droit')
      : cell.because.map((b) => `${b.role.name} (${b.perimeterApplies ? t('limited', 'limité au périmètre') : t('unlimited', 'sans limite de périmètre')})`).join(' ; ');
  const channelsText = (channels: Ref[] | null) => (channels === null || channels.length === 0 ? t('perimeter.allChannels', 'toutes les filières') : channels.map((c) => c.code).join(', '));
  const errorOf = (field: string) => (fieldError?.field === field ? fieldError.message : undefined);
  const perimeter: PerimeterRow[] = rights?.perimeter ?? [];

  return (
    <Page.Main>
      <Page.Title>{t('title', 'Opérateurs et droits effectifs')}</Page.Title>
      <Layouts.Header
        title={t('title', 'Opérateurs et droits effectifs')}
        subtitle={t('subtitle', "Périmètre d'un opérateur et ce qu'il peut faire, par type et par organisme, et pourquoi.")}
        primaryAction={
          <Button onClick={restore} disabled={!canManage}>
            {t('restore', 'Restaurer les rôles prédéfinis')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {!operators ? (
            <Loader />
          ) : (
            <Field.Root name="operator">
              <Field.Label>{t('choose', 'Opérateur')}</Field.Label>
              <SingleSelect value={selected ?? undefined} onChange={(v: string | number) => setSelected(String(v))}>
                {operators.map((o) => (
                  <SingleSelectOption key={o.id} value={String(o.id)}>
                    {`${o.name || o.email} — ${o.roles.map((r) => r.name).join(', ')}`}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          )}
          {loading && <Loader />}
          {rights && !loading && (
            <Box>
              <Flex justifyContent="space-between" alignItems="center" paddingBottom={2}>
                <Typography variant="delta" tag="h2">
                  {t('perimeter', 'Périmètre')}
                </Typography>
                <Button startIcon={<Plus />} onClick={() => openDraft()} disabled={!editable}>
                  {t('perimeter.add', 'Ajouter une ligne')}
                </Button>
              </Flex>
              {!canManage && <Typography textColor="neutral600">{t('perimeter.cannotManage', "Vous n'avez pas le droit de gérer les périmètres.")}</Typography>}
              {canManage && own && <Typography textColor="neutral600">{t('perimeter.own', 'Vous ne pouvez pas modifier votre propre périmètre.')}</Typography>}
              {rights.operator.superAdmin && <Badge>{t('superAdmin', 'Super administrateur : tous les droits')}</Badge>}
              {perimeter.length === 0 ? (
                <Box paddingTop={2} paddingBottom={4}>
                  <Typography>{t('none', 'aucun périmètre')}</Typography>
                </Box>
              ) : (
                <Box paddingTop={2} paddingBottom={4}>
                  <Table colCount={6} rowCount={perimeter.length + 1}>
                    <Thead>
                      <Tr>
                        <Th>
                          <Typography variant="sigma">{t('organization', 'Organisme')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">{t('perimeter.channels', 'Filières')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">{t('perimeter.validity', 'Validité')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">{t('perimeter.status', 'État')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">{t('perimeter.note', 'Note')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">{t('perimeter.actions', 'Actions')}</Typography>
                        </Th>
                      </Tr>
                    </Thead>
                    <Tbody>
                      {perimeter.map((row) => (
                        <Tr key={row.documentId}>
                          <Td>
                            <Typography>{row.institutionWide ? t('institution', "toute l'institution") : (row.organization?.name ?? '?')}</Typography>
                          </Td>
                          <Td>
                            <Typography>{channelsText(row.salesChannels)}</Typography>
                          </Td>
                          <Td>
                            <Typography>{`${row.validFrom ?? '…'} → ${row.validUntil ?? '…'}`}</Typography>
                          </Td>
                          <Td>
                            <Badge active={row.current}>{statusLabel(row.status)}</Badge>
                          </Td>
                          <Td>
                            <Typography variant="pi">{row.note ?? ''}</Typography>
                          </Td>
                          <Td>
                            <Flex gap={1}>
                              <IconButton label={t('perimeter.edit', 'Modifier')} onClick={() => openDraft(row)} disabled={!editable}>
                                <Pencil />
                              </IconButton>
                              <IconButton label={t('perimeter.delete', 'Supprimer')} onClick={() => setDeleting(row)} disabled={!editable}>
                                <Trash />
                              </IconButton>
                            </Flex>
                          </Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                </Box>
              )}
              <Typography variant="delta" tag="h2">
                {t('rightsTitle', 'Droits effectifs')}
              </Typography>
              <Box paddingTop={2}>
                <Table colCount={5} rowCount={rights.types.reduce((n, ty) => n + ty.rows.length, 0)}>
                  <Thead>
                    <Tr>
                      <Th>
                        <Typography variant="sigma">{t('type', 'Type')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('organization', 'Organisme')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('rights', 'Lire / Créer / Modifier / Supprimer')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('transitions', 'Transitions')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('why', 'Pourquoi')}</Typography>
                      </Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {rights.types.flatMap((ty) =>
                      ty.rows.map((row) => (
                        <Tr key={`${ty.type}-${row.organization?.documentId ?? 'institution'}`}>
                          <Td>
                            <Typography>{ty.type}</Typography>
                          </Td>
                          <Td>
                            <Typography>{row.organization ? row.organization.code : '—'}</Typography>
                            {!row.inPerimeter && <Typography textColor="neutral500">{` (${t('out', 'hors périmètre')})`}</Typography>}
                          </Td>
                          <Td>
                            <Flex gap={1}>
                              {VERBS.map((v) => (
                                <Badge key={v} active={row.content[v].allowed} title={why(row.content[v])}>
                                  {`${v[0].toUpperCase()}${row.content[v].allowed ? '✓' : '✗'}`}
                                </Badge>
                              ))}
                            </Flex>
                          </Td>
                          <Td>
                            <Flex gap={1} wrap="wrap">
                              {Object.entries(row.transitions).map(([action, cell]) => (
                                <Badge key={action} active={cell.allowed} title={why(cell)}>
                                  {`${action}${cell.allowed ? '✓' : '✗'}`}
                                </Badge>
                              ))}
                            </Flex>
                          </Td>
                          <Td>
                            <Typography variant="pi">{why(row.content.read)}</Typography>
                            {ty.channelRule && row.inPerimeter && row.channelLimit && (
                              <Typography variant="pi" textColor="neutral600" tag="p">
                                {t('channelLimit', 'Limité aux filières {channels} : {rule}', {
                                  channels: channelsText(row.channelLimit),
                                  rule: locale.startsWith('fr') ? ty.channelRule.fr : ty.channelRule.en,
                                })}
                              </Typography>
                            )}
                          </Td>
                        </Tr>
                      )),
                    )}
                  </Tbody>
                </Table>
              </Box>
            </Box>
          )}
        </Flex>

        <Modal.Root open={draft !== null} onOpenChange={(open: boolean) => !open && setDraft(null)}>
          <Modal.Content>
            <Modal.Header>
              <Modal.Title>{draft?.documentId ? t('perimeter.editTitle', 'Modifier la ligne de périmètre') : t('perimeter.addTitle', 'Nouvelle ligne de périmètre')}</Modal.Title>
            </Modal.Header>
            {draft && (
              <Modal.Body>
                <Flex direction="column" alignItems="stretch" gap={4}>
                  <Field.Root name="institutionWide" error={errorOf('institutionWide')}>
                    <Checkbox checked={draft.institutionWide} onCheckedChange={(checked: boolean | 'indeterminate') => setDraft({ ...draft, institutionWide: checked === true })}>
                      {t('perimeter.institutionWide', "Toute l'institution (tous les organismes)")}
                    </Checkbox>
                    <Field.Error />
                  </Field.Root>
                  <Field.Root name="organization" error={errorOf('organization')} required={!draft.institutionWide}>
                    <Field.Label>{t('organization', 'Organisme')}</Field.Label>
                    <SingleSelect
                      disabled={draft.institutionWide}
                      value={draft.organization || undefined}
                      placeholder={t('perimeter.chooseOrganization', 'Choisir un organisme')}
                      onChange={(v: string | number) => setDraft({ ...draft, organization: String(v) })}
                    >
                      {(options?.organizations ?? []).map((o) => (
                        <SingleSelectOption key={o.documentId} value={o.documentId}>{`${o.code} — ${o.name}`}</SingleSelectOption>
                      ))}
                    </SingleSelect>
                    <Field.Error />
                  </Field.Root>
                  <Field.Root name="salesChannels" error={errorOf('salesChannels')} hint={t('perimeter.channelsHint', 'Aucune filière choisie : toutes les filières.')}>
                    <Field.Label>{t('perimeter.channels', 'Filières')}</Field.Label>
                    <MultiSelect
                      value={draft.salesChannels}
                      withTags
                      placeholder={t('perimeter.allChannels', 'toutes les filières')}
                      onChange={(values: string[]) => setDraft({ ...draft, salesChannels: values })}
                      onClear={() => setDraft({ ...draft, salesChannels: [] })}
                    >
                      {(options?.salesChannels ?? []).map((c) => (
                        <MultiSelectOption key={c.documentId} value={c.documentId}>{`${c.code} — ${c.name}`}</MultiSelectOption>
                      ))}
                    </MultiSelect>
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                  <Flex gap={4} alignItems="flex-start">
                    {(['validFrom', 'validUntil'] as const).map((field) => (
                      <Field.Root key={field} name={field} error={errorOf(field)}>
                        <Field.Label>{field === 'validFrom' ? t('perimeter.validFrom', 'Valide à partir du') : t('perimeter.validUntil', "Valide jusqu'au (inclus)")}</Field.Label>
                        <DatePicker
                          locale={locale}
                          value={dayOf(draft[field])}
                          onChange={(date: Date | undefined) => setDraft({ ...draft, [field]: isoDay(date) })}
                          onClear={() => setDraft({ ...draft, [field]: '' })}
                          clearLabel={t('perimeter.clear', 'Effacer')}
                        />
                        <Field.Error />
                      </Field.Root>
                    ))}
                  </Flex>
                  <Field.Root name="note" error={errorOf('note')}>
                    <Field.Label>{t('perimeter.note', 'Note')}</Field.Label>
                    <Textarea value={draft.note} maxLength={500} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setDraft({ ...draft, note: e.target.value })} />
                    <Field.Error />
                  </Field.Root>
                </Flex>
              </Modal.Body>
            )}
            <Modal.Footer>
              <Modal.Close>
                <Button variant="tertiary">{t('perimeter.cancel', 'Annuler')}</Button>
              </Modal.Close>
              <Button onClick={save} loading={saving} disabled={!editable}>
                {t('perimeter.save', 'Enregistrer')}
              </Button>
            </Modal.Footer>
          </Modal.Content>
        </Modal.Root>

        <Dialog.Root open={deleting !== null} onOpenChange={(open: boolean) => !open && setDeleting(null)}>
          <Dialog.Content>
            <Dialog.Header>{t('perimeter.deleteTitle', 'Supprimer cette ligne de périmètre ?')}</Dialog.Header>
            <Dialog.Body>
              <Typography>
                {deleting ? `${deleting.institutionWide ? t('institution', "toute l'institution") : (deleting.organization?.name ?? '?')} · ${channelsText(deleting.salesChannels)}` : ''}
              </Typography>
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.Cancel>
                <Button variant="tertiary">{t('perimeter.cancel', 'Annuler')}</Button>
              </Dialog.Cancel>
              <Dialog.Action>
                <Button variant="danger-light" onClick={remove}>
                  {t('perimeter.delete', 'Supprimer')}
                </Button>
              </Dialog.Action>
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Root>
      </Layouts.Content>
    </Page.Main>
  );
}

export default OperatorsPage;
