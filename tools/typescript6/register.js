/**
 * typescript-eslint 8 needs TypeScript's JavaScript compiler API, which
 * TypeScript 7 (the project's compiler, root `typescript` package) no longer
 * ships; typescript-eslint refuses to load against it
 * (https://github.com/typescript-eslint/typescript-eslint/issues/10940).
 * This folder installs TypeScript 6.0 nested in its own node_modules (the
 * name clash with the root package keeps npm from hoisting it, so the root
 * `tsc` stays TypeScript 7), and this hook hands it to typescript-eslint's
 * packages only. Everything else, tsc and React Router typegen included,
 * keeps resolving TypeScript 7. Import this before typescript-eslint.
 * Remove once typescript-eslint supports the TypeScript 7 API.
 */
import { createRequire, registerHooks } from "node:module";
import { pathToFileURL } from "node:url";

// Resolved from this folder, so `typescript` is the nested TypeScript 6.
const requireHere = createRequire(import.meta.url);
const needsTypeScript6 = /\/node_modules\/(typescript-eslint|@typescript-eslint\/[^/]+|ts-api-utils)\//;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const isTypeScript = specifier === "typescript" || specifier.startsWith("typescript/");
    if (isTypeScript && context.parentURL && needsTypeScript6.test(context.parentURL)) {
      // Resolved here rather than through nextResolve: for require() Node resolves from the original parent whatever parentURL says.
      return { url: pathToFileURL(requireHere.resolve(specifier)).href, format: "commonjs", shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
});
