/**
 * The plain pricing data the pricing core compiles: what the Strapi shell loads (relations
 * flattened to documentIds). Only validated grids and fee tables are given to the core (the shell
 * filters by state), so the core never sees a draft.
 */
import type { Cents } from './money';

export type Id = string;

/** A VAT rate row (institution). Rows sharing a family are the successive values of one rate. */
export interface VatRateInput {
  id: Id;
  code: string;
  /** Rows of one family never overlap in time (validation); default: the row's code. */
  family: string;
  /** Percent with at most two decimals (5.5). */
  rate: number;
  /** ISO instants, inclusive start, exclusive end; null = open. */
  validFrom: string | null;
  validUntil: string | null;
}

/** One cell of a grid: seat category × tariff type (× price level) → amount TTC + VAT rate. */
export interface PriceCellInput {
  seatCategoryId: Id;
  tariffTypeId: Id;
  /** null: every price level. */
  priceLevelId: Id | null;
  amount: Cents;
  vatRateId: Id;
}

/** A validated price grid: of a season, or a child grid of one event or one performance. */
export interface PriceGridInput {
  id: Id;
  code: string;
  seasonId: Id;
  eventId: Id | null;
  performanceId: Id | null;
  cells: PriceCellInput[];
}

/** What pricing needs to know of a performance. */
export interface PricedPerformanceInput {
  id: Id;
  eventId: Id;
  seasonId: Id;
  priceLevelId: Id | null;
}

export type FeeAmountKind = 'fixed' | 'percent';

interface FeeBase {
  id: Id;
  code: string;
  name: string;
  kind: FeeAmountKind;
  /** Fixed: cents. Percent: percent with two decimals (2.5 = 2.5 %) of the base. */
  value: number;
  vatRateId: Id;
  /** Empty: every channel. */
  salesChannelIds: Id[];
  validFrom: string | null;
  validUntil: string | null;
}

/** Frais simples: per ticket, on the ticket's price; optionally for some tariff types only. */
export interface SimpleFeeInput extends FeeBase {
  tariffTypeIds: Id[];
}

export type GeneralFeeKind = 'booking' | 'payment' | 'delivery';

/** Frais généraux: per order, on the tickets' total (percent) or fixed. */
export interface GeneralFeeInput extends FeeBase {
  feeKind: GeneralFeeKind;
  /** payment fees: only for this payment method (null: any). */
  paymentMethodId: Id | null;
  /** delivery fees: only for this delivery kind (null: any). */
  deliveryKind: string | null;
}

/** Frais d'envoi: per delivery method, per ticket or per order (fixed amounts). */
export interface DeliveryFeeInput extends Omit<FeeBase, 'kind' | 'value'> {
  deliveryMethodId: Id;
  per: 'ticket' | 'order';
  amount: Cents;
}

/** Fee tables of one organisation (the validated ones, merged). */
export interface FeeTablesInput {
  simple: SimpleFeeInput[];
  general: GeneralFeeInput[];
  delivery: DeliveryFeeInput[];
}

export interface DeliveryMethodInput {
  id: Id;
  code: string;
  kind: string;
  salesChannelIds: Id[];
}

export interface PaymentMethodInput {
  id: Id;
  code: string;
  kind: string;
  salesChannelIds: Id[];
}

export interface PricingInput {
  vatRates: VatRateInput[];
  grids: PriceGridInput[];
  performances: PricedPerformanceInput[];
  fees: FeeTablesInput;
  deliveryMethods: DeliveryMethodInput[];
  paymentMethods: PaymentMethodInput[];
}
