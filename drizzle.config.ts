import { defineConfig } from "drizzle-kit";

// Only used to generate migrations (`npm run db:generate`); they are applied in code at start-up.
export default defineConfig({
  dialect: "postgresql",
  schema: "./app/db/schema/index.ts",
  out: "./drizzle",
});
