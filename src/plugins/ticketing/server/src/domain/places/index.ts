/** Places: seating plans, numbering schemes, capacity reconciliation (issue 16). Pure. */
export * from './plan';
export * from './layout';
export { generateBlock, letterLabel, rowLabels, seatNumbers, type BlockGeneratorOptions, type RowLabelStyle, type SeatNumbering } from '../../../../shared/seating-generator';
