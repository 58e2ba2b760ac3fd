/**
 * The capacity side of a compiled sales snapshot: attached to the engine's snapshot object when
 * the sales-snapshot service builds it (one build, one configuration version), read by the answers
 * and the holds. A performance without a validated logical configuration has no entry: it keeps
 * the engine's answers and cannot be held.
 */
import type { ContingentInfo, Id, PerformanceCapacity } from './availability';

export interface CapacityContext {
  /** performance id → its compiled pools */
  performances: ReadonlyMap<Id, PerformanceCapacity>;
  /** performance id → the contingents of its organisation, by code */
  contingentsOf: ReadonlyMap<Id, ReadonlyMap<string, ContingentInfo>>;
}

const registry = new WeakMap<object, CapacityContext>();
const EMPTY: CapacityContext = { performances: new Map(), contingentsOf: new Map() };

export const attachCapacity = (snapshot: object, context: CapacityContext) => void registry.set(snapshot, context);

export const capacityOf = (snapshot: object): CapacityContext => registry.get(snapshot) ?? EMPTY;
