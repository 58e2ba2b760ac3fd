/**
 * The two lifecycles of the product, as plain data shared by the server (transition service,
 * read-only guard) and the admin (side panel). Pure: no Strapi import.
 *
 * Configuration objects (sales calendar, activity profile, product profile):
 *   draft → validated (validate) → draft (reopen, reason) ; draft|validated → archived (archive, final)
 * Catalogue objects (season, event, performance, product):
 *   preparing → validated → running ⇄ suspended → closed | cancelled (final)
 */

export type LifecycleKind = 'configuration' | 'catalogue';

export type TransitionAction = 'validate' | 'reopen' | 'archive' | 'run' | 'suspend' | 'resume' | 'close' | 'cancel';

export interface TransitionRule {
  action: TransitionAction;
  from: readonly string[];
  to: string;
  reasonRequired: boolean;
}

type Label = { fr: string; en: string };

export const LIFECYCLES: Record<LifecycleKind, { states: readonly string[]; initial: string; readOnly: readonly string[]; final: readonly string[]; rules: readonly TransitionRule[] }> = {
  configuration: {
    states: ['draft', 'validated', 'archived'],
    initial: 'draft',
    // A validated object is the one that has an effect: it must not change under the sales.
    readOnly: ['validated', 'archived'],
    final: ['archived'],
    rules: [
      { action: 'validate', from: ['draft'], to: 'validated', reasonRequired: false },
      { action: 'reopen', from: ['validated'], to: 'draft', reasonRequired: true },
      { action: 'archive', from: ['draft', 'validated'], to: 'archived', reasonRequired: false },
    ],
  },
  catalogue: {
    states: ['preparing', 'validated', 'running', 'suspended', 'closed', 'cancelled'],
    initial: 'preparing',
    readOnly: ['closed', 'cancelled'],
    final: ['closed', 'cancelled'],
    rules: [
      { action: 'validate', from: ['preparing'], to: 'validated', reasonRequired: false },
      { action: 'run', from: ['validated'], to: 'running', reasonRequired: false },
      { action: 'suspend', from: ['running'], to: 'suspended', reasonRequired: true },
      { action: 'resume', from: ['suspended'], to: 'running', reasonRequired: false },
      { action: 'close', from: ['running', 'suspended'], to: 'closed', reasonRequired: false },
      { action: 'cancel', from: ['preparing', 'validated', 'running', 'suspended'], to: 'cancelled', reasonRequired: true },
    ],
  },
};

/** The seven types that carry a state, by singular name, with their REST/admin plural. */
export const STATEFUL_TYPES = {
  'sales-calendar': { kind: 'configuration', plural: 'sales-calendars' },
  'activity-profile': { kind: 'configuration', plural: 'activity-profiles' },
  'product-profile': { kind: 'configuration', plural: 'product-profiles' },
  season: { kind: 'catalogue', plural: 'seasons' },
  event: { kind: 'catalogue', plural: 'events' },
  performance: { kind: 'catalogue', plural: 'performances' },
  product: { kind: 'catalogue', plural: 'products' },
  // Places (issue 16)
  'physical-configuration': { kind: 'configuration', plural: 'physical-configurations' },
  'logical-configuration': { kind: 'configuration', plural: 'logical-configurations' },
} as const satisfies Record<string, { kind: LifecycleKind; plural: string }>;

export type StatefulTypeName = keyof typeof STATEFUL_TYPES;

export const isStatefulType = (name: string): name is StatefulTypeName => Object.prototype.hasOwnProperty.call(STATEFUL_TYPES, name);

export const lifecycleOf = (name: StatefulTypeName) => LIFECYCLES[STATEFUL_TYPES[name].kind];

export const isReadOnlyState = (name: StatefulTypeName, state: string | null | undefined): boolean => !!state && lifecycleOf(name).readOnly.includes(state);

export const allowedRules = (name: StatefulTypeName, state: string): TransitionRule[] => lifecycleOf(name).rules.filter((r) => r.from.includes(state));

export const ruleOf = (name: StatefulTypeName, action: string): TransitionRule | undefined => lifecycleOf(name).rules.find((r) => r.action === action);

export const STATE_LABELS: Record<string, Label> = {
  draft: { fr: 'en création', en: 'draft' },
  validated: { fr: 'validé', en: 'validated' },
  archived: { fr: 'retiré', en: 'archived' },
  preparing: { fr: 'en préparation', en: 'preparing' },
  running: { fr: 'en exploitation', en: 'running' },
  suspended: { fr: 'suspendu', en: 'suspended' },
  closed: { fr: 'clôturé', en: 'closed' },
  cancelled: { fr: 'annulé', en: 'cancelled' },
};

export const ACTION_LABELS: Record<TransitionAction, Label> = {
  validate: { fr: 'Valider', en: 'Validate' },
  reopen: { fr: 'Rouvrir', en: 'Reopen' },
  archive: { fr: 'Retirer', en: 'Archive' },
  run: { fr: 'Mettre en exploitation', en: 'Put into operation' },
  suspend: { fr: 'Suspendre', en: 'Suspend' },
  resume: { fr: 'Reprendre', en: 'Resume' },
  close: { fr: 'Clôturer', en: 'Close' },
  cancel: { fr: 'Annuler', en: 'Cancel' },
};

/** Shapes of the admin route answers (server → side panel). */
export interface TransitionProblem {
  code: string;
  message: Label;
  objects?: readonly { type: string; id: string; code: string }[];
}

export interface TransitionRecord {
  id: number;
  action: TransitionAction;
  fromState: string;
  toState: string;
  operatorId: number | null;
  operatorName: string | null;
  reason: string | null;
  at: string;
}

export interface TransitionsView {
  uid: string;
  documentId: string;
  code: string | null;
  state: string;
  readOnly: boolean;
  final: boolean;
  allowedActions: { action: TransitionAction; to: string; reasonRequired: boolean; permitted: boolean }[];
  /** Engine check (configuration objects only), evaluated as if the object were validated. */
  check: { blocking: TransitionProblem[]; warnings: TransitionProblem[] } | null;
  history: TransitionRecord[] | null;
  configVersion: number;
}
