/**
 * The sale-window engine: pure functions over a compiled snapshot of the configuration.
 * No Strapi import here: the Strapi services load a ConfigurationInput, compile it once
 * (and again when the configuration changes) and ask questions of the snapshot.
 * See docs/engine.md.
 */
export * from './model';
export type { ObjectRef, ObjectType, Message, Reason, ReasonCode, Problem, ProblemCode } from './explain';
export { REASON_RANK, orderReasons } from './explain';
export type { InstantInput } from './time';
export { parseInstant, ZoneClock } from './time';
export type { Snapshot, CompileOptions } from './snapshot';
export { compileSnapshot } from './snapshot';
export type { SaleStatus, SaleAnswer, Provenance, PeriodProvenance } from './answer';
export { intervalStatus } from './answer';
export type { SalesContextQuery } from './context';
export type {
  PerformanceQuery,
  PerformanceAnswer,
  MatrixQuery,
  PerformanceMatrix,
  ListQuery,
  ListedPerformance,
  WindowsQuery,
  PerformanceWindows,
  ChannelCategoryWindow,
  TimelineInterval,
} from './performance';
export { performanceStatus, performanceStatusOnly, performanceMatrix, listOnSale, saleWindows } from './performance';
export type { ProductQuery, ProductAnswer, ProductListQuery, ListedProduct, ProductChannelWindow } from './products';
export { productStatus, listProductsOnSale, productWindows } from './products';
export type { CheckResult } from './checks';
export { checkSalesCalendar, checkActivityProfile, checkProductProfile } from './checks';
export type { ImpactQuery, ImpactWindow, ImpactEntry, ChannelImpact } from './impact';
export { validationImpact, draftsReaching, type DraftRef } from './impact';
