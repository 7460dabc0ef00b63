export * from "./reference.ts";
export * from "./auth.ts";
export * from "./organizations.ts";
export * from "./audit.ts";
export * from "./mail.ts";
export * from "./activities.ts";
export * from "./overview.ts";
export * from "./jobs.ts";
