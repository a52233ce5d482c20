import { defineConfig } from "vitest/config";

// Four suites: `npm test` runs unit, build and browser; `npm run test:archive` runs the suites on
// the Reuters-21578 corpus, which a clone of this project does not contain.
export default defineConfig({
  test: {
    globalSetup: ["tests/global-setup.ts"],
    projects: [
      { test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        test: {
          name: "build",
          include: ["tests/build/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "archive",
          include: ["tests/archive/**/*.test.ts"],
          testTimeout: 900_000,
          hookTimeout: 1_800_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
