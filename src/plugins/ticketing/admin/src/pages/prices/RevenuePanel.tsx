import * as React from 'react';
import { Box, Field, Flex, Loader, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Toggle, Tr, Typography } from '@strapi/design-system';
import { formatCents } from '../../../../shared/money';
import { apiFailure, useGetRevenueQuery } from '../../api';
import { useTranslate } from '../../utils/translate';
import type { SeasonPrices } from './model';

/**
 * Maximum gross revenue (recette maximale) of the season's performances, HT and TTC: sellable
 * places per seat category of each performance's logical configuration × the price of the chosen
 * tariff type (the full price by default); validated grids, or drafts too.
 */
export function RevenuePanel({ season }: { season: SeasonPrices }) {
  const { t, locale } = useTranslate();
  const [tariffType, setTariffType] = React.useState<string>(season.fullPriceTariffType ?? '');
  const [includeDrafts, setIncludeDrafts] = React.useState(true);
  const revenue = useGetRevenueQuery({ season: season.season.documentId, tariffType: tariffType || undefined, includeDrafts });
  const data = revenue.data;
  const codeOf = (id: string) => season.seatCategories.find((c) => c.documentId === id)?.code ?? id;
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <Box background="neutral0" padding={5} shadow="tableShadow" hasRadius data-testid="revenue-panel">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="beta" tag="h2">
          {t('revenue.title', 'Recette maximale')}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('revenue.help', 'Places vendables par catégorie (configuration logique de la séance ou de son événement) × le prix du type de tarif choisi.')}
        </Typography>
        <Flex gap={4} wrap="wrap" alignItems="flex-end">
          <Field.Root name="revenue-tariff" id="revenue-tariff" style={{ minWidth: 220 }}>
            <Field.Label>{t('revenue.tariffType', 'Type de tarif')}</Field.Label>
            <SingleSelect data-testid="revenue-tariff" size="S" value={tariffType || null} onChange={(v) => setTariffType(String(v))}>
              {season.tariffTypes.map((tt) => (
                <SingleSelectOption key={tt.documentId} value={tt.documentId}>
                  {`${tt.name} (${tt.code})`}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Field.Root name="revenue-drafts" id="revenue-drafts">
            <Field.Label>{t('revenue.includeDrafts', 'Compter les grilles en brouillon')}</Field.Label>
            <Toggle
              data-testid="revenue-drafts"
              checked={includeDrafts}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setIncludeDrafts(e.target.checked)}
              onLabel={t('toggle.on', 'Oui')}
              offLabel={t('toggle.off', 'Non')}
            />
          </Field.Root>
        </Flex>
        {revenue.isError ? (
          <Typography textColor="danger600">{apiFailure(revenue.error).message}</Typography>
        ) : !data ? (
          <Loader small>{t('prices.loading', 'Chargement')}</Loader>
        ) : (
          <>
            <Flex gap={6} data-testid="revenue-season">
              {(
                [
                  ['ttc', t('revenue.seasonTtc', 'Saison, TTC')],
                  ['ht', t('revenue.seasonHt', 'Saison, HT')],
                  ['vat', t('revenue.seasonVat', 'dont TVA')],
                ] as const
              ).map(([key, label]) => (
                <Box key={key}>
                  <Typography variant="sigma" textColor="neutral600" tag="div">
                    {label}
                  </Typography>
                  <Typography variant="alpha" data-testid={`revenue-season-${key}`}>
                    {formatCents(data.totals[key])}
                  </Typography>
                </Box>
              ))}
            </Flex>
            <Box overflow="auto" maxHeight="40rem">
              <Table colCount={6} rowCount={data.performances.length + 1}>
                <Thead>
                  <Tr>
                    <Th>
                      <Typography variant="sigma">{t('revenue.performance', 'Séance')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('revenue.event', 'Événement')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('revenue.sellable', 'Places vendables')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('revenue.ht', 'HT')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('revenue.ttc', 'TTC')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('revenue.unpriced', 'Catégories sans prix')}</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {data.performances.map((r) => (
                    <Tr key={r.performance.documentId} data-testid="revenue-row" data-code={r.performance.code}>
                      <Td>
                        <Typography>{r.performance.code}</Typography>
                        <Typography variant="pi" textColor="neutral600" tag="div">
                          {r.performance.startsAt ? date(r.performance.startsAt) : ''}
                        </Typography>
                      </Td>
                      <Td>
                        <Typography>{r.event.name}</Typography>
                      </Td>
                      <Td>
                        <Typography>{r.logicalConfiguration ? r.sellable : t('revenue.noConfiguration', 'aucune configuration logique')}</Typography>
                      </Td>
                      <Td>
                        <Typography data-testid="revenue-ht">{formatCents(r.ht)}</Typography>
                      </Td>
                      <Td>
                        <Typography data-testid="revenue-ttc">{formatCents(r.ttc)}</Typography>
                      </Td>
                      <Td>
                        <Typography textColor={r.unpricedSeatCategories.length ? 'warning600' : 'neutral600'}>{r.unpricedSeatCategories.map(codeOf).join(', ') || '—'}</Typography>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Box>
          </>
        )}
      </Flex>
    </Box>
  );
}
