/** Two projects: `unit` (the pure engine, no Strapi) and `integration` (boots a real Strapi). */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' } }] };

module.exports = {
  // Booting Strapi takes seconds; a global option (ignored inside projects).
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/src/plugins/ticketing/server/src/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      // @apidevtools/swagger-parser (the OpenAPI validator of tests/helpers/contract.ts) loads
      // json-schema-ref-parser, published as ES modules only: compiled to CommonJS like our files.
      transformIgnorePatterns: ['^(?!.*/@apidevtools/json-schema-ref-parser/).*/node_modules/'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
    },
  ],
};
