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
        {
          name: 'admin::hasPermissions',
          config: { actions: [kind === 'configuration' ? ACTIONS.transitionConfiguration : ACTIONS.transitionCatalogue] },
        },
      ],
    },
  },
]);

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

export default {
  type: 'admin',
  routes: [...transitionRoutes, ...timelineRoutes],
};
