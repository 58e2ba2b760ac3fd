import { Box, Typography } from '@strapi/design-system';
import type { Translate } from '../../../utils/translate';
import { categoryColor, type countLayout } from './model';

/** The server's capacity reconciliation (the `places` routes' answer; shared/seating-plan.ts › CapacityReconciliation). */
export interface ServerReconciliation {
  categories?: { code: string; kind?: string; seats: number; killed: number; areaGauges: number; sellable: number }[];
  totalSeats?: number;
  unassignedSeats?: number;
  killedSeats?: number;
  areaGauges?: number;
  sellable?: number;
  securityGauge?: number;
  physicalSecurityGauge?: number;
  blocking?: { code: string; message: { fr: string; en: string } | string; count?: number }[];
  warnings?: { code: string; message: { fr: string; en: string } | string; count?: number }[];
}

const text = (m: { fr: string; en: string } | string, lang: 'fr' | 'en') => (typeof m === 'string' ? m : m[lang]);

/**
 * Capacity reconciliation: per category, seats + area gauges − kills = sellable, the total against
 * the security gauge, and what blocks validation. The counts follow the edits at once (computed
 * here); the blocking problems are the server's (preview route), once the edits rest.
 */
export function Reconciliation(props: {
  counts: ReturnType<typeof countLayout>;
  names: { code: string; name: string }[];
  securityGauge: number;
  server: ServerReconciliation | null;
  t: Translate;
  lang: 'fr' | 'en';
}) {
  const { counts, names, securityGauge, server, t, lang } = props;
  const unassigned = counts.uncategorised - counts.killedUncategorised;
  const over = counts.total > securityGauge;
  const blocking = server?.blocking
    ? server.blocking.map((b) => text(b.message, lang))
    : [
        ...(unassigned > 0 ? [t('seating.blockUnassigned', '{count} places sans catégorie', { count: unassigned })] : []),
        ...(over ? [t('seating.blockOverGauge', '{sellable} places vendables pour une jauge de sécurité de {gauge}', { sellable: counts.total, gauge: securityGauge })] : []),
      ];
  const warnings = (server?.warnings ?? []).map((w) => text(w.message, lang));
  const cell = { padding: '2px 6px', textAlign: 'right' as const };
  return (
    <Box background="neutral0" padding={4} hasRadius shadow="tableShadow" data-testid="seating-reconciliation" data-blocking={blocking.length}>
      <Typography variant="delta" tag="h2">
        {t('seating.reconciliation', 'Réconciliation des capacités')}
      </Typography>
      <Box tag="table" width="100%" paddingTop={2}>
        <thead>
          <tr>
            <th style={{ textAlign: 'left' }}>
              <Typography variant="sigma">{t('seating.category', 'Catégorie')}</Typography>
            </th>
            <th style={cell}>
              <Typography variant="sigma">{t('seating.seats', 'Places')}</Typography>
            </th>
            <th style={cell}>
              <Typography variant="sigma">{t('seating.areaGauges', 'Zones')}</Typography>
            </th>
            <th style={cell}>
              <Typography variant="sigma">{t('seating.kills', 'Neutr.')}</Typography>
            </th>
            <th style={cell}>
              <Typography variant="sigma">{t('seating.sellable', 'Vendables')}</Typography>
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.categories.map((c, k) => (
            <tr key={c.code} data-testid="seating-reconciliation-row" data-code={c.code}>
              <td>
                <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: categoryColor(k), marginRight: 6 }} />
                <Typography variant="omega">{names[k]?.name ?? c.code}</Typography>
              </td>
              <td style={cell}>
                <Typography variant="omega">{c.seats}</Typography>
              </td>
              <td style={cell}>
                <Typography variant="omega">+ {c.areaGauge}</Typography>
              </td>
              <td style={cell}>
                <Typography variant="omega">− {c.killed}</Typography>
              </td>
              <td style={cell}>
                <Typography variant="omega" fontWeight="bold">
                  {c.sellable}
                </Typography>
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <Typography variant="omega" fontWeight="bold">
                {t('seating.total', 'Total vendable')}
              </Typography>
            </td>
            <td colSpan={3} style={cell}>
              <Typography variant="pi" textColor="neutral600">
                {t('seating.againstGauge', 'jauge de sécurité {gauge}', { gauge: securityGauge })}
              </Typography>
            </td>
            <td style={cell}>
              <Typography variant="omega" fontWeight="bold" textColor={over ? 'danger600' : 'success600'} data-testid="seating-total">
                {counts.total}
              </Typography>
            </td>
          </tr>
        </tbody>
      </Box>
      <Box paddingTop={3} data-testid="seating-blocking">
        {blocking.length === 0 ? (
          <Typography variant="omega" textColor="success600" data-testid="seating-can-validate">
            {t('seating.canValidate', 'Rien ne bloque la validation.')}
          </Typography>
        ) : (
          <>
            <Typography variant="sigma" textColor="danger600">
              {t('seating.blocking', 'Ce qui bloque la validation')}
            </Typography>
            <Box tag="ul" paddingLeft={4}>
              {blocking.map((b, k) => (
                <li key={k}>
                  <Typography variant="pi" textColor="danger600" data-testid="seating-blocking-item">
                    {b}
                  </Typography>
                </li>
              ))}
            </Box>
          </>
        )}
        {warnings.length > 0 && (
          <Box tag="ul" paddingLeft={4} paddingTop={2}>
            {warnings.map((w, k) => (
              <li key={k}>
                <Typography variant="pi" textColor="warning600">
                  {w}
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </Box>
    </Box>
  );
}
