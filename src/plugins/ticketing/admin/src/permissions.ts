/** Every RBAC permission the plugin's admin pages check, in one place (menu links, Page.Protect, useRBAC). */
export const PERMISSIONS = {
  /** « Billetterie » pages: timeline, explanation, problems, setup steps, .ics, impact preview. */
  timeline: [{ action: 'plugin::ticketing.timeline.read', subject: null }],
  /** Paramètres › Billetterie › Opérateurs et droits. */
  perimeters: [{ action: 'plugin::ticketing.perimeters.manage', subject: null }],
};
