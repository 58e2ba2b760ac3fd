/** The capacity core (pools, availability, the binding pool, releases): pure, no Strapi import. See docs/capacity.md. */
export * from './validate';
export * from './availability';
export * from './attach';
export * from './gate';
export * from './best';
export * from './releases';
export * from './seats';
export * from './board';
