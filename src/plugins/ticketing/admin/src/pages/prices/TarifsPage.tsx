import * as React from 'react';
import { Alert, Box, Button, Field, Flex, Loader, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Layouts, Page, useAuth } from '@strapi/strapi/admin';
import { useSearchParams } from 'react-router-dom';
import { parseClipboardBlock, parseEuros } from '../../../../shared/money';
import { failure, useGetPriceGridQuery, useGetPriceSeasonsQuery, useGetSeasonPricesQuery, useSavePriceGridMutation } from '../../api';
import { PERMISSIONS } from '../../permissions';
import { useTranslate, type Translate } from '../../utils/translate';
import { TransitionBar } from '../../components/TransitionBar';
import { PricesNav } from './common';
import { GridMatrix, type CellDisplay, type Position } from './GridMatrix';
import { cellIndexOfPath, cellsByKey, cellsToSave, formatRate, keyOf, type Cell, type GridSummary, type GridView, type SeasonPrices } from './model';
import { RevenuePanel } from './RevenuePanel';

/** « Billetterie › Tarifs » (menu entry `plugins/ticketing/prices`): the price-grid editor and the maximum gross revenue. */
export function TarifsPage() {
  const authReady = useAuth('TarifsPage', (state) => !state.isLoading && Boolean(state.user));
  if (!authReady) return <Page.Loading />;
  return (
    <Page.Protect permissions={PERMISSIONS.timeline}>
      <TarifsContent />
    </Page.Protect>
  );
}

function Select(props: { id: string; label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void; disabled?: boolean; hint?: string }) {
  return (
    <Field.Root name={props.id} id={props.id} hint={props.hint} style={{ minWidth: 220 }}>
      <Field.Label>{props.label}</Field.Label>
      <SingleSelect data-testid={props.id} size="S" value={props.value || null} disabled={props.disabled} onChange={(v) => props.onChange(String(v))}>
        {props.options.map((o) => (
          <SingleSelectOption key={o.value} value={o.value}>
            {o.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      {props.hint && <Field.Hint />}
    </Field.Root>
  );
}

function gridLabel(g: GridSummary, t: Translate): string {
  const state = t(`state.${g.state}`, g.state);
  if (g.scope === 'performance') return t('prices.gridOfPerformance', 'Séance {code} — {name} ({state})', { code: g.performance?.code ?? '', name: g.name, state });
  if (g.scope === 'event') return t('prices.gridOfEvent', 'Événement {code} — {name} ({state})', { code: g.event?.code ?? '', name: g.name, state });
  return t('prices.gridOfSeason', 'Saison — {name} ({state})', { name: g.name, state });
}

function TarifsContent() {
  const { t } = useTranslate();
  const [params, setParams] = useSearchParams();
  const seasons = useGetPriceSeasonsQuery();
  const seasonId = params.get('season') ?? seasons.data?.[0]?.documentId ?? '';
  const season = useGetSeasonPricesQuery(seasonId, { skip: !seasonId });
  const grids = season.data?.grids ?? [];
  const gridParam = params.get('grid');
  const gridId = gridParam && grids.some((g) => g.documentId === gridParam) ? gridParam : (grids.find((g) => g.scope === 'season')?.documentId ?? grids[0]?.documentId ?? '');
  const choose = (next: Record<string, string>) => setParams((p) => ({ ...Object.fromEntries(p.entries()), ...next }), { replace: true });

  return (
    <>
      <Layouts.Header title={t('prices.title', 'Tarifs')} subtitle={t('prices.subtitle', 'Grilles tarifaires : prix TTC par catégorie de place et type de tarif, et recette maximale')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={5}>
          <PricesNav current="grids" t={t} />
          {seasons.isError ? (
            <Typography textColor="danger600">{failure(seasons.error).message}</Typography>
          ) : !seasons.data ? (
            <Loader small>{t('prices.loading', 'Chargement')}</Loader>
          ) : seasons.data.length === 0 ? (
            <Typography textColor="neutral600">{t('prices.noSeason', 'Aucune saison dans votre périmètre.')}</Typography>
          ) : (
            <Flex gap={4} wrap="wrap" alignItems="flex-end">
              <Select
                id="prices-season"
                label={t('prices.season', 'Saison')}
                value={seasonId}
                options={seasons.data.map((s) => ({ value: s.documentId, label: `${s.name}${s.organization ? ` — ${s.organization.name}` : ''}` }))}
                onChange={(v) => choose({ season: v, grid: '' })}
              />
              {season.data && grids.length > 0 && (
                <Select
                  id="prices-grid"
                  label={t('prices.grid', 'Grille')}
                  value={gridId}
                  options={grids.map((g) => ({ value: g.documentId, label: gridLabel(g, t) }))}
                  onChange={(v) => choose({ grid: v })}
                />
              )}
            </Flex>
          )}
          {season.isError && <Typography textColor="danger600">{failure(season.error).message}</Typography>}
          {season.data && grids.length === 0 && (
            <Typography textColor="neutral600" data-testid="prices-no-grid">
              {t('prices.noGrid', 'Aucune grille tarifaire pour cette saison : créez-en une dans le gestionnaire de contenu (Grille tarifaire).')}
            </Typography>
          )}
          {season.data && gridId && <GridEditor key={gridId} gridId={gridId} season={season.data} onChanged={() => season.refetch()} />}
          {season.data && <RevenuePanel season={season.data} />}
        </Flex>
      </Layouts.Content>
    </>
  );
}

/** The grid's own cells as edited, and the cells whose typed text was refused (kept with their message). */
interface EditState {
  cells: Map<string, Cell>;
  errors: Map<string, { text: string; message: string }>;
  dirty: boolean;
}

function GridEditor({ gridId, season, onChanged }: { gridId: string; season: SeasonPrices; onChanged: () => void }) {
  const { t, lang } = useTranslate();
  const view = useGetPriceGridQuery(gridId, { refetchOnMountOrArgChange: true });
  const [save, saving] = useSavePriceGridMutation();
  const [edit, setEdit] = React.useState<EditState>({ cells: new Map(), errors: new Map(), dirty: false });
  const [level, setLevel] = React.useState<string>('');
  const [active, setActive] = React.useState<Position>({ row: 0, col: 0 });
  const [defaultVat, setDefaultVat] = React.useState<string>('');
  const [message, setMessage] = React.useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const data: GridView | undefined = view.data;

  // A new answer of the server (load, save, transition) replaces the edited cells unless edits are pending.
  // A save's answer, accepted or refused, refetches the grid (its state may have changed).
  const loadedFrom = React.useRef<GridView | null>(null);
  React.useEffect(() => {
    // A grid no longer in draft (validated meanwhile, elsewhere) cannot take the edits: the server's cells are shown.
    if (!data || data === loadedFrom.current || (edit.dirty && data.grid.state === 'draft')) return;
    loadedFrom.current = data;
    setEdit({ cells: cellsByKey(data.grid.cells), errors: new Map(), dirty: false });
    setDefaultVat((v) => v || data.defaultVatRate || season.vatRates[0]?.documentId || '');
  }, [data, edit.dirty, season.vatRates]);

  const inherited = React.useMemo(() => cellsByKey(data?.inherited ?? []), [data]);
  const levelId = level || null;
  const child = data ? data.grid.scope !== 'season' : false;
  const readOnly = !data || data.grid.state !== 'draft' || !data.canUpdate;
  const { seatCategories, tariffTypes } = season;
  const levelName = (id: string | null | undefined) => (id ? (season.priceLevels.find((l) => l.documentId === id)?.code ?? '?') : t('prices.allLevels', 'tous niveaux'));

  const display = React.useCallback(
    (seatCategory: string, tariffType: string): CellDisplay => {
      const key = keyOf(seatCategory, tariffType, levelId);
      const own = edit.cells.get(key) ?? null;
      const anyKey = keyOf(seatCategory, tariffType, null);
      // What applies without this cell: this grid's cell for every level, then the parents' (as the pricing core decides).
      let from: string | null = null;
      let below: Cell | null = null;
      if (levelId && edit.cells.get(anyKey)) {
        below = edit.cells.get(anyKey)!;
        from = t('prices.allLevels', 'tous niveaux');
      } else {
        const parent = inherited.get(key) ?? (levelId ? inherited.get(anyKey) : undefined);
        if (parent) {
          below = parent;
          from = parent.gridCode;
        }
      }
      return { key, own, inherited: below, inheritedFrom: from, error: edit.errors.get(key) ?? null };
    },
    [edit, inherited, levelId, t],
  );

  const keyAt = (p: Position) => keyOf(seatCategories[p.row].documentId, tariffTypes[p.col].documentId, levelId);

  /** Apply typed texts at positions: '' clears, a good amount sets (keeping the cell's VAT rate), a bad one is kept as a cell error. */
  const apply = (entries: { p: Position; text: string }[]) => {
    setEdit((prev) => {
      const cells = new Map(prev.cells);
      const errors = new Map(prev.errors);
      for (const { p, text } of entries) {
        const key = keyAt(p);
        if (text.trim() === '') {
          cells.delete(key);
          errors.delete(key);
          continue;
        }
        const parsed = parseEuros(text);
        if (!parsed.ok) {
          errors.set(key, { text, message: parsed[lang] });
          continue;
        }
        errors.delete(key);
        const d = display(seatCategories[p.row].documentId, tariffTypes[p.col].documentId);
        const vatRate = cells.get(key)?.vatRate ?? d.inherited?.vatRate ?? defaultVat;
        cells.set(key, { seatCategory: seatCategories[p.row].documentId, tariffType: tariffTypes[p.col].documentId, ...(levelId ? { priceLevel: levelId } : {}), amount: parsed.cents, vatRate });
      }
      return { cells, errors, dirty: true };
    });
    setMessage(null);
  };

  const onPaste = (p: Position, text: string) => {
    const block = parseClipboardBlock(text);
    const entries: { p: Position; text: string }[] = [];
    block.forEach((line, i) =>
      line.forEach((value, j) => {
        const target = { row: p.row + i, col: p.col + j };
        if (target.row < seatCategories.length && target.col < tariffTypes.length) entries.push({ p: target, text: value });
      }),
    );
    apply(entries);
  };

  const activeKey = seatCategories.length && tariffTypes.length ? keyAt(active) : '';
  const activeCell = edit.cells.get(activeKey) ?? null;
  const setActiveVat = (vatRate: string) => {
    if (!activeCell) return;
    setEdit((prev) => ({ ...prev, cells: new Map(prev.cells).set(activeKey, { ...activeCell, vatRate }), dirty: true }));
  };

  async function onSave() {
    if (!data) return;
    if (edit.errors.size > 0) {
      setMessage({ kind: 'danger', text: t('prices.fixErrors', 'Corrigez les cases en erreur avant d’enregistrer ({count}).', { count: edit.errors.size }) });
      return;
    }
    const cells = cellsToSave(edit.cells);
    try {
      await save({ documentId: gridId, cells }).unwrap();
      setEdit((prev) => ({ ...prev, dirty: false }));
      setMessage({ kind: 'success', text: t('prices.saved', 'Grille enregistrée.') });
      onChanged();
    } catch (error) {
      const f = failure(error);
      // Each problem the server names (`cells[i].field`) is shown at its cell; the others above the grid.
      const errors = new Map(edit.errors);
      const elsewhere: string[] = [];
      for (const e of f.details?.errors ?? []) {
        const index = cellIndexOfPath(e.path);
        const cell = index === null ? undefined : cells[index];
        if (!cell) continue;
        const key = keyOf(cell.seatCategory, cell.tariffType, cell.priceLevel);
        errors.set(key, { text: String(cell.amount / 100).replace('.', ','), message: e.message ?? f.message ?? '' });
        if ((cell.priceLevel ?? null) !== levelId) elsewhere.push(levelName(cell.priceLevel));
      }
      setEdit((prev) => ({ ...prev, errors }));
      const where = elsewhere.length ? ` ${t('prices.errorsOnLevels', '(cases en erreur au niveau : {levels})', { levels: [...new Set(elsewhere)].join(', ') })}` : '';
      setMessage({ kind: 'danger', text: `${f.message ?? String(error)}${where}` });
    }
  }

  if (view.isError) return <Typography textColor="danger600">{failure(view.error).message}</Typography>;
  if (!data) return <Loader small>{t('prices.loading', 'Chargement')}</Loader>;

  const vatOptions = season.vatRates.map((v) => ({ value: v.documentId, label: `${v.name} — ${formatRate(v.rate)}` }));
  return (
    <Box background="neutral0" padding={5} shadow="tableShadow" hasRadius data-testid="price-grid-editor" data-grid={data.grid.code} data-state={data.grid.state}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" wrap="wrap" gap={3}>
          <Box>
            <Typography variant="beta" tag="h2">
              {data.grid.name}
            </Typography>
            <Typography variant="pi" textColor="neutral600" tag="div">
              {data.grid.code}
              {child && ` · ${t('prices.childOf', 'grille enfant : seules les cases qu’elle fixe remplacent celles de sa grille parente')}`}
            </Typography>
          </Box>
          <TransitionBar testId="prices" plural="price-grids" documentId={gridId} dirty={edit.dirty} onChanged={() => (view.refetch(), onChanged())} />
        </Flex>
        <ReadOnlyNotice state={data.grid.state} canUpdate={data.canUpdate} t={t} />
        <Flex gap={4} wrap="wrap" alignItems="flex-end">
          {season.priceLevels.length > 0 && (
            <Select
              id="prices-level"
              label={t('prices.level', 'Niveau de prix')}
              value={level || 'all'}
              options={[{ value: 'all', label: t('prices.allLevelsOption', 'Tous niveaux') }, ...season.priceLevels.map((l) => ({ value: l.documentId, label: `${l.code} — ${l.name}` }))]}
              onChange={(v) => setLevel(v === 'all' ? '' : v)}
            />
          )}
          <Select id="prices-default-vat" label={t('prices.defaultVat', 'TVA par défaut de la grille')} value={defaultVat} options={vatOptions} onChange={setDefaultVat} disabled={readOnly} />
          <Select
            id="prices-cell-vat"
            label={t('prices.cellVat', 'TVA de la case active')}
            value={activeCell?.vatRate ?? ''}
            options={vatOptions}
            onChange={setActiveVat}
            disabled={readOnly || !activeCell}
          />
        </Flex>
        <Typography variant="pi" textColor="neutral600">
          {t(
            'prices.keyboardHelp',
            'Flèches, Tab et Maj+Tab pour se déplacer ; Entrée pour saisir puis valider ; Échap pour annuler ; Suppr pour vider la case{child}. Collez un bloc copié d’un tableur sur la case active. Montants TTC : 45 ; 45,5 ; 45,50 €.',
            { child: child ? t('prices.keyboardHelpChild', ' (elle reprend alors le prix hérité)') : '' },
          )}
        </Typography>
        {seatCategories.length === 0 || tariffTypes.length === 0 ? (
          <Typography textColor="neutral600">{t('prices.emptyVocabulary', 'Il faut des catégories de places et des types de tarif de la saison pour saisir des prix.')}</Typography>
        ) : (
          <GridMatrix
            seatCategories={seatCategories}
            tariffTypes={tariffTypes}
            vatRates={season.vatRates}
            defaultVatRate={defaultVat}
            display={display}
            child={child}
            readOnly={readOnly}
            active={active}
            onActive={setActive}
            onCommit={(p, text) => apply([{ p, text }])}
            onClear={(p) => apply([{ p, text: '' }])}
            onPaste={onPaste}
            t={t}
          />
        )}
        {child && (
          <Flex gap={4} wrap="wrap">
            <Legend state="inherited" label={t('prices.legendInherited', 'hérité de la grille parente')} />
            <Legend state="overridden" label={t('prices.legendOverridden', 'fixé par cette grille')} />
          </Flex>
        )}
        {message && (
          <Alert variant={message.kind} title="" closeLabel={t('prices.close', 'Fermer')} onClose={() => setMessage(null)} data-testid={`prices-${message.kind === 'success' ? 'saved' : 'error'}`}>
            {message.text}
          </Alert>
        )}
        {!readOnly && (
          <Flex gap={2}>
            <Button onClick={onSave} loading={saving.isLoading} disabled={!edit.dirty} data-testid="prices-save">
              {t('prices.save', 'Enregistrer')}
            </Button>
            <Button
              variant="tertiary"
              disabled={!edit.dirty}
              data-testid="prices-discard"
              onClick={() => {
                setEdit({ cells: cellsByKey(data.grid.cells), errors: new Map(), dirty: false });
                setMessage(null);
              }}
            >
              {t('prices.discard', 'Abandonner les modifications')}
            </Button>
            {edit.dirty && (
              <Typography variant="pi" textColor="neutral600" data-testid="prices-dirty">
                {t('prices.unsaved', 'Modifications non enregistrées')}
              </Typography>
            )}
          </Flex>
        )}
      </Flex>
    </Box>
  );
}

function Legend({ state, label }: { state: 'inherited' | 'overridden'; label: string }) {
  return (
    <Flex gap={2}>
      <Box
        width="1.2rem"
        height="1.2rem"
        hasRadius
        background={state === 'inherited' ? 'neutral150' : 'primary100'}
        borderColor={state === 'inherited' ? 'neutral300' : 'primary600'}
        borderStyle="solid"
        borderWidth="1px"
      />
      <Typography variant="pi">{label}</Typography>
    </Flex>
  );
}

function ReadOnlyNotice({ state, canUpdate, t }: { state: string; canUpdate: boolean; t: Translate }) {
  if (state === 'draft' && canUpdate) return null;
  const text =
    state === 'validated'
      ? t('prices.readOnlyValidated', 'Cette grille est validée : elle est en lecture seule. Rouvrez-la pour la modifier.')
      : state === 'archived'
        ? t('prices.readOnlyArchived', 'Cette grille est retirée : elle ne change plus.')
        : t('prices.readOnlyRights', 'Vous pouvez consulter cette grille mais pas la modifier.');
  return (
    <Box background="neutral100" padding={3} hasRadius data-testid="prices-read-only">
      <Typography fontWeight="bold">{t('prices.readOnly', 'Lecture seule')}</Typography>
      <Typography tag="div">{text}</Typography>
    </Box>
  );
}
