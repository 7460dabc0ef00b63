// ESLint flat config. `npm run lint` runs it on the whole tree; `npm test` runs
// lint after the typecheck, so a lint error fails CI. Every rule is an error or
// off: there are no warnings to ignore.
//
// Not type-aware: with typescript-eslint's recommendedTypeChecked the whole
// tree took 104 s of CPU instead of 25 s (measured on the 2-core CI machine
// kind), since it builds the program with the TypeScript 6 API (see
// tools/typescript6); `tsc` (TypeScript 7) already type-checks in the same run.
import "./tools/typescript6/register.js";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// Loaded after the hook above is registered (static imports would be resolved first).
const { default: tseslint } = await import("typescript-eslint");

/**
 * The layer rule (docs/architecture.md): routes and components are thin and
 * reach data only through domain modules (app/domain/<module>/*.server.ts),
 * so they import nothing from app/db and no database library, not even
 * `import type` (row types reach them through the domain's own types), and
 * not through a dynamic import() either.
 */
const databaseModule = String.raw`^(~/db|(\.\./)+db|drizzle-orm|drizzle-kit|pg|@electric-sql/pglite)(/|$)`;
const layerMessage = "Routes and components must not touch the database: call a domain module (app/domain/<module>/*.server.ts) instead.";

export default defineConfig(
  globalIgnores(["build/", "tmp/", "data/", "coverage/", "test-results/", "playwright-report/", ".react-router/", "app/styles/theme/", "drizzle/", "public/"]),
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs,jsx}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      globals: { ...globals.node },
    },
    linterOptions: {
      reportUnusedDisableDirectives: "error",
    },
    rules: {
      // A leading underscore marks a binding that is unused on purpose: a field
      // dropped by rest destructuring (`const { id: _id, ...rest } = row`), a
      // positional parameter a callback signature requires.
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // `let handler; const server = create(() => handler()); handler = ...`:
      // a closure reads it before the one assignment, which const cannot express.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      // Every control character in a regular expression here is deliberate:
      // input sanitising rejects or strips C0 controls (redirect targets, URLs,
      // upload file names, OIDC claims).
      "no-control-regex": "off",
    },
  },
  {
    files: ["app/**/*.{ts,tsx,js}"],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
  },
  {
    files: ["**/*.{tsx,jsx}"],
    extends: [reactHooks.configs.flat.recommended, jsxA11y.flatConfigs.recommended],
    rules: {
      // The recommended set has this as a warning; a missing dependency is a stale-closure bug.
      "react-hooks/exhaustive-deps": "error",
      // A scrollable table wrapper is a labelled role="region" with tabIndex=0,
      // so keyboard users can scroll it (axe: scrollable-region-focusable).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
    },
  },
  {
    files: ["tests/**", "**/*.test.{ts,tsx}"],
    rules: {
      // Tests poke into parsed JSON and library internals; `any` there is a test's business.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["tests/e2e/**"],
    rules: {
      // Playwright fixtures that use no other fixture are written `async ({}, use) => ...`.
      "no-empty-pattern": "off",
    },
  },
  {
    files: ["app/routes/**", "app/components/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: databaseModule, message: layerMessage }] }],
      "no-restricted-syntax": [
        "error",
        // esquery's regex literal ends at the first "/", so the slashes are written as \u002F.
        { selector: `ImportExpression[source.value=/${databaseModule.replaceAll("/", String.raw`\u002F`)}/]`, message: layerMessage },
      ],
    },
  },
);
