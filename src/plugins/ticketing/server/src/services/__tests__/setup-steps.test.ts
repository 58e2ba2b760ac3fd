import type { ConfigurationInput } from '../../domain';
import { missingStepProblems, setupSteps } from '../setup-steps';

/** A season whose organisation has channels and points of sale, and nothing else yet. */
function emptySeason(): ConfigurationInput {
  return {
    timeZone: 'Europe/Paris',
    organizations: [{ id: 'org', code: 'MUSEE', name: 'Musée', salesChannelIds: ['web'] }],
    salesChannels: [{ id: 'web', code: 'WEB', name: 'Internet', type: 'internet', external: false, active: true }],
    pointsOfSale: [{ id: 'pos', code: 'SITE', name: 'Site', organizationId: 'org', salesChannelId: 'web', active: true }],
    audienceCategories: [],
    audienceSubcategories: [],
    seatCategories: [{ id: 'cat1', code: 'CAT1', name: 'Catégorie 1', rank: 1 }],
    tariffTypes: [],
    seasons: [{ id: 's', code: 'S-2028', name: 'Saison 2028', organizationId: 'org', startsOn: null, endsOn: null, state: 'preparing' }],
    activities: [],
    events: [],
    performances: [],
    products: [],
    salesCalendars: [],
    activityProfiles: [],
    productProfiles: [],
  } as unknown as ConfigurationInput;
}

describe('setup steps and problems agree', () => {
  test('every missing mandatory step is a blocking problem naming the step; optional steps never are', () => {
    const config = emptySeason();
    const steps = setupSteps(config, config.seasons[0], null);
    const missing = steps.filter((s) => s.required && !s.done).map((s) => s.key);
    expect(missing).toEqual(['audienceSubcategories', 'tariffTypes', 'activities', 'salesCalendars', 'events', 'activityProfiles', 'operation']);
    const problems = missingStepProblems(steps, config.seasons[0]);
    expect(problems.map((p) => p.step)).toEqual(missing);
    for (const p of problems) {
      expect(p).toMatchObject({ severity: 'blocking', code: 'SETUP_STEP_MISSING', object: { type: 'season', id: 's' } });
      expect(p.message.fr).toMatch(/^Étape de paramétrage obligatoire manquante : /);
      expect(p.message.en).not.toMatch(/[àéè]/);
    }
    // « Produits » is optional and not done: no problem for it.
    expect(steps.find((s) => s.key === 'products')).toMatchObject({ required: false, done: false });
    expect(problems.some((p) => p.step === 'products')).toBe(false);
  });

  test('a channel-limited operator: channels and points of sale outside the scope do not count', () => {
    const config = emptySeason();
    const steps = setupSteps(config, config.seasons[0], new Set(['phone']));
    expect(steps.find((s) => s.key === 'salesChannels')).toMatchObject({ done: false, count: 0 });
    expect(steps.find((s) => s.key === 'pointsOfSale')).toMatchObject({ done: false, count: 0 });
  });
});
