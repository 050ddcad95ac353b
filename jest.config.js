/** Unit tests (pure rules, no Strapi) and integration tests (real Strapi, real database, real HTTP). */
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] };

module.exports = {
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
    },
  ],
};
