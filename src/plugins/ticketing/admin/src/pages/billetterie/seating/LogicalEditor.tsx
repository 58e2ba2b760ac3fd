import * as React from 'react';
import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { Layouts, useNotification } from '@strapi/strapi/admin';
import { apiFailure, heldSeatingView, SEATING_PATH, useGetSeatingViewQuery, usePreviewReconciliationMutation, useSaveSeatingViewMutation } from '../../../api';
import { useParams } from 'react-router-dom';
import type { LogicalLayout, SeatingPlan } from '../../../../../shared/seating-plan';
import { useTranslate } from '../../../utils/translate';
import { BackLink, EditorError, EditorToolbar, historyKey, ReadOnlyNotice, SelectionSummary, useHistory } from './common';
import { TransitionBar } from '../../../components/TransitionBar';
import { NumberField, SelectField } from './fields';
import { assignCategory, categoryColor, countLayout, describeSeats, EMPTY_PLAN, indexPlan, layoutState, setKilled, toLayout, type LayoutState } from './model';
import { PlanCanvas, type SelectMode, type Tool } from './PlanCanvas';
import { Reconciliation, type ServerReconciliation } from './Reconciliation';

interface LogicalView {
  documentId: string;
  code: string;
  name: string;
  state: string;
  securityGauge: number;
  physicalConfiguration: { documentId: string; code: string; name: string; securityGauge: number; plan: SeatingPlan | null };
  layout: LogicalLayout | null;
  seatCategories: { documentId: string; code: string; name: string }[];
  reconciliation: ServerReconciliation | null;
}

/** « Plans de salle › configuration logique »: the plan coloured by seat category, kills, areas' gauges and the capacity reconciliation. */
export function LogicalEditor() {
  const { documentId = '' } = useParams();
  const { t, lang } = useTranslate();
  const viewQuery = useGetSeatingViewQuery({ kind: 'logical', documentId }, { refetchOnMountOrArgChange: true });
  const [saveView] = useSaveSeatingViewMutation();
  const [previewReconciliation] = usePreviewReconciliationMutation();
  const { toggleNotification } = useNotification();
  const [view, setView] = React.useState<LogicalView | null>(null);
  const history = useHistory<LayoutState>(null);
  const [saved, setSaved] = React.useState<LayoutState | null>(null);
  const [selected, setSelected] = React.useState<Uint8Array>(new Uint8Array(0));
  const [selectedArea, setSelectedArea] = React.useState<string | null>(null);
  const [tool, setTool] = React.useState<Tool>('select');
  const [saving, setSaving] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [category, setCategory] = React.useState('');
  // The server's reconciliation and the layout it is for (shown only while that layout is the one on screen).
  const [reconciliation, setReconciliation] = React.useState<{ of: LayoutState | null; data: ServerReconciliation | null }>({ of: null, data: null });

  const plan = view?.physicalConfiguration.plan ?? EMPTY_PLAN;
  const index = React.useMemo(() => indexPlan(plan), [plan]);
  const codes = React.useMemo(() => (view?.seatCategories ?? []).map((c) => c.code), [view]);

  // Each answer of the server (opening, reload after a transition) replaces what is on screen.
  const loaded = heldSeatingView<LogicalView>(viewQuery.data?.key);
  React.useEffect(() => {
    if (!loaded) return;
    const idx = indexPlan(loaded.physicalConfiguration.plan ?? EMPTY_PLAN);
    const state = layoutState(
      idx,
      loaded.layout,
      loaded.seatCategories.map((c) => c.code),
    );
    setView(loaded);
    history.reset(state);
    setSaved(state);
    setSelected(new Uint8Array(idx.n));
    setReconciliation({ of: state, data: loaded.reconciliation });
    setCategory((c) => c || loaded.seatCategories[0]?.code || '');
  }, [loaded]); // eslint-disable-line react-hooks/exhaustive-deps
  const loadError = viewQuery.error ? apiFailure(viewQuery.error, lang).message : null;

  const state = history.present;
  const dirty = state !== saved;
  // The server's reconciliation of the layout being edited (preview), once edits rest.
  React.useEffect(() => {
    if (!view || !state || !dirty) return;
    const timer = setTimeout(async () => {
      try {
        const data = (await previewReconciliation({ documentId, layout: toLayout(index, state, codes) }).unwrap()) as ServerReconciliation;
        setReconciliation({ of: state, data });
      } catch {
        // The local counts stay shown; the save will tell what is wrong.
      }
    }, 400);
    return () => clearTimeout(timer);
  }, [state, dirty, view, index, codes, previewReconciliation, documentId]);

  const counts = React.useMemo(() => (state ? countLayout(state, codes) : null), [state, codes]);
  const palette = React.useMemo(() => codes.map((_, k) => categoryColor(k)), [codes]);
  const areaFill = React.useCallback(
    (areaId: string) => {
      const a = state?.areas[areaId];
      const c = a ? codes.indexOf(a.category) : -1;
      return c >= 0 ? categoryColor(c) : null;
    },
    [state, codes],
  );

  if (loadError)
    return (
      <Layouts.Content>
        <Typography textColor="danger600" data-testid="seating-error">
          {loadError}
        </Typography>
      </Layouts.Content>
    );
  if (!view || !state || !counts) return <Loader>{t('seating.loading', 'Chargement')}</Loader>;

  const readOnly = view.state !== 'draft';
  const edit = (next: LayoutState) => {
    if (!readOnly) history.push(next);
  };
  const onSelectSeats = (seats: number[], mode: SelectMode) => {
    setSelectedArea(null);
    setSelected((current) => {
      const next = mode === 'replace' ? new Uint8Array(index.n) : current.slice();
      for (const i of seats) next[i] = mode === 'toggle' ? (next[i] ? 0 : 1) : 1;
      return next;
    });
  };
  const description = describeSeats(index, selected, 20);
  const assign = (code: string) => edit(assignCategory(state, selected, codes.indexOf(code)));
  const onKey = (e: React.KeyboardEvent) => {
    if (historyKey(e, history.undo, history.redo)) return true;
    if (e.key === 'Escape') {
      setSelected(new Uint8Array(index.n));
      setSelectedArea(null);
      return true;
    }
    if (readOnly || description.count === 0) return false;
    if (e.key === 'Delete' || e.key === 'Backspace') edit(setKilled(state, selected, true));
    else if (e.key === 'Insert') edit(setKilled(state, selected, false));
    else if (/^[1-9]$/.test(e.key) && codes[Number(e.key) - 1]) assign(codes[Number(e.key) - 1]);
    else return false;
    return true;
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const { key } = await saveView({ kind: 'logical', documentId, body: { layout: toLayout(index, state, codes) } }).unwrap();
      const data = heldSeatingView<LogicalView>(key)!;
      setView(data);
      setSaved(state);
      history.reset(state);
      setReconciliation({ of: state, data: data.reconciliation });
      toggleNotification({ type: 'success', message: t('seating.saved', 'Plan enregistré') });
    } catch (e) {
      setError(apiFailure(e, lang).message);
    } finally {
      setSaving(false);
    }
  };

  const area = plan.areas.find((a) => a.id === selectedArea) ?? null;
  const areaLayout = area ? state.areas[area.id] : undefined;
  const setArea = (patch: Partial<{ category: string; sellableGauge: number }>) => {
    if (!area) return;
    const current = state.areas[area.id] ?? { category: codes[0] ?? '', sellableGauge: area.capacity };
    edit({ ...state, areas: { ...state.areas, [area.id]: { ...current, ...patch } } });
  };

  return (
    <>
      <Layouts.Header
        navigationAction={<BackLink t={t} />}
        title={`${view.name} (${view.code})`}
        subtitle={t('seating.logicalSubtitle', 'Configuration logique de {physical} — jauge de sécurité {gauge}', {
          physical: `${view.physicalConfiguration.name} (${view.physicalConfiguration.code})`,
          gauge: view.securityGauge,
        })}
        primaryAction={
          <Button onClick={save} loading={saving} disabled={readOnly || !dirty} data-testid="seating-save">
            {t('seating.save', 'Enregistrer')}
          </Button>
        }
      />
      <Layouts.Content>
        <ReadOnlyNotice state={view.state} t={t} />
        <Flex gap={4} alignItems="flex-start">
          <Box style={{ flex: 1, minWidth: 0 }}>
            <EditorToolbar tools={['select', 'pan']} tool={tool} onTool={setTool} history={history} t={t} />
            <EditorError error={error} />
            <PlanCanvas
              plan={plan}
              index={index}
              selected={selected}
              selectedArea={selectedArea}
              colorOf={state.category}
              palette={palette}
              killed={state.killed}
              areaFill={areaFill}
              tool={tool}
              readOnly={readOnly}
              t={t}
              label={t('seating.canvasLabel', 'Plan de salle : {seats} places', { seats: index.n })}
              onSelectSeats={onSelectSeats}
              onSelectArea={(id) => {
                setSelectedArea(id);
                setSelected(new Uint8Array(index.n));
              }}
              onKey={onKey}
            />
          </Box>
          <Box style={{ width: 360 }}>
            <Box background="neutral0" padding={4} hasRadius shadow="tableShadow" marginBottom={4} data-testid="seating-legend">
              <Typography variant="delta" tag="h2">
                {t('seating.legend', 'Catégories')}
              </Typography>
              <Box tag="table" width="100%" paddingTop={2}>
                <thead>
                  <tr>
                    <th />
                    <th style={{ textAlign: 'left' }}>
                      <Typography variant="sigma">{t('seating.category', 'Catégorie')}</Typography>
                    </th>
                    <th style={{ textAlign: 'right' }}>
                      <Typography variant="sigma">{t('seating.seats', 'Places')}</Typography>
                    </th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {view.seatCategories.map((c, k) => (
                    <tr key={c.code} data-testid="seating-legend-row" data-code={c.code}>
                      <td>
                        <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, background: categoryColor(k) }} />
                      </td>
                      <td>
                        <Typography variant="omega">{c.name}</Typography>
                      </td>
                      <td style={{ textAlign: 'right' }}>
                        <Typography variant="omega" data-testid="seating-legend-count">
                          {counts.categories[k].seats}
                        </Typography>
                      </td>
                      <td style={{ textAlign: 'right' }}>
                        {!readOnly && (
                          <Button size="S" variant="tertiary" disabled={description.count === 0} onClick={() => assign(c.code)} data-testid="seating-assign">
                            {t('seating.assign', 'Attribuer')}
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                  <tr>
                    <td>
                      <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, background: '#8e8ea9' }} />
                    </td>
                    <td>
                      <Typography variant="omega">{t('seating.noCategory', 'Sans catégorie')}</Typography>
                    </td>
                    <td style={{ textAlign: 'right' }}>
                      <Typography variant="omega" data-testid="seating-uncategorised">
                        {counts.uncategorised}
                      </Typography>
                    </td>
                    <td />
                  </tr>
                </tbody>
              </Box>
            </Box>
            <Box background="neutral0" padding={4} hasRadius shadow="tableShadow" marginBottom={4} data-testid="seating-selection">
              <Typography variant="delta" tag="h2">
                {t('seating.selection', 'Sélection')}
              </Typography>
              {area ? (
                <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
                  <Typography variant="omega">
                    {area.name} — {t('seating.capacityOf', 'capacité {capacity}', { capacity: area.capacity })}
                  </Typography>
                  <SelectField
                    name="areaCategory"
                    label={t('seating.category', 'Catégorie')}
                    value={areaLayout?.category ?? ''}
                    disabled={readOnly}
                    onChange={(code) => setArea({ category: code })}
                    options={view.seatCategories.map((c) => ({ value: c.code, label: c.name }))}
                    width={300}
                  />
                  <NumberField
                    name="sellableGauge"
                    label={t('seating.sellableGauge', 'Jauge vendable')}
                    value={areaLayout?.sellableGauge ?? 0}
                    disabled={readOnly}
                    min={0}
                    max={area.capacity}
                    onChange={(v) => setArea({ sellableGauge: Math.max(0, Math.min(area.capacity, Math.round(v))) })}
                  />
                </Flex>
              ) : description.count === 0 ? (
                <Typography tag="p" variant="pi" textColor="neutral600">
                  {t('seating.noSelectionLogical', 'Aucune place choisie : cliquez ou glissez sur le plan.')}
                </Typography>
              ) : (
                <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
                  <SelectionSummary count={description.count} text={description.text} t={t} />
                  {!readOnly && (
                    <Flex gap={2} wrap="wrap">
                      <SelectField
                        name="assignCategory"
                        label={t('seating.category', 'Catégorie')}
                        value={category}
                        onChange={setCategory}
                        options={view.seatCategories.map((c) => ({ value: c.code, label: c.name }))}
                        width={180}
                      />
                      <Button size="S" onClick={() => assign(category)} disabled={!category} data-testid="seating-assign-selected" style={{ alignSelf: 'flex-end' }}>
                        {t('seating.assign', 'Attribuer')}
                      </Button>
                      <Button size="S" variant="tertiary" onClick={() => edit(assignCategory(state, selected, -1))} data-testid="seating-unassign">
                        {t('seating.unassign', 'Retirer la catégorie')}
                      </Button>
                      <Button size="S" variant="danger-light" onClick={() => edit(setKilled(state, selected, true))} data-testid="seating-kill">
                        {t('seating.kill', 'Neutraliser')}
                      </Button>
                      <Button size="S" variant="tertiary" onClick={() => edit(setKilled(state, selected, false))} data-testid="seating-unkill">
                        {t('seating.unkill', 'Rétablir à la vente')}
                      </Button>
                    </Flex>
                  )}
                </Flex>
              )}
            </Box>
            <Reconciliation counts={counts} names={view.seatCategories} securityGauge={view.securityGauge} server={reconciliation.of === state ? reconciliation.data : null} t={t} lang={lang} />
            <Box paddingTop={4}>
              <TransitionBar testId="seating" plural={SEATING_PATH.logical} documentId={documentId} dirty={dirty} onChanged={viewQuery.refetch} />
            </Box>
          </Box>
        </Flex>
      </Layouts.Content>
    </>
  );
}
