// Four projects: `unit` runs pure modules beside the plugin code, server and admin (no Strapi boot); `browser`
// drives the built admin panel in headless Chromium; `served` runs against `strapi start` (faults, uploads);
// `api` boots Strapi once for the whole run: tests/api.test.ts boots it and requires every
// tests/api/*.spec.ts, so jest's per-file module registry does not force a boot per file.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }];

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)s$': swc },
      testMatch: ['<rootDir>/src/plugins/scrm-tickets/{server,admin}/src/**/__tests__/**/*.test.ts'],
    },
    {
      // Headless Debian Chromium against the built admin (scripts/test.js builds it; SQLite only).
      displayName: 'browser',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)s$': swc },
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
    },
    {
      // The app as `strapi start` serves it, in a process of its own: faults played on its services
      // (its own Postgres stopped and started; its own Redis restarted, its worker SIGKILLed, its
      // SMTP server slow), and what needs plain Node (jest's VM cannot load the ESM file-type the
      // upload check uses).
      displayName: 'served',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)s$': swc },
      testMatch: ['<rootDir>/tests/served/**/*.test.ts'],
    },
    {
      displayName: 'api',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)s$': swc },
      testMatch: ['<rootDir>/tests/api.test.ts'],
    },
  ],
};
