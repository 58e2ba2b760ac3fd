import * as React from 'react';
import { Badge, Box, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useAuth } from '@strapi/strapi/admin';
import { Link, Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../../permissions';
import { PLUGIN_ID } from '../../../pluginId';
import { useTranslate } from '../../../utils/translate';
import { apiFailure, useGetSeatingConfigurationsQuery } from '../../../api';
import { type ConfigurationKind } from './common';
import { LogicalEditor } from './LogicalEditor';
import { PhysicalEditor } from './PhysicalEditor';

/** « Billetterie › Plans de salle »: the list, the physical editor and the logical view. */
export function SeatingRoutes() {
  const authReady = useAuth('SeatingRoutes', (state) => !state.isLoading && Boolean(state.user));
  if (!authReady) return <Page.Loading />;
  return (
    <Page.Protect permissions={PERMISSIONS.timeline}>
      <Routes>
        <Route index element={<SeatingList />} />
        <Route path="physical/:documentId" element={<PhysicalEditor />} />
        <Route path="logical/:documentId" element={<LogicalEditor />} />
      </Routes>
    </Page.Protect>
  );
}

function useConfigurations(kind: ConfigurationKind) {
  const { lang } = useTranslate();
  const { data, error } = useGetSeatingConfigurationsQuery(kind);
  return { rows: data ?? null, error: error ? apiFailure(error, lang).message : null };
}

function SeatingList() {
  const { t } = useTranslate();
  return (
    <>
      <Layouts.Header
        title={t('seating.title', 'Plans de salle')}
        subtitle={t('seating.subtitle', 'Configurations physiques (le plan de la salle) et logiques (les catégories de places d’une saison)')}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <ConfigurationTable kind="physical" title={t('seating.physicalConfigurations', 'Configurations physiques')} />
          <ConfigurationTable kind="logical" title={t('seating.logicalConfigurations', 'Configurations logiques')} />
        </Flex>
      </Layouts.Content>
    </>
  );
}

function ConfigurationTable({ kind, title }: { kind: ConfigurationKind; title: string }) {
  const { t } = useTranslate();
  const { rows, error } = useConfigurations(kind);
  return (
    <Box data-testid={`seating-list-${kind}`}>
      <Box paddingBottom={2}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
      </Box>
      {error ? (
        <Typography textColor="danger600">{error}</Typography>
      ) : !rows ? (
        <Loader small>{t('seating.loading', 'Chargement')}</Loader>
      ) : rows.length === 0 ? (
        <Typography textColor="neutral600">{t('seating.none', 'Aucune configuration : créez-en une dans le gestionnaire de contenu.')}</Typography>
      ) : (
        <Table colCount={4} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('seating.code', 'Code')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('seating.name', 'Nom')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('seating.securityGauge', 'Jauge de sécurité')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('transitions.state', 'État')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((r) => (
              <Tr key={r.documentId} data-testid="seating-list-row" data-code={r.code}>
                <Td>
                  <Link to={`/plugins/${PLUGIN_ID}/seating/${kind}/${r.documentId}`} data-testid="seating-open">
                    <Typography textColor="primary600">{r.code}</Typography>
                  </Link>
                </Td>
                <Td>
                  <Typography>{r.name}</Typography>
                </Td>
                <Td>
                  <Typography>{r.securityGauge ?? ''}</Typography>
                </Td>
                <Td>
                  <Badge active={r.state === 'validated'}>{t(`state.${r.state}`, r.state)}</Badge>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Box>
  );
}
