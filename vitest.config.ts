import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run on the sources: `@hakobu/<pkg>` and `@hakobu/<pkg>/testing` resolve to each package's `src`,
// so a test never depends on a stale `dist`.
const packagesDir = fileURLToPath(new URL('./packages', import.meta.url));
const alias = readdirSync(packagesDir).flatMap((pkg) => [
  { find: `@hakobu/${pkg}/testing`, replacement: `${packagesDir}/${pkg}/src/testing/index.ts` },
  { find: new RegExp(`^@hakobu/${pkg}$`), replacement: `${packagesDir}/${pkg}/src/index.ts` },
]);

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
