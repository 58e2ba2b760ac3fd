import * as React from 'react';
import { Alert, Box, Button, Flex, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Link } from 'react-router-dom';
import { PLUGIN_ID } from '../../../pluginId';
import type { SeatingKind } from '../../../api';
import type { Translate } from '../../../utils/translate';
import type { Tool } from './PlanCanvas';

export type ConfigurationKind = SeatingKind;

const TOOL_LABELS: Record<Tool, string> = { select: 'Sélection', move: 'Déplacer', area: 'Dessiner une zone', pan: 'Main' };

/** The editors' toolbar: their tools, undo and redo, then what the editor adds (`children`). */
export function EditorToolbar(props: {
  tools: Tool[];
  tool: Tool;
  onTool: (tool: Tool) => void;
  /** Tools that edit, disabled on a read-only configuration. */
  editsOnly?: Tool[];
  history: { canUndo: boolean; canRedo: boolean; undo: () => void; redo: () => void };
  t: Translate;
  children?: React.ReactNode;
}) {
  const { tool, history, t } = props;
  return (
    <Flex gap={2} paddingBottom={2} wrap="wrap">
      {props.tools.map((k) => (
        <Button
          key={k}
          size="S"
          variant={tool === k ? 'default' : 'tertiary'}
          disabled={props.editsOnly?.includes(k)}
          onClick={() => props.onTool(k)}
          data-testid={`seating-tool-${k}`}
          aria-pressed={tool === k}
        >
          {t(`seating.tool.${k}`, TOOL_LABELS[k])}
        </Button>
      ))}
      <Button size="S" variant="tertiary" disabled={!history.canUndo} onClick={history.undo} data-testid="seating-undo">
        {t('seating.undo', 'Annuler')}
      </Button>
      <Button size="S" variant="tertiary" disabled={!history.canRedo} onClick={history.redo} data-testid="seating-redo">
        {t('seating.redo', 'Rétablir')}
      </Button>
      {props.children}
    </Flex>
  );
}

/** The last failure of a load, save or import, above the plan. */
export function EditorError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <Box paddingBottom={2}>
      <Typography textColor="danger600" data-testid="seating-error">
        {error}
      </Typography>
    </Box>
  );
}

/** How many seats are chosen and which: the side panel of both editors. */
export function SelectionSummary({ count, text, t }: { count: number; text: string; t: Translate }) {
  return (
    <>
      <Typography variant="omega" data-testid="seating-selection-count">
        {t('seating.selectedCount', '{count, plural, one {# place choisie} other {# places choisies}}', { count })}
      </Typography>
      <Typography variant="pi" textColor="neutral600" data-testid="seating-selection-seats">
        {text}
      </Typography>
    </>
  );
}

export function ReadOnlyNotice({ state, t }: { state: string; t: Translate }) {
  if (state === 'draft') return null;
  return (
    <Box paddingBottom={3} data-testid="seating-read-only">
      <Alert variant="default" title={t('seating.readOnlyTitle', 'Lecture seule')} closeLabel={t('seating.close', 'Fermer')} onClose={() => {}}>
        {state === 'validated'
          ? t('seating.readOnlyValidated', 'Cette configuration est validée : elle ne change plus. Rouvrez-la pour la modifier.')
          : t('seating.readOnlyArchived', 'Cette configuration est retirée : elle ne change plus.')}
      </Alert>
    </Box>
  );
}

export const BackLink = ({ t }: { t: Translate }) => (
  <Link to={`/plugins/${PLUGIN_ID}/seating`} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, textDecoration: 'none' }}>
    <ArrowLeft />
    <Typography variant="pi">{t('seating.back', 'Plans de salle')}</Typography>
  </Link>
);

/** An undo/redo history of immutable states. */
export function useHistory<T>(initial: T | null) {
  const [state, setState] = React.useState<{ past: T[]; present: T | null; future: T[] }>({ past: [], present: initial, future: [] });
  const reset = React.useCallback((value: T) => setState({ past: [], present: value, future: [] }), []);
  const push = React.useCallback((value: T) => setState((s) => ({ past: [...s.past.slice(-99), s.present as T], present: value, future: [] })), []);
  const undo = React.useCallback(() => setState((s) => (s.past.length ? { past: s.past.slice(0, -1), present: s.past[s.past.length - 1], future: [s.present as T, ...s.future] } : s)), []);
  const redo = React.useCallback(() => setState((s) => (s.future.length ? { past: [...s.past, s.present as T], present: s.future[0], future: s.future.slice(1) } : s)), []);
  return { present: state.present, canUndo: state.past.length > 0, canRedo: state.future.length > 0, reset, push, undo, redo };
}

/** Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y), Cmd on macOS. */
export function historyKey(e: React.KeyboardEvent, undo: () => void, redo: () => void): boolean {
  if (!(e.ctrlKey || e.metaKey)) return false;
  const key = e.key.toLowerCase();
  if (key === 'z' && e.shiftKey) redo();
  else if (key === 'z') undo();
  else if (key === 'y') redo();
  else return false;
  return true;
}
