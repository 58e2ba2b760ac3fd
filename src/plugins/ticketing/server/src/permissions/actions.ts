/**
 * Admin RBAC actions of the plugin, in one place (a later issue adds operator perimeters as
 * conditions on them). Registered in register.ts; the routes check them with
 * admin::hasPermissions.
 */
export const ACTIONS = {
  /** validate / reopen / archive a sales calendar, an activity profile, a product profile. */
  transitionConfiguration: 'plugin::ticketing.transitions.configuration',
  /** validate / run / suspend / resume / close / cancel a season, event, performance, product. */
  transitionCatalogue: 'plugin::ticketing.transitions.catalogue',
  /** run / suspend / resume the catalogue only (the programmer's day-to-day operation). */
  operateCatalogue: 'plugin::ticketing.transitions.operate',
  /** Read the state history (side panel, GET transitions). */
  readHistory: 'plugin::ticketing.history.read',
  /** Read the sale-window timelines, explanations, problems, setup checklist and calendar feed. */
  readTimeline: 'plugin::ticketing.timeline.read',
  /** Manage operators' perimeters and restore the preset roles (never one's own perimeter). */
  managePerimeters: 'plugin::ticketing.perimeters.manage',
  /** Plugin settings. */
  manageSettings: 'plugin::ticketing.settings.manage',
} as const;

export const ACTION_DEFINITIONS = [
  {
    section: 'plugins',
    displayName: 'Valider, rouvrir, retirer les calendriers et profils / Validate, reopen, archive calendars and profiles',
    uid: 'transitions.configuration',
    subCategory: 'transitions',
    pluginName: 'ticketing',
  },
  {
    section: 'plugins',
    displayName: 'Mettre en exploitation, suspendre, clôturer, annuler / Run, suspend, close, cancel the catalogue',
    uid: 'transitions.catalogue',
    subCategory: 'transitions',
    pluginName: 'ticketing',
  },
  {
    section: 'plugins',
    displayName: 'Mettre en exploitation, suspendre, reprendre / Run, suspend, resume the catalogue',
    uid: 'transitions.operate',
    subCategory: 'transitions',
    pluginName: 'ticketing',
  },
  {
    section: 'plugins',
    displayName: "Consulter l'historique des états / Read the state history",
    uid: 'history.read',
    subCategory: 'history',
    pluginName: 'ticketing',
  },

  {
    section: 'plugins',
    displayName: 'Consulter les frises de vente et les explications / Read sale timelines and explanations',
    uid: 'timeline.read',
    subCategory: 'timeline',
    pluginName: 'ticketing',
  },
  {
    section: 'plugins',
    displayName: 'Gérer les périmètres des opérateurs et les rôles prédéfinis / Manage operator perimeters and preset roles',
    uid: 'perimeters.manage',
    subCategory: 'operators',
    pluginName: 'ticketing',
  },
  {
    section: 'plugins',
    displayName: 'Paramètres du plugin / Plugin settings',
    uid: 'settings.manage',
    subCategory: 'settings',
    pluginName: 'ticketing',
  },
];

/**
 * The RBAC actions that each allow a transition (any one of them suffices): the catalogue's
 * run/suspend/resume are allowed by the whole-family action or by the narrower `operate`.
 */
export function rbacActionsForTransition(kind: 'configuration' | 'catalogue', transition: string): string[] {
  if (kind === 'configuration') return [ACTIONS.transitionConfiguration];
  if (transition === 'run' || transition === 'suspend' || transition === 'resume') return [ACTIONS.transitionCatalogue, ACTIONS.operateCatalogue];
  return [ACTIONS.transitionCatalogue];
}
