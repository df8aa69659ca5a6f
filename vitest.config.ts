import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const node = {
  environment: 'node' as const,
  include: ['src/server/**/*.test.ts', 'src/shared/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
  setupFiles: ['test/setup/env.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  // globalSetup runs in Vitest's own '__vitest__' environment, which takes neither setting above: without this,
  // '#server/*' resolves to dist/ there, and fails on a fresh clone that has not been built.
  environments: { __vitest__: { resolve: { conditions: ['source'], externalConditions: ['source'] } } },
  test: {
    globalSetup: ['test/setup/global.ts'],
    projects: [
      { extends: true as const, test: { ...node, name: 'pglite', env: { TEST_DB_KIND: 'pglite', TZ: 'UTC' } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true as const, test: { ...node, name: 'postgres', env: { TEST_DB_KIND: 'postgres', TZ: 'UTC' } } }]
        : []),
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['src/web/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup/web.ts'],
          env: { TZ: 'UTC' },
        },
      },
    ],
  },
});
