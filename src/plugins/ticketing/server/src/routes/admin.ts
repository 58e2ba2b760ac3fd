import { STATEFUL_TYPES } from '../../../shared/lifecycle';
import { ACTIONS } from '../permissions/actions';

/**
 * Admin API (prefix /ticketing): one transitions route pair per stateful type.
 * POST needs the transition right of the type's family; GET needs an authenticated operator
 * (the answer says which actions the operator may take and includes the history only with
 * `history.read`).
 */
const transitionRoutes = Object.values(STATEFUL_TYPES).flatMap(({ kind, plural }) => [
  {
    method: 'GET',
    path: `/${plural}/:documentId/transitions`,
    handler: 'transitions.show',
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  },
  {
    method: 'POST',
    path: `/${plural}/:documentId/transitions`,
    handler: 'transitions.apply',
    config: {
      policies: [
        'admin::isAuthenticatedAdmin',
        // Configuration: one action. Catalogue: transitions.catalogue or, for run/suspend/resume,
        // transitions.operate — the controller checks the action and the perimeter.
        ...(kind === 'configuration' ? [{ name: 'admin::hasPermissions', config: { actions: [ACTIONS.transitionConfiguration] } }] : []),
      ],
    },
  },
]);

const manage = { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [ACTIONS.managePerimeters] } }] };

/** Operators: perimeters, preset roles, effective rights (controllers/operators.ts). */
const operatorRoutes = [
  { method: 'GET', path: '/operators', handler: 'operators.operators', config: manage },
  // Own rights for everyone; another operator's with perimeters.manage (checked in the controller).
  { method: 'GET', path: '/operators/:id/effective-rights', handler: 'operators.effectiveRights', config: { policies: ['admin::isAuthenticatedAdmin'] } },
  { method: 'GET', path: '/perimeters/options', handler: 'operators.perimeterOptions', config: manage },
  { method: 'POST', path: '/operators/:id/perimeters', handler: 'operators.createPerimeter', config: manage },
  { method: 'PUT', path: '/perimeters/:documentId', handler: 'operators.updatePerimeter', config: manage },
  { method: 'DELETE', path: '/perimeters/:documentId', handler: 'operators.deletePerimeter', config: manage },
  { method: 'GET', path: '/roles/presets', handler: 'operators.presetRoles', config: manage },
  { method: 'POST', path: '/roles/presets/restore', handler: 'operators.restorePresetRoles', config: manage },
];

/** Timeline pages: every route needs `timeline.read`; the data is filtered by the operator's perimeter. */
const timelinePolicies = ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [ACTIONS.readTimeline] } }];
const timelineRoutes = [
  ['/timeline', 'timeline.timeline'],
  ['/explain', 'timeline.explain'],
  ['/impact', 'timeline.impact'],
  ['/problems', 'timeline.problems'],
  ['/setup', 'timeline.setup'],
  ['/calendar.ics', 'timeline.ics'],
].map(([path, handler]) => ({ method: 'GET', path, handler, config: { policies: timelinePolicies } }));

/**
 * Seating-plan editor (issue 16, controllers/seating.ts): the Content Manager's read (update for
 * writes) of the type is needed; the controller checks the perimeter first.
 */
const CM_READ = 'plugin::content-manager.explorer.read';
const CM_UPDATE = 'plugin::content-manager.explorer.update';
const seatingPolicies = (type: string, action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [[action, `plugin::ticketing.${type}`]] } }],
});
const PHYSICAL = '/seating/physical-configurations/:documentId';
const LOGICAL = '/seating/logical-configurations/:documentId';
const seatingRoutes = [
  { method: 'GET', path: PHYSICAL, handler: 'seating.getPhysical', config: seatingPolicies('physical-configuration', CM_READ) },
  { method: 'PUT', path: PHYSICAL, handler: 'seating.putPhysical', config: seatingPolicies('physical-configuration', CM_UPDATE) },
  { method: 'GET', path: LOGICAL, handler: 'seating.getLogical', config: seatingPolicies('logical-configuration', CM_READ) },
  { method: 'PUT', path: LOGICAL, handler: 'seating.putLogical', config: seatingPolicies('logical-configuration', CM_UPDATE) },
  { method: 'POST', path: `${PHYSICAL}/import`, handler: 'seating.importPretix', config: seatingPolicies('physical-configuration', CM_UPDATE) },
  { method: 'GET', path: `${PHYSICAL}/export`, handler: 'seating.exportPretix', config: seatingPolicies('physical-configuration', CM_READ) },
  { method: 'POST', path: `${LOGICAL}/reconciliation`, handler: 'seating.previewReconciliation', config: seatingPolicies('logical-configuration', CM_READ) },
];

/**
 * Price-grid editor (issue 18, controllers/prices.ts, Billetterie › Tarifs): the Content Manager's
 * read of price grids (update for writes); the controller checks the season's or grid's perimeter first.
 */
const GRID = '/prices/grids/:documentId';
const priceRoutes = [
  { method: 'GET', path: '/prices/seasons', handler: 'prices.seasons', config: seatingPolicies('price-grid', CM_READ) },
  { method: 'GET', path: '/prices/seasons/:documentId', handler: 'prices.season', config: seatingPolicies('price-grid', CM_READ) },
  { method: 'GET', path: '/prices/seasons/:documentId/revenue', handler: 'prices.revenue', config: seatingPolicies('price-grid', CM_READ) },
  { method: 'GET', path: GRID, handler: 'prices.grid', config: seatingPolicies('price-grid', CM_READ) },
  { method: 'PUT', path: GRID, handler: 'prices.putGrid', config: seatingPolicies('price-grid', CM_UPDATE) },
  { method: 'GET', path: '/prices/fee-tables', handler: 'prices.feeTables', config: seatingPolicies('fee-table', CM_READ) },
  { method: 'GET', path: '/prices/fee-tables/:documentId', handler: 'prices.feeTable', config: seatingPolicies('fee-table', CM_READ) },
  { method: 'PUT', path: '/prices/fee-tables/:documentId', handler: 'prices.putFeeTable', config: seatingPolicies('fee-table', CM_UPDATE) },
];

/** Capacity (issue #17): the consistency check of the counting tables, within the perimeter (controllers/consistency.ts). */
const capacityRoutes = [{ method: 'GET', path: '/capacity/consistency', handler: 'consistency.check', config: { policies: timelinePolicies } }];

/**
 * Availability board (issue #17, controllers/board.ts, Billetterie › Disponibilités): the Content
 * Manager's read of performances (update for « release now »); the controller checks the perimeter first.
 */
const BOARD = '/board/performances/:documentId';
const boardRoutes = [
  { method: 'GET', path: BOARD, handler: 'board.show', config: seatingPolicies('performance', CM_READ) },
  { method: 'POST', path: `${BOARD}/releases`, handler: 'board.release', config: seatingPolicies('performance', CM_UPDATE) },
  { method: 'PUT', path: `${BOARD}/limits`, handler: 'board.putLimits', config: seatingPolicies('performance', CM_UPDATE) },
];

export default {
  type: 'admin',
  routes: [...transitionRoutes, ...timelineRoutes, ...operatorRoutes, ...seatingRoutes, ...priceRoutes, ...capacityRoutes, ...boardRoutes],
};
