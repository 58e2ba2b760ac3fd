/** Places: seating plans, capacity reconciliation (issue 16). Pure. The block generator is shared/seating-generator.ts (one implementation for the editor and the seed). */
export * from './plan';
export * from './layout';
export * from './pretix';
