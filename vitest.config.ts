import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

/** Unit tests live beside the code as `*.test.ts`; e2e specs are Playwright's. */
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
