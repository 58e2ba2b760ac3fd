import * as React from 'react';
import { Box, Button, Flex, Loader, MultiSelect, MultiSelectOption, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { Layouts, Page, useAuth } from '@strapi/strapi/admin';
import { useTheme } from 'styled-components';
import { useSearchParams } from 'react-router-dom';
import { editableCents, formatCents, formatPercent, parseEuros, parsePercent } from '../../../../shared/money';
import { failure, useGetFeeTableQuery, useGetFeeTablesQuery, useSaveFeeTableMutation } from '../../api';
import { PERMISSIONS } from '../../permissions';
import { useTranslate } from '../../utils/translate';
import { formatRate, type FeeTableView } from './model';
import { TransitionBar } from '../../components/TransitionBar';
import { PricesNav } from './common';

/** « Billetterie › Tarifs › Tables de frais »: the fee tables the operator may read, and one table's fees edited row by row. */
export function FeeTablesPage() {
  const authReady = useAuth('FeeTablesPage', (state) => !state.isLoading && Boolean(state.user));
  if (!authReady) return <Page.Loading />;
  return (
    <Page.Protect permissions={PERMISSIONS.timeline}>
      <FeeTablesContent />
    </Page.Protect>
  );
}

function FeeTablesContent() {
  const { t } = useTranslate();
  const [params, setParams] = useSearchParams();
  const tables = useGetFeeTablesQuery();
  const selected = params.get('table') ?? tables.data?.[0]?.documentId ?? '';
  return (
    <>
      <Layouts.Header title={t('fees.title', 'Tables de frais')} subtitle={t('fees.subtitle', 'Frais simples (par billet), généraux (par commande) et d’envoi, avec leur TVA')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={5}>
          <PricesNav current="fees" t={t} />
          {tables.isError ? (
            <Typography textColor="danger600">{failure(tables.error).message}</Typography>
          ) : !tables.data ? (
            <Loader small>{t('prices.loading', 'Chargement')}</Loader>
          ) : tables.data.length === 0 ? (
            <Typography textColor="neutral600">{t('fees.none', 'Aucune table de frais dans votre périmètre : créez-en une dans le gestionnaire de contenu (Table de frais).')}</Typography>
          ) : (
            <Flex gap={2} wrap="wrap" data-testid="fee-tables">
              {tables.data.map((table) => (
                <Button
                  key={table.documentId}
                  size="S"
                  variant={table.documentId === selected ? 'default' : 'tertiary'}
                  onClick={() => setParams({ table: table.documentId }, { replace: true })}
                  data-testid="fee-table-choice"
                  data-code={table.code}
                >
                  {`${table.name} — ${t(`fees.kind.${table.kind}`, table.kind)} (${t(`state.${table.state}`, table.state)})`}
                </Button>
              ))}
            </Flex>
          )}
          {selected && <FeeTableEditor key={selected} documentId={selected} />}
        </Flex>
      </Layouts.Content>
    </>
  );
}

/** One fee as edited: the amount or percentage kept as typed until it is saved. */
interface Row {
  fee: Record<string, unknown>;
  /** The amount (fixed, cents) or the percentage as typed. */
  valueText: string;
}

const FIELD_OF_KIND: Record<string, string> = { simple: 'value', general: 'value', delivery: 'amount' };

function rowOf(kind: string, fee: Record<string, unknown>): Row {
  const field = FIELD_OF_KIND[kind];
  const value = Number(fee[field] ?? 0);
  const percent = kind !== 'delivery' && fee.kind === 'percent';
  return { fee, valueText: percent ? String(value).replace('.', ',') : editableCents(value) };
}

function FeeTableEditor({ documentId }: { documentId: string }) {
  const { t, lang } = useTranslate();
  const colors = useTheme().colors as unknown as Record<string, string>;
  const view = useGetFeeTableQuery(documentId, { refetchOnMountOrArgChange: true });
  const [save, saving] = useSaveFeeTableMutation();
  const [rows, setRows] = React.useState<Row[]>([]);
  const [dirty, setDirty] = React.useState(false);
  const [errors, setErrors] = React.useState<Map<string, string>>(new Map());
  const [message, setMessage] = React.useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const data: FeeTableView | undefined = view.data;
  const loaded = React.useRef<FeeTableView | null>(null);
  React.useEffect(() => {
    if (!data || data === loaded.current || (dirty && data.table.state === 'draft')) return;
    loaded.current = data;
    setRows(data.table.fees.map((f) => rowOf(data.table.kind, f)));
    setDirty(false);
    setErrors(new Map());
  }, [data, dirty]);

  if (view.isError) return <Typography textColor="danger600">{failure(view.error).message}</Typography>;
  if (!data) return <Loader small>{t('prices.loading', 'Chargement')}</Loader>;
  const kind = data.table.kind;
  const readOnly = data.table.state !== 'draft' || !data.canUpdate;
  const valueField = FIELD_OF_KIND[kind];

  const change = (i: number, patch: Partial<Record<string, unknown>>, valueText?: string) => {
    setRows((prev) => prev.map((r, k) => (k === i ? { fee: { ...r.fee, ...patch }, valueText: valueText ?? r.valueText } : r)));
    setDirty(true);
    setMessage(null);
  };
  const add = () => {
    // The VAT rate most rows use, else the first one.
    const counts = new Map<string, number>();
    for (const r of rows) if (typeof r.fee.vatRate === 'string') counts.set(r.fee.vatRate, (counts.get(r.fee.vatRate) ?? 0) + 1);
    const usual = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const base = { code: '', name: '', vatRate: usual ?? data.vatRates[0]?.documentId ?? '' };
    const fee =
      kind === 'delivery'
        ? { ...base, deliveryMethod: data.deliveryMethods[0]?.documentId ?? '', per: 'order', amount: 0 }
        : kind === 'general'
          ? { ...base, feeKind: 'booking', kind: 'fixed', value: 0 }
          : { ...base, kind: 'fixed', value: 0 };
    setRows((prev) => [...prev, { fee, valueText: '0,00' }]);
    setDirty(true);
  };

  /** The rows as the server takes them: amounts and percentages parsed, empty optional fields left out. */
  function toSave(): { fees: Record<string, unknown>[]; local: Map<string, string> } {
    const local = new Map<string, string>();
    const fees = rows.map((r, i) => {
      const fee: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r.fee)) if (v !== '' && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)) fee[k] = v;
      const percent = kind !== 'delivery' && fee.kind === 'percent';
      const parsed = percent ? parsePercent(r.valueText) : parseEuros(r.valueText);
      if (!parsed.ok) local.set(`${i}.${valueField}`, parsed[lang]);
      else fee[valueField] = 'percent' in parsed ? parsed.percent : parsed.cents;
      return fee;
    });
    return { fees, local };
  }

  async function onSave() {
    const { fees, local } = toSave();
    if (local.size > 0) {
      setErrors(local);
      setMessage({ kind: 'danger', text: t('prices.fixErrors', 'Corrigez les cases en erreur avant d’enregistrer ({count}).', { count: local.size }) });
      return;
    }
    try {
      await save({ documentId, fees }).unwrap();
      setDirty(false);
      setErrors(new Map());
      setMessage({ kind: 'success', text: t('fees.saved', 'Table de frais enregistrée.') });
    } catch (error) {
      const f = failure(error);
      // `fees[i].field` → the field of row i; a problem of a whole row → its code.
      const named = new Map<string, string>();
      for (const e of f.details?.errors ?? []) {
        const index = e.path?.[0] === 'fees' ? Number(e.path[1]) : NaN;
        if (!Number.isInteger(index)) continue;
        named.set(`${index}.${String(e.path?.[2] ?? 'code')}`, e.message ?? f.message ?? '');
      }
      setErrors(named);
      setMessage({ kind: 'danger', text: f.message ?? String(error) });
    }
  }

  const errorAt = (i: number, field: string) => errors.get(`${i}.${field}`);
  const th = (label: string) => (
    <th style={{ padding: 8, textAlign: 'left', background: colors.neutral100, borderBottom: `1px solid ${colors.neutral200}` }}>
      <Typography variant="sigma">{label}</Typography>
    </th>
  );
  const text = (i: number, field: string, label: string, width = 140) => (
    <td style={{ padding: 6, verticalAlign: 'top' }}>
      <Box width={`${width}px`}>
        <TextInput
          size="S"
          aria-label={label}
          name={`${field}-${i}`}
          data-testid={`fee-${field}`}
          value={field === valueField ? rows[i].valueText : String(rows[i].fee[field] ?? '')}
          disabled={readOnly}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => (field === valueField ? change(i, {}, e.target.value) : change(i, { [field]: e.target.value }))}
        />
        {errorAt(i, field) && (
          <Typography variant="pi" textColor="danger600" tag="div" data-testid="fee-error">
            {errorAt(i, field)}
          </Typography>
        )}
      </Box>
    </td>
  );
  const select = (i: number, field: string, label: string, options: { value: string; label: string }[], optional = false) => (
    <td style={{ padding: 6, verticalAlign: 'top' }}>
      <Box width="170px">
        <SingleSelect
          size="S"
          aria-label={label}
          data-testid={`fee-${field}`}
          value={(rows[i].fee[field] as string) || null}
          disabled={readOnly}
          onChange={(v) => change(i, { [field]: String(v) })}
          onClear={optional ? () => change(i, { [field]: null }) : undefined}
          placeholder={optional ? t('fees.any', 'tous') : undefined}
        >
          {options.map((o) => (
            <SingleSelectOption key={o.value} value={o.value}>
              {o.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        {errorAt(i, field) && (
          <Typography variant="pi" textColor="danger600" tag="div" data-testid="fee-error">
            {errorAt(i, field)}
          </Typography>
        )}
      </Box>
    </td>
  );
  const multi = (i: number, field: string, label: string, options: { value: string; label: string }[]) => (
    <td style={{ padding: 6, verticalAlign: 'top' }}>
      <Box width="190px">
        <MultiSelect
          size="S"
          aria-label={label}
          value={(rows[i].fee[field] as string[] | undefined) ?? []}
          disabled={readOnly}
          placeholder={t('fees.all', 'toutes')}
          onChange={(v: string[]) => change(i, { [field]: v })}
          withTags
        >
          {options.map((o) => (
            <MultiSelectOption key={o.value} value={o.value}>
              {o.label}
            </MultiSelectOption>
          ))}
        </MultiSelect>
      </Box>
    </td>
  );
  const vatOptions = data.vatRates.map((v) => ({ value: v.documentId, label: `${v.code} — ${formatRate(v.rate)}` }));
  const channelOptions = data.salesChannels.map((c) => ({ value: c.documentId, label: c.code }));
  const shown = (r: Row) => {
    const percent = kind !== 'delivery' && r.fee.kind === 'percent';
    const parsed = percent ? parsePercent(r.valueText) : parseEuros(r.valueText);
    return parsed.ok ? ('percent' in parsed ? formatPercent(parsed.percent) : formatCents(parsed.cents)) : '';
  };

  return (
    <Box background="neutral0" padding={5} shadow="tableShadow" hasRadius data-testid="fee-table-editor" data-table={data.table.code} data-state={data.table.state}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" wrap="wrap" gap={3}>
          <Box>
            <Typography variant="beta" tag="h2">
              {data.table.name}
            </Typography>
            <Typography variant="pi" textColor="neutral600" tag="div">
              {`${data.table.code} · ${t(`fees.kind.${kind}`, kind)} · ${data.table.organization?.name ?? ''}`}
            </Typography>
          </Box>
          <TransitionBar testId="prices" plural="fee-tables" documentId={documentId} dirty={dirty} onChanged={() => view.refetch()} />
        </Flex>
        {readOnly && (
          <Box background="neutral100" padding={3} hasRadius data-testid="fees-read-only">
            <Typography>
              {data.table.state === 'validated'
                ? t('fees.readOnlyValidated', 'Cette table est validée : elle est en lecture seule. Rouvrez-la pour la modifier.')
                : data.table.state === 'archived'
                  ? t('fees.readOnlyArchived', 'Cette table est retirée : elle ne change plus.')
                  : t('prices.readOnlyRights', 'Vous pouvez consulter cette grille mais pas la modifier.')}
            </Typography>
          </Box>
        )}
        <Box overflow="auto">
          <table style={{ borderCollapse: 'collapse', background: colors.neutral0, color: colors.neutral800 }} data-testid="fee-rows">
            <thead>
              <tr>
                {th(t('fees.code', 'Code'))}
                {th(t('fees.name', 'Nom'))}
                {kind === 'general' && th(t('fees.feeKind', 'Frais de'))}
                {kind === 'delivery' && th(t('fees.deliveryMethod', 'Mode d’envoi'))}
                {kind === 'delivery' && th(t('fees.per', 'Par'))}
                {kind !== 'delivery' && th(t('fees.amountKind', 'Montant ou %'))}
                {th(t('fees.value', 'Valeur'))}
                {th(t('fees.vat', 'TVA'))}
                {th(t('fees.channels', 'Filières'))}
                {kind === 'simple' && th(t('fees.tariffTypes', 'Types de tarif'))}
                {kind === 'general' && th(t('fees.paymentMethod', 'Mode de règlement'))}
                {th('')}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} data-testid="fee-row" data-code={String(r.fee.code ?? '')} style={{ borderBottom: `1px solid ${colors.neutral150}` }}>
                  {text(i, 'code', t('fees.code', 'Code'), 120)}
                  {text(i, 'name', t('fees.name', 'Nom'), 200)}
                  {kind === 'general' &&
                    select(
                      i,
                      'feeKind',
                      t('fees.feeKind', 'Frais de'),
                      ['booking', 'payment', 'delivery'].map((k) => ({ value: k, label: t(`fees.feeKind.${k}`, k) })),
                    )}
                  {kind === 'delivery' &&
                    select(
                      i,
                      'deliveryMethod',
                      t('fees.deliveryMethod', 'Mode d’envoi'),
                      data.deliveryMethods.map((m) => ({ value: m.documentId, label: m.name })),
                    )}
                  {kind === 'delivery' &&
                    select(
                      i,
                      'per',
                      t('fees.per', 'Par'),
                      ['ticket', 'order'].map((k) => ({ value: k, label: t(`fees.per.${k}`, k) })),
                    )}
                  {kind !== 'delivery' &&
                    select(
                      i,
                      'kind',
                      t('fees.amountKind', 'Montant ou %'),
                      ['fixed', 'percent'].map((k) => ({ value: k, label: t(`fees.amountKind.${k}`, k) })),
                    )}
                  <td style={{ padding: 6, verticalAlign: 'top' }}>
                    <Flex direction="column" alignItems="stretch">
                      <Box width="110px">
                        <TextInput
                          size="S"
                          aria-label={t('fees.value', 'Valeur')}
                          name={`value-${i}`}
                          data-testid="fee-value"
                          value={r.valueText}
                          disabled={readOnly}
                          onChange={(e: React.ChangeEvent<HTMLInputElement>) => change(i, {}, e.target.value)}
                        />
                      </Box>
                      <Typography variant="pi" textColor="neutral600" data-testid="fee-value-shown">
                        {shown(r)}
                      </Typography>
                      {errorAt(i, valueField) && (
                        <Typography variant="pi" textColor="danger600" data-testid="fee-error">
                          {errorAt(i, valueField)}
                        </Typography>
                      )}
                    </Flex>
                  </td>
                  {select(i, 'vatRate', t('fees.vat', 'TVA'), vatOptions)}
                  {multi(i, 'salesChannels', t('fees.channels', 'Filières'), channelOptions)}
                  {kind === 'simple' &&
                    multi(
                      i,
                      'tariffTypes',
                      t('fees.tariffTypes', 'Types de tarif'),
                      data.tariffTypes.map((tt) => ({ value: tt.documentId, label: `${tt.code}${tt.season ? ` (${tt.season})` : ''}` })),
                    )}
                  {kind === 'general' &&
                    select(
                      i,
                      'paymentMethod',
                      t('fees.paymentMethod', 'Mode de règlement'),
                      data.paymentMethods.map((m) => ({ value: m.documentId, label: m.name })),
                      true,
                    )}
                  <td style={{ padding: 6, verticalAlign: 'top' }}>
                    {!readOnly && (
                      <Button
                        size="S"
                        variant="danger-light"
                        data-testid="fee-remove"
                        onClick={() => {
                          setRows((prev) => prev.filter((_, k) => k !== i));
                          setErrors(new Map());
                          setDirty(true);
                        }}
                      >
                        {t('fees.removeRow', 'Supprimer la ligne')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Box>
        {message && (
          <Box background={message.kind === 'success' ? 'success100' : 'danger100'} padding={3} hasRadius data-testid={message.kind === 'success' ? 'fees-saved' : 'fees-message-error'}>
            <Typography textColor={message.kind === 'success' ? 'success700' : 'danger700'}>{message.text}</Typography>
          </Box>
        )}
        {!readOnly && (
          <Flex gap={2}>
            <Button variant="secondary" onClick={add} data-testid="fee-add">
              {t('fees.add', 'Ajouter des frais')}
            </Button>
            <Button onClick={onSave} loading={saving.isLoading} disabled={!dirty} data-testid="fees-save">
              {t('prices.save', 'Enregistrer')}
            </Button>
            <Button
              variant="tertiary"
              disabled={!dirty}
              onClick={() => {
                setRows(data.table.fees.map((f) => rowOf(kind, f)));
                setDirty(false);
                setErrors(new Map());
                setMessage(null);
              }}
            >
              {t('prices.discard', 'Abandonner les modifications')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Box>
  );
}
