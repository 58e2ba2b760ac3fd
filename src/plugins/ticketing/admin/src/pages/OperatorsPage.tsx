import * as React from 'react';
import { Badge, Box, Button, Field, Flex, Loader, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';

/** Labels of this page, French first (the admin's default locale), English second. */
const TEXT = {
  fr: {
    title: 'Opérateurs et droits effectifs',
    subtitle: "Ce qu'un opérateur peut lire, créer, modifier, supprimer et quelles transitions il peut faire, par type et par organisme, et pourquoi.",
    choose: 'Opérateur',
    restore: 'Restaurer les rôles prédéfinis',
    restored: 'Rôles prédéfinis restaurés',
    perimeter: 'Périmètre',
    none: 'aucun périmètre',
    institution: "toute l'institution",
    type: 'Type',
    organization: 'Organisme',
    rights: 'Lire / Créer / Modifier / Supprimer',
    transitions: 'Transitions',
    why: 'Pourquoi',
    out: 'hors périmètre',
    superAdmin: 'Super administrateur : tous les droits',
    status: { current: 'en cours', future: 'à venir', expired: 'expiré' } as Record<string, string>,
    noGrant: 'aucun rôle ne donne ce droit',
    limited: 'limité au périmètre',
    unlimited: 'sans limite de périmètre',
  },
  en: {
    title: 'Operators and effective rights',
    subtitle: 'What an operator may read, create, update, delete and which transitions they may perform, per type and organisation, and why.',
    choose: 'Operator',
    restore: 'Restore the preset roles',
    restored: 'Preset roles restored',
    perimeter: 'Perimeter',
    none: 'no perimeter',
    institution: 'the whole institution',
    type: 'Type',
    organization: 'Organisation',
    rights: 'Read / Create / Update / Delete',
    transitions: 'Transitions',
    why: 'Why',
    out: 'outside perimeter',
    superAdmin: 'Super admin: every right',
    status: { current: 'current', future: 'future', expired: 'expired' } as Record<string, string>,
    noGrant: 'no role grants this right',
    limited: 'limited to the perimeter',
    unlimited: 'not limited by the perimeter',
  },
};

const VERBS = ['read', 'create', 'update', 'delete'] as const;

export const OperatorsPage = () => {
  const { locale } = useIntl();
  const t = TEXT[locale?.startsWith('fr') ? 'fr' : 'en'];
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [operators, setOperators] = React.useState<any[] | null>(null);
  const [selected, setSelected] = React.useState<string | null>(null);
  const [rights, setRights] = React.useState<any | null>(null);
  const [loading, setLoading] = React.useState(false);

  React.useEffect(() => {
    get(`/${PLUGIN_ID}/operators`)
      .then((res: any) => setOperators(res.data.data))
      .catch((e: any) => toggleNotification({ type: 'danger', message: e?.response?.data?.error?.message ?? String(e) }));
  }, []);

  React.useEffect(() => {
    if (!selected) return;
    setLoading(true);
    get(`/${PLUGIN_ID}/operators/${selected}/effective-rights`)
      .then((res: any) => setRights(res.data.data))
      .catch((e: any) => toggleNotification({ type: 'danger', message: e?.response?.data?.error?.message ?? String(e) }))
      .finally(() => setLoading(false));
  }, [selected]);

  const restore = async () => {
    try {
      await post(`/${PLUGIN_ID}/roles/presets/restore`, {});
      toggleNotification({ type: 'success', message: t.restored });
    } catch (e: any) {
      toggleNotification({ type: 'danger', message: e?.response?.data?.error?.message ?? String(e) });
    }
  };

  const why = (cell: any) =>
    cell.because.length === 0
      ? t.noGrant
      : cell.because.map((b: any) => `${b.role.name} (${b.perimeterApplies ? t.limited : t.unlimited})`).join(' ; ');

  return (
    <Page.Main>
      <Page.Title>{t.title}</Page.Title>
      <Layouts.Header title={t.title} subtitle={t.subtitle} primaryAction={<Button onClick={restore}>{t.restore}</Button>} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {!operators ? (
            <Loader />
          ) : (
            <Field.Root name="operator">
            <Field.Label>{t.choose}</Field.Label>
            <SingleSelect value={selected ?? undefined} onChange={(v: any) => setSelected(String(v))}>
              {operators.map((o) => (
                <SingleSelectOption key={o.id} value={String(o.id)}>
                  {`${o.name || o.email} — ${o.roles.map((r: any) => r.name).join(', ')}`}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            </Field.Root>
          )}
          {loading && <Loader />}
          {rights && !loading && (
            <Box>
              <Typography variant="delta" tag="h2">{t.perimeter}</Typography>
              <Flex gap={2} wrap="wrap" paddingTop={2} paddingBottom={4}>
                {rights.operator.superAdmin && <Badge>{t.superAdmin}</Badge>}
                {rights.perimeter.length === 0 && <Typography>{t.none}</Typography>}
                {rights.perimeter.map((p: any) => (
                  <Badge key={p.documentId} active={p.current}>
                    {`${p.institutionWide ? t.institution : p.organization?.name ?? '?'} · ${p.validFrom ?? '…'} → ${p.validUntil ?? '…'} · ${t.status[p.status]}`}
                  </Badge>
                ))}
              </Flex>
              <Table colCount={5} rowCount={rights.types.reduce((n: number, ty: any) => n + ty.rows.length, 0)}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t.type}</Typography></Th>
                    <Th><Typography variant="sigma">{t.organization}</Typography></Th>
                    <Th><Typography variant="sigma">{t.rights}</Typography></Th>
                    <Th><Typography variant="sigma">{t.transitions}</Typography></Th>
                    <Th><Typography variant="sigma">{t.why}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {rights.types.flatMap((ty: any) =>
                    ty.rows.map((row: any) => (
                      <Tr key={`${ty.type}-${row.organization?.documentId ?? 'institution'}`}>
                        <Td><Typography>{ty.type}</Typography></Td>
                        <Td>
                          <Typography>{row.organization ? row.organization.code : '—'}</Typography>
                          {!row.inPerimeter && <Typography textColor="neutral500">{` (${t.out})`}</Typography>}
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
                            {Object.entries(row.transitions).map(([action, cell]: [string, any]) => (
                              <Badge key={action} active={cell.allowed} title={why(cell)}>
                                {`${action}${cell.allowed ? '✓' : '✗'}`}
                              </Badge>
                            ))}
                          </Flex>
                        </Td>
                        <Td><Typography variant="pi">{why(row.content.read)}</Typography></Td>
                      </Tr>
                    ))
                  )}
                </Tbody>
              </Table>
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default OperatorsPage;
