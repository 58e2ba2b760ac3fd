/** The pricing core (grids, fees, VAT, quotes, revenue): pure, no Strapi import. See README « Prix et TVA ». */
export * from './money';
export type * from './model';
export * from './pricing';
export * from './validate';
export * from './gate';
export * from './attach';
export * from './editor';
