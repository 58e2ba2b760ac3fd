import calendarAssignment from './calendar-assignment.json';
import profileEvent from './profile-event.json';
import salesPeriod from './sales-period.json';

const CATEGORY = 'ticketing';

const definitions: Record<string, object> = {
  'sales-period': salesPeriod,
  'calendar-assignment': calendarAssignment,
  'profile-event': profileEvent,
};

/**
 * Strapi loads components only from the application's src/components. The plugin keeps its
 * own and adds them to the components registry during register, shaped as the core loader
 * shapes the application's, so the Content Manager and the database see them alike.
 */
export function pluginComponents(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, schema] of Object.entries(definitions)) {
    const uid = `${CATEGORY}.${name}`;
    out[uid] = {
      ...JSON.parse(JSON.stringify(schema)),
      __schema__: JSON.parse(JSON.stringify(schema)),
      uid,
      category: CATEGORY,
      modelType: 'component',
      modelName: name,
      globalId: `ComponentTicketing${name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`,
    };
  }
  return out;
}
