import * as React from 'react';
import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { ArrowClockwise, Download, Trash, Upload } from '@strapi/icons';
import { Layouts, useNotification } from '@strapi/strapi/admin';
import { apiFailure, heldSeatingView, SEATING_PATH, useExportPretixMutation, useGetSeatingViewQuery, useImportPretixMutation, useSaveSeatingViewMutation } from '../../../api';
import { useParams } from 'react-router-dom';
import { generateBlock, nextBlockId, rowNumbers, type BlockShape, type NumberingScheme, type RowLabelScheme } from '../../../../../shared/seating-generator';
import type { PlanRectangle, SeatingPlan } from '../../../../../shared/seating-plan';
import { useTranslate } from '../../../utils/translate';
import { BackLink, EditorError, EditorToolbar, historyKey, ReadOnlyNotice, SelectionSummary, useHistory } from './common';
import { TransitionBar } from '../../../components/TransitionBar';
import { NumberField, SelectField, TextField } from './fields';
import { blocksOf, deleteSeats, describeSeats, EMPTY_PLAN, fitExtent, flagSeats, indexPlan, moveArea, moveBlocks, rotateBlocks, selectedIds, selectionFromIds } from './model';
import { PlanCanvas, type SelectMode, type Tool } from './PlanCanvas';

interface PhysicalView {
  documentId: string;
  code: string;
  name: string;
  state: string;
  securityGauge: number;
  plan: SeatingPlan | null;
}

interface GeneratorForm {
  name: string;
  rows: number;
  seatsPerRow: number;
  rowLabels: RowLabelScheme;
  firstRow: number;
  numbering: NumberingScheme;
  shape: BlockShape;
  arcRadius: number;
  x: number;
  y: number;
}

/** « Plans de salle › configuration physique »: the plan's blocks, seats and areas, drawn on a canvas and edited. */
export function PhysicalEditor() {
  const { documentId = '' } = useParams();
  const { t, lang } = useTranslate();
  const viewQuery = useGetSeatingViewQuery({ kind: 'physical', documentId }, { refetchOnMountOrArgChange: true });
  const [saveView] = useSaveSeatingViewMutation();
  const [exportFile] = useExportPretixMutation();
  const [importFile] = useImportPretixMutation();
  const { toggleNotification } = useNotification();
  const [view, setView] = React.useState<PhysicalView | null>(null);
  const history = useHistory<SeatingPlan>(null);
  const [savedPlan, setSavedPlan] = React.useState<SeatingPlan | null>(null);
  const [selectedSeatIds, setSelectedSeatIds] = React.useState<Set<string>>(new Set());
  const [selectedArea, setSelectedArea] = React.useState<string | null>(null);
  const [tool, setTool] = React.useState<Tool>('select');
  const [saving, setSaving] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [areaCapacity, setAreaCapacity] = React.useState(100);
  const [form, setForm] = React.useState<GeneratorForm>({
    name: 'Parterre',
    rows: 10,
    seatsPerRow: 20,
    rowLabels: 'letters',
    firstRow: 0,
    numbering: 'oddEven',
    shape: 'straight',
    arcRadius: 1500,
    x: 2000,
    y: 600,
  });
  const fileInput = React.useRef<HTMLInputElement>(null);

  // Each answer of the server (opening, reload after a transition) replaces what is on screen.
  const loaded = heldSeatingView<PhysicalView>(viewQuery.data?.key);
  React.useEffect(() => {
    if (!loaded) return;
    setView(loaded);
    const plan = loaded.plan ?? EMPTY_PLAN;
    history.reset(plan);
    setSavedPlan(plan);
  }, [loaded]); // eslint-disable-line react-hooks/exhaustive-deps
  const loadError = viewQuery.error ? apiFailure(viewQuery.error, lang).message : null;

  const plan = history.present;
  const index = React.useMemo(() => indexPlan(plan ?? EMPTY_PLAN), [plan]);
  const selected = React.useMemo(() => selectionFromIds(index, selectedSeatIds), [index, selectedSeatIds]);
  const readOnly = !view || view.state !== 'draft';
  const dirty = plan !== savedPlan;

  if (loadError)
    return (
      <Layouts.Content>
        <Typography textColor="danger600" data-testid="seating-error">
          {loadError}
        </Typography>
      </Layouts.Content>
    );
  if (!view || !plan) return <Loader>{t('seating.loading', 'Chargement')}</Loader>;

  const edit = (next: SeatingPlan) => {
    if (!readOnly) history.push(next);
  };
  const onSelectSeats = (seats: number[], mode: SelectMode) => {
    setSelectedArea(null);
    setSelectedSeatIds((current) => {
      const next = mode === 'replace' ? new Set<string>() : new Set(current);
      for (const i of seats) {
        const id = index.ids[i];
        if (mode === 'toggle' && next.has(id)) next.delete(id);
        else next.add(id);
      }
      return next;
    });
  };
  const selectedBlocks = blocksOf(plan, selectedSeatIds);
  const moveSelection = (dx: number, dy: number) => {
    if (selectedArea) edit(moveArea(plan, selectedArea, dx, dy));
    else if (selectedBlocks.size) edit(moveBlocks(plan, selectedBlocks, dx, dy));
  };
  const removeSelection = () => {
    if (selectedArea) {
      edit({ ...plan, areas: plan.areas.filter((a) => a.id !== selectedArea) });
      setSelectedArea(null);
    } else if (selectedSeatIds.size) {
      edit(deleteSeats(plan, selectedSeatIds));
      setSelectedSeatIds(new Set());
    }
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (historyKey(e, history.undo, history.redo)) return true;
    if (e.key === 'Escape') {
      setSelectedSeatIds(new Set());
      setSelectedArea(null);
      return true;
    }
    if (readOnly || (!selectedArea && !selectedBlocks.size)) return false;
    const step = e.shiftKey ? 100 : 10;
    if (e.key === 'Delete' || e.key === 'Backspace') removeSelection();
    else if (e.key === 'ArrowLeft') moveSelection(-step, 0);
    else if (e.key === 'ArrowRight') moveSelection(step, 0);
    else if (e.key === 'ArrowUp') moveSelection(0, -step);
    else if (e.key === 'ArrowDown') moveSelection(0, step);
    else if (e.key === 'r' || e.key === 'R') edit(rotateBlocks(plan, selectedBlocks, e.shiftKey ? -5 : 5));
    else return false;
    return true;
  };

  const generate = () => {
    try {
      const id = nextBlockId(plan);
      const block = generateBlock({ id, ...form });
      edit(fitExtent({ ...plan, blocks: [...plan.blocks, block] }));
      setSelectedSeatIds(new Set(block.rows.flatMap((r) => r.seats.map((s) => s.id))));
      setSelectedArea(null);
    } catch (e) {
      setError(String((e as Error).message));
    }
  };
  const drawArea = (rect: PlanRectangle) => {
    const id = nextBlockId(plan, 'a');
    const r = { x: Math.round(rect.x), y: Math.round(rect.y), width: Math.max(1, Math.round(rect.width)), height: Math.max(1, Math.round(rect.height)) };
    edit(
      fitExtent({ ...plan, areas: [...plan.areas, { id, name: t('seating.areaDefaultName', 'Zone {n}', { n: plan.areas.length + 1 }), capacity: areaCapacity, shape: { kind: 'rectangle', ...r } }] }),
    );
    setSelectedArea(id);
    setSelectedSeatIds(new Set());
    setTool('select');
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const { key } = await saveView({ kind: 'physical', documentId, body: { plan: fitExtent(plan) } }).unwrap();
      const data = heldSeatingView<PhysicalView>(key)!;
      setView(data);
      const saved = data.plan ?? plan;
      history.reset(saved);
      setSavedPlan(saved);
      toggleNotification({ type: 'success', message: t('seating.saved', 'Plan enregistré') });
    } catch (e) {
      setError(apiFailure(e, lang).message);
    } finally {
      setSaving(false);
    }
  };
  const exportPretix = async () => {
    try {
      const data = await exportFile(documentId).unwrap();
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${view.code}.pretix.json`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (e) {
      setError(apiFailure(e, lang).message);
    }
  };
  const importPretix = async (file: File) => {
    setError(null);
    try {
      const body = JSON.parse(await file.text());
      const { key } = await importFile({ documentId, file: body }).unwrap();
      edit(heldSeatingView<SeatingPlan>(key)!);
      setSelectedSeatIds(new Set());
      toggleNotification({ type: 'info', message: t('seating.imported', 'Plan importé : vérifiez-le puis enregistrez.') });
    } catch (e) {
      setError(e instanceof SyntaxError ? t('seating.badJson', 'Ce fichier n’est pas du JSON.') : apiFailure(e, lang).message);
    }
  };

  const area = plan.areas.find((a) => a.id === selectedArea) ?? null;
  const description = describeSeats(index, selected);
  const preview = rowNumbers(form.numbering, Math.min(form.seatsPerRow, 60));
  const previewText = preview.numbers.map((n, i) => (preview.aisleAfter !== null && i === preview.aisleAfter ? `| ${n}` : String(n))).join(' ');
  const allFlag = (flag: 1 | 2) => {
    let all = description.count > 0;
    for (let i = 0; i < index.n && all; i++) if (selected[i] && !(index.flags[i] & flag)) all = false;
    return all;
  };
  const ids = selectedIds(index, selected);
  const set =
    <K extends keyof GeneratorForm>(key: K) =>
    (value: GeneratorForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));

  return (
    <>
      <Layouts.Header
        navigationAction={<BackLink t={t} />}
        title={`${view.name} (${view.code})`}
        subtitle={t('seating.physicalSubtitle', 'Configuration physique — {seats} places numérotées, {areas} zones, jauge de sécurité {gauge}', {
          seats: index.n,
          areas: plan.areas.length,
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
            <EditorToolbar tools={['select', 'move', 'area', 'pan']} tool={tool} onTool={setTool} editsOnly={readOnly ? ['move', 'area'] : []} history={history} t={t}>
              <Button size="S" variant="tertiary" startIcon={<Download />} onClick={exportPretix} data-testid="seating-export">
                {t('seating.export', 'Exporter (pretix)')}
              </Button>
              <Button size="S" variant="tertiary" startIcon={<Upload />} disabled={readOnly} onClick={() => fileInput.current?.click()} data-testid="seating-import">
                {t('seating.import', 'Importer (pretix)')}
              </Button>
              <input
                ref={fileInput}
                type="file"
                accept="application/json,.json"
                hidden
                data-testid="seating-import-file"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void importPretix(file);
                }}
              />
            </EditorToolbar>
            <EditorError error={error} />
            <PlanCanvas
              plan={plan}
              index={index}
              selected={selected}
              selectedArea={selectedArea}
              tool={tool}
              readOnly={readOnly}
              t={t}
              label={t('seating.canvasLabel', 'Plan de salle : {seats} places', { seats: index.n })}
              onSelectSeats={onSelectSeats}
              onSelectArea={(id) => {
                setSelectedArea(id);
                setSelectedSeatIds(new Set());
              }}
              onMove={(dx, dy) => moveSelection(Math.round(dx), Math.round(dy))}
              onDrawArea={drawArea}
              onKey={onKey}
            />
          </Box>
          <Box style={{ width: 340 }}>
            {!readOnly && (
              <Box background="neutral0" padding={4} hasRadius shadow="tableShadow" marginBottom={4} data-testid="seating-generator">
                <Typography variant="delta" tag="h2">
                  {t('seating.generator', 'Générer un bloc')}
                </Typography>
                <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
                  <TextField name="blockName" label={t('seating.blockName', 'Nom du bloc')} value={form.name} onChange={set('name')} width={300} />
                  <Flex gap={2}>
                    <NumberField name="rows" label={t('seating.rows', 'Rangs')} value={form.rows} onChange={set('rows')} min={1} max={200} />
                    <NumberField name="seatsPerRow" label={t('seating.seatsPerRow', 'Places par rang')} value={form.seatsPerRow} onChange={set('seatsPerRow')} min={1} max={500} />
                  </Flex>
                  <Flex gap={2}>
                    <SelectField
                      name="rowLabels"
                      label={t('seating.rowLabels', 'Noms des rangs')}
                      value={form.rowLabels}
                      onChange={set('rowLabels')}
                      width={145}
                      options={[
                        { value: 'letters', label: t('seating.rowLabels.letters', 'A, B, C…') },
                        { value: 'numbers', label: t('seating.rowLabels.numbers', '1, 2, 3…') },
                      ]}
                    />
                    <NumberField name="firstRow" label={t('seating.firstRow', 'Premier rang (n°)')} value={form.firstRow + 1} onChange={(v) => set('firstRow')(Math.max(0, v - 1))} min={1} />
                  </Flex>
                  <SelectField
                    name="numbering"
                    label={t('seating.numbering', 'Numérotation')}
                    value={form.numbering}
                    onChange={set('numbering')}
                    width={300}
                    options={[
                      { value: 'oddEven', label: t('seating.numbering.oddEven', 'Impairs / pairs depuis l’allée centrale') },
                      { value: 'ltr', label: t('seating.numbering.ltr', 'De gauche à droite') },
                      { value: 'rtl', label: t('seating.numbering.rtl', 'De droite à gauche') },
                    ]}
                  />
                  <Typography variant="pi" textColor="neutral600" data-testid="seating-numbering-preview">
                    {t('seating.numberingPreview', 'Premier rang : {numbers}', { numbers: previewText })}
                  </Typography>
                  <Flex gap={2}>
                    <SelectField
                      name="shape"
                      label={t('seating.shape', 'Forme')}
                      value={form.shape}
                      onChange={set('shape')}
                      width={145}
                      options={[
                        { value: 'straight', label: t('seating.shape.straight', 'Droit') },
                        { value: 'arc', label: t('seating.shape.arc', 'En arc') },
                      ]}
                    />
                    {form.shape === 'arc' && <NumberField name="arcRadius" label={t('seating.arcRadius', 'Rayon')} value={form.arcRadius} onChange={set('arcRadius')} min={100} />}
                  </Flex>
                  <Flex gap={2}>
                    <NumberField name="blockX" label={t('seating.x', 'Position x')} value={form.x} onChange={set('x')} />
                    <NumberField name="blockY" label={t('seating.y', 'Position y')} value={form.y} onChange={set('y')} />
                  </Flex>
                  <Button onClick={generate} data-testid="seating-generate">
                    {t('seating.generate', 'Générer')}
                  </Button>
                </Flex>
              </Box>
            )}
            <Box background="neutral0" padding={4} hasRadius shadow="tableShadow" marginBottom={4} data-testid="seating-selection">
              <Typography variant="delta" tag="h2">
                {t('seating.selection', 'Sélection')}
              </Typography>
              {area ? (
                <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
                  <TextField
                    name="areaName"
                    label={t('seating.areaName', 'Nom de la zone')}
                    value={area.name}
                    disabled={readOnly}
                    onChange={(name) => edit({ ...plan, areas: plan.areas.map((a) => (a.id === area.id ? { ...a, name } : a)) })}
                    width={300}
                  />
                  <NumberField
                    name="areaCapacityEdit"
                    label={t('seating.areaCapacity', 'Capacité')}
                    value={area.capacity}
                    disabled={readOnly}
                    min={0}
                    onChange={(capacity) => edit({ ...plan, areas: plan.areas.map((a) => (a.id === area.id ? { ...a, capacity: Math.max(0, Math.round(capacity)) } : a)) })}
                  />
                  {!readOnly && (
                    <Button variant="danger-light" size="S" startIcon={<Trash />} onClick={removeSelection}>
                      {t('seating.deleteArea', 'Supprimer la zone')}
                    </Button>
                  )}
                </Flex>
              ) : description.count === 0 ? (
                <Typography tag="p" variant="pi" textColor="neutral600">
                  {t('seating.noSelection', 'Aucune place choisie.')}
                </Typography>
              ) : (
                <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
                  <SelectionSummary count={description.count} text={description.text} t={t} />
                  {!readOnly && (
                    <>
                      <Flex gap={2} wrap="wrap">
                        <Button size="S" variant={allFlag(1) ? 'secondary' : 'tertiary'} onClick={() => edit(flagSeats(plan, ids, 'accessible', !allFlag(1)))} data-testid="seating-accessible">
                          {allFlag(1) ? t('seating.unmarkAccessible', 'Retirer PMR') : t('seating.markAccessible', 'Marquer PMR')}
                        </Button>
                        <Button size="S" variant={allFlag(2) ? 'secondary' : 'tertiary'} onClick={() => edit(flagSeats(plan, ids, 'companion', !allFlag(2)))} data-testid="seating-companion">
                          {allFlag(2) ? t('seating.unmarkCompanion', 'Retirer accompagnateur') : t('seating.markCompanion', 'Marquer accompagnateur')}
                        </Button>
                      </Flex>
                      <Flex gap={2} wrap="wrap">
                        <Button size="S" variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => edit(rotateBlocks(plan, selectedBlocks, 5))} data-testid="seating-rotate">
                          {t('seating.rotate', 'Tourner le bloc (+5°)')}
                        </Button>
                        <Button size="S" variant="tertiary" onClick={() => edit(rotateBlocks(plan, selectedBlocks, -5))}>
                          {t('seating.rotateBack', '−5°')}
                        </Button>
                        <Button size="S" variant="danger-light" startIcon={<Trash />} onClick={removeSelection} data-testid="seating-delete">
                          {t('seating.deleteSeats', 'Supprimer')}
                        </Button>
                      </Flex>
                    </>
                  )}
                </Flex>
              )}
            </Box>
            {!readOnly && (
              <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
                <Typography variant="delta" tag="h2">
                  {t('seating.areas', 'Zones non numérotées')}
                </Typography>
                <Typography tag="p" variant="pi" textColor="neutral600">
                  {t('seating.areaHelp', 'Outil « Dessiner une zone », puis glissez sur le plan.')}
                </Typography>
                <NumberField name="areaCapacity" label={t('seating.newAreaCapacity', 'Capacité de la prochaine zone')} value={areaCapacity} onChange={setAreaCapacity} min={0} width={220} />
              </Box>
            )}
            <Box paddingTop={4}>
              <TransitionBar testId="seating" plural={SEATING_PATH.physical} documentId={documentId} dirty={dirty} onChanged={viewQuery.refetch} />
            </Box>
          </Box>
        </Flex>
      </Layouts.Content>
    </>
  );
}
