import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import { precompressAssets } from "./server/precompress.ts";

export default defineConfig(() => ({
  // The SSR build's entry is our Express app (server/app.ts), which wraps the
  // React Router request handler; server.ts imports it in production.
  environments: { ssr: { build: { rollupOptions: { input: "./server/app.ts" } } } },
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  plugins: [reactRouter(), precompressAssets()],
}));
