import * as React from 'react';
import { Flex, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { PLUGIN_ID } from '../../pluginId';
import type { Translate } from '../../utils/translate';

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
