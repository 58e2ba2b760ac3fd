import * as React from 'react';
import { Box, Typography } from '@strapi/design-system';
import { useTheme } from 'styled-components';
import { editableCents, formatCents } from '../../../../shared/money';
import type { Translate } from '../../utils/translate';
import { formatRate, keyOf, type Cell, type InheritedCell, type Named, type VatRateOption } from './model';

export interface Position {
  row: number;
  col: number;
}

/** What a cell of the matrix shows: its own price, the one it inherits, or an error. */
export interface CellDisplay {
  key: string;
  own: Cell | null;
  inherited: (InheritedCell | Cell) | null;
  /** Where the inherited price comes from (a parent grid's code, or « every level » of this grid). */
  inheritedFrom: string | null;
  error: { text: string; message: string } | null;
}

interface Props {
  seatCategories: Named[];
  tariffTypes: Named[];
  vatRates: VatRateOption[];
  defaultVatRate: string | null;
  display: (seatCategory: string, tariffType: string) => CellDisplay;
  child: boolean;
  readOnly: boolean;
  active: Position;
  onActive: (p: Position) => void;
  /** Commit a typed text at a position ('' clears the cell). */
  onCommit: (p: Position, text: string) => void;
  onClear: (p: Position) => void;
  onPaste: (p: Position, text: string) => void;
  t: Translate;
}

type Colours = Record<string, string>;

/**
 * The grid as a spreadsheet: seat categories in rows, tariff types in columns. Keyboard: arrows,
 * Tab / Shift+Tab, Enter (edit, then commit and go down), Escape (cancel), Delete or Backspace
 * (clear: a child grid's cell returns to its inherited price), typing starts an edit; paste a
 * block copied from a spreadsheet at the active cell. Colours from the theme (dark mode).
 */
export function GridMatrix(props: Props) {
  const { seatCategories, tariffTypes, active, readOnly, t } = props;
  const colors = useTheme().colors as unknown as Colours;
  const [editing, setEditingState] = React.useState<string | null>(null);
  // The text being typed, also in a ref: the input's blur (when the focus goes back to the grid)
  // must not commit an edit already committed or cancelled.
  const editingRef = React.useRef<string | null>(null);
  const setEditing = (value: string | null) => {
    editingRef.current = value;
    setEditingState(value);
  };
  const tableRef = React.useRef<HTMLTableElement>(null);
  const inputRef = React.useRef<HTMLInputElement>(null);
  const rows = seatCategories.length;
  const cols = tariffTypes.length;

  // Focus the input before the next key arrives (a layout effect runs before the browser's next event).
  const isEditing = editing !== null;
  React.useLayoutEffect(() => {
    if (isEditing) inputRef.current?.focus();
  }, [isEditing]);

  const focusTable = () => tableRef.current?.focus();
  const move = (row: number, col: number) => props.onActive({ row: Math.max(0, Math.min(rows - 1, row)), col: Math.max(0, Math.min(cols - 1, col)) });
  /** Tab order: left to right, then the next row. Returns false at either end (the focus leaves the grid). */
  const step = (forward: boolean): boolean => {
    const index = active.row * cols + active.col + (forward ? 1 : -1);
    if (index < 0 || index >= rows * cols) return false;
    props.onActive({ row: Math.floor(index / cols), col: index % cols });
    return true;
  };
  const startEdit = (initial?: string) => {
    if (readOnly) return;
    const d = props.display(seatCategories[active.row].documentId, tariffTypes[active.col].documentId);
    setEditing(initial ?? (d.error ? d.error.text : d.own ? editableCents(d.own.amount) : ''));
  };
  const commit = (after: 'down' | 'right' | 'left' | 'stay') => {
    const text = editingRef.current;
    if (text === null) return;
    setEditing(null);
    props.onCommit(active, text);
    if (after === 'down') move(active.row + 1, active.col);
    else if (after === 'right') step(true);
    else if (after === 'left') step(false);
    focusTable();
  };

  const onTableKey = (e: React.KeyboardEvent) => {
    if (editing !== null || rows === 0 || cols === 0) return;
    const k = e.key;
    if (k === 'ArrowDown') move(active.row + 1, active.col);
    else if (k === 'ArrowUp') move(active.row - 1, active.col);
    else if (k === 'ArrowRight') move(active.row, active.col + 1);
    else if (k === 'ArrowLeft') move(active.row, active.col - 1);
    else if (k === 'Home') move(active.row, 0);
    else if (k === 'End') move(active.row, cols - 1);
    else if (k === 'Tab') {
      if (!step(!e.shiftKey)) return; // at an end: let the focus leave the grid
    } else if (k === 'Enter' || k === 'F2') startEdit();
    else if (k === 'Delete' || k === 'Backspace') {
      if (!readOnly) props.onClear(active);
    } else if (k.length === 1 && /[0-9,.\-€ ]/.test(k) && !e.ctrlKey && !e.metaKey && !e.altKey) startEdit(k === ' ' ? '' : k);
    else return;
    e.preventDefault();
  };

  const onInputKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation();
    if (e.key === 'Enter') commit('down');
    else if (e.key === 'Tab') commit(e.shiftKey ? 'left' : 'right');
    else if (e.key === 'Escape') {
      setEditing(null);
      focusTable();
    } else return;
    e.preventDefault();
  };

  const onPaste = (e: React.ClipboardEvent) => {
    if (editing !== null || readOnly) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    props.onPaste(active, text);
  };

  const vatOf = (id: string) => props.vatRates.find((v) => v.documentId === id);
  const border = `1px solid ${colors.neutral200}`;

  return (
    <Box overflow="auto" paddingBottom={2}>
      <table
        ref={tableRef}
        role="grid"
        tabIndex={0}
        aria-label={t('prices.matrix', 'Grille des prix')}
        aria-readonly={readOnly}
        data-testid="price-matrix"
        onKeyDown={onTableKey}
        onPaste={onPaste}
        style={{ borderCollapse: 'collapse', outline: 'none', background: colors.neutral0, color: colors.neutral800, minWidth: 400 }}
      >
        <thead>
          <tr>
            <th style={{ border, padding: 8, background: colors.neutral100, textAlign: 'left' }}>
              <Typography variant="sigma">{t('prices.seatCategory', 'Catégorie de place')}</Typography>
            </th>
            {tariffTypes.map((tt) => (
              <th key={tt.documentId} scope="col" style={{ border, padding: 8, background: colors.neutral100, minWidth: 130 }} data-testid="price-column" data-code={tt.code}>
                <Typography variant="sigma">{tt.name}</Typography>
                <Typography variant="pi" textColor="neutral600" tag="div">
                  {tt.code}
                </Typography>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {seatCategories.map((sc, row) => (
            <tr key={sc.documentId} data-testid="price-row" data-code={sc.code}>
              <th scope="row" style={{ border, padding: 8, background: colors.neutral100, textAlign: 'left' }}>
                <Typography fontWeight="bold">{sc.name}</Typography>
                <Typography variant="pi" textColor="neutral600" tag="div">
                  {sc.code}
                </Typography>
              </th>
              {tariffTypes.map((tt, col) => {
                const d = props.display(sc.documentId, tt.documentId);
                const isActive = active.row === row && active.col === col;
                const state = d.error ? 'error' : d.own ? (props.child ? 'overridden' : 'set') : d.inherited ? 'inherited' : 'empty';
                const background = d.error ? colors.danger100 : state === 'inherited' ? colors.neutral150 : state === 'overridden' ? colors.primary100 : colors.neutral0;
                const vat = d.own ? vatOf(d.own.vatRate) : d.inherited ? vatOf(d.inherited.vatRate) : undefined;
                return (
                  <td
                    key={tt.documentId}
                    role="gridcell"
                    aria-selected={isActive}
                    data-testid="price-cell"
                    data-seat-category={sc.code}
                    data-tariff-type={tt.code}
                    data-state={state}
                    data-active={isActive ? 'true' : undefined}
                    title={d.error ? d.error.message : state === 'inherited' && d.inheritedFrom ? t('prices.inheritedFrom', 'Hérité de {grid}', { grid: d.inheritedFrom }) : undefined}
                    onClick={() => {
                      props.onActive({ row, col });
                      focusTable();
                    }}
                    onDoubleClick={() => {
                      props.onActive({ row, col });
                      startEdit();
                    }}
                    style={{
                      border: isActive ? `2px solid ${colors.primary600}` : d.error ? `2px solid ${colors.danger600}` : border,
                      borderLeft: state === 'overridden' && !isActive ? `4px solid ${colors.primary600}` : undefined,
                      padding: isActive ? 5 : 6,
                      background,
                      textAlign: 'right',
                      verticalAlign: 'top',
                      cursor: 'cell',
                    }}
                  >
                    {isActive && editing !== null ? (
                      <input
                        ref={inputRef}
                        data-testid="price-cell-input"
                        aria-label={t('prices.amount', 'Montant TTC')}
                        value={editing}
                        autoFocus
                        onChange={(e) => setEditing(e.target.value)}
                        onKeyDown={onInputKey}
                        onBlur={() => commit('stay')}
                        style={{ width: '100%', textAlign: 'right', font: 'inherit', background: colors.neutral0, color: colors.neutral800, border: `1px solid ${colors.primary600}` }}
                      />
                    ) : d.error ? (
                      <>
                        <Typography textColor="danger700" data-testid="price-cell-text">
                          {d.error.text}
                        </Typography>
                        <Typography variant="pi" textColor="danger700" tag="div" data-testid="price-cell-error">
                          {d.error.message}
                        </Typography>
                      </>
                    ) : (
                      <>
                        <Typography textColor={state === 'inherited' ? 'neutral500' : 'neutral800'} fontWeight={state === 'overridden' ? 'bold' : undefined} data-testid="price-cell-text">
                          {d.own ? formatCents(d.own.amount) : d.inherited ? formatCents(d.inherited.amount) : '—'}
                        </Typography>
                        {(d.own || d.inherited) && (
                          <Typography variant="pi" textColor="neutral500" tag="div" data-testid="price-cell-vat">
                            {t('prices.vatShort', 'TVA {rate}', { rate: vat ? formatRate(vat.rate) : '?' })}
                            {state === 'inherited' && d.inheritedFrom ? ` · ${d.inheritedFrom}` : ''}
                          </Typography>
                        )}
                        {state === 'overridden' && d.inherited && (
                          <Typography variant="pi" textColor="neutral600" tag="div" data-testid="price-cell-parent">
                            {t('prices.parentAmount', 'parent : {amount}', { amount: formatCents(d.inherited.amount) })}
                          </Typography>
                        )}
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}

export const cellKeyAt = (seatCategories: Named[], tariffTypes: Named[], p: Position, level: string | null) => keyOf(seatCategories[p.row].documentId, tariffTypes[p.col].documentId, level);
