/**
 * Test projects. `npm run test:unit` runs the unit project: no browser, no
 * LibreOffice, no build. `npm test` runs them all (after lint, type-check and
 * build); `npx jest --selectProjects browser` runs one. The projects that use
 * dist/ or lib/ build it first when it is missing or older than src/
 * (test/support/build.ts); a missing Chromium or LibreOffice skips its tests
 * locally and fails them under CI (test/support/tools.ts).
 */
const shared = {
  testEnvironment: "node",
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      {
        tsconfig: {
          module: "commonjs",
          moduleResolution: "node",
          jsx: "react-jsx",
          esModuleInterop: true,
          isolatedModules: true,
        },
        diagnostics: false,
      },
    ],
  },
};

/** Test files (or folders, ending in /) of each project but unit, relative to the repository. */
const OUTSIDE_UNIT = {
  // Headless Chromium on dist/.
  browser: ["test/browser/"],
  // Real LibreOffice (soffice) on generated workbooks.
  libreoffice: ["test/libreoffice/", "test/sheets/specs/harmLabelsLibreOffice.test.ts"],
  // The harm-planner command as built to lib/ (node bin/harm-planner.js); evaluate also uses LibreOffice.
  cli: [
    "test/cli/harmPlanner.test.ts",
    "test/cli/evaluate.test.ts",
    "test/cli/evaluateLargeControl.test.ts",
    "test/cli/policeUkDownload.test.ts",
    "test/cli/hostileDates.test.ts",
    "test/cli/hostileRows.test.ts",
    "test/cli/hugeLines.test.ts",
    "test/cli/jsonInputs.test.ts",
    "test/cli/offenceTypes.test.ts",
    "test/cli/safeOutput.test.ts",
    "test/cli/workers.test.ts",
  ],
  // The webpack build: dist/ as built, fresh builds into temp folders, the dev server.
  build: [
    "test/addin/manifest.test.ts",
    "test/addin/devserver.test.ts",
    "test/addin/bundle.test.ts",
    "test/security/csp.test.ts",
  ],
};

const SETUP = {
  browser: "<rootDir>/test/support/setup/dist.ts",
  build: "<rootDir>/test/support/setup/dist.ts",
  cli: "<rootDir>/test/support/setup/lib.ts",
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const match = (p) => (p.endsWith("/") ? `<rootDir>/${p}**/*.test.{ts,tsx}` : `<rootDir>/${p}`);

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120000,
  projects: [
    {
      ...shared,
      displayName: "unit",
      roots: ["<rootDir>/test"],
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      testPathIgnorePatterns: [
        "/node_modules/",
        ...Object.values(OUTSIDE_UNIT)
          .flat()
          .map((p) => `^<rootDir>/${escape(p)}`),
      ],
    },
    ...Object.entries(OUTSIDE_UNIT).map(([name, paths]) => ({
      ...shared,
      displayName: name,
      roots: ["<rootDir>/test"],
      testMatch: paths.map(match),
      ...(SETUP[name] ? { globalSetup: SETUP[name] } : {}),
    })),
  ],
};
