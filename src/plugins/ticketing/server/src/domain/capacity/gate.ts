/**
 * SOLD_OUT, composed with the sale-window engine at the answer level (as NO_PRICE is): where a
 * performance has pools, an answer whose window is open (ON_SALE) but where nothing is left for
 * this buyer becomes SOLD_OUT, its one reason naming the binding pool. Any other answer is kept.
 */
import type { ObjectRef, Reason, SaleAnswer, SaleStatus } from '..';
import { availability, soldOutMessage, type AvailabilityQuery, type CapacityUsage, type ContingentInfo, type PerformanceCapacity } from './availability';

export function withSoldOut<A extends SaleAnswer>(
  answer: A,
  pc: PerformanceCapacity,
  contingents: ReadonlyMap<string, ContingentInfo>,
  usage: CapacityUsage,
  q: Omit<AvailabilityQuery, 'category'>,
  categories: readonly string[],
  objects: readonly ObjectRef[],
): A {
  if (answer.status !== 'ON_SALE') return answer;
  const reason = soldOutReason(pc, contingents, usage, q, categories, objects);
  return reason ? { ...answer, status: 'SOLD_OUT', reasons: [reason] } : answer;
}

/**
 * The SOLD_OUT reason when no category asked has a place left for this buyer (one category for a
 * line; all for the performance), naming the binding pool of the first; null when one has places.
 * For callers whose answers are not engine answers (the on-sale listing); the status rule is theirs
 * to apply only on an open window, as withSoldOut does.
 */
export function soldOutReason(
  pc: PerformanceCapacity,
  contingents: ReadonlyMap<string, ContingentInfo>,
  usage: CapacityUsage,
  q: Omit<AvailabilityQuery, 'category'>,
  categories: readonly string[],
  objects: readonly ObjectRef[],
): Reason | null {
  let binding = null;
  for (const category of categories) {
    const a = availability(pc, contingents, usage, { ...q, category });
    if (a.available > 0) return null;
    binding ??= a.binding;
  }
  if (!binding) return null;
  return { code: 'SOLD_OUT', objects, message: soldOutMessage(binding) };
}

/** A status without its reasons (the admin timeline's lanes): SOLD_OUT where the engine says ON_SALE and no category of the performance has a place left for this buyer. */
export function soldOutStatus(status: SaleStatus, pc: PerformanceCapacity, contingents: ReadonlyMap<string, ContingentInfo>, usage: CapacityUsage, q: Omit<AvailabilityQuery, 'category'>): SaleStatus {
  return status === 'ON_SALE' && soldOutReason(pc, contingents, usage, q, [...pc.categories.keys()], []) ? 'SOLD_OUT' : status;
}
