import { z } from "zod";

/**
 * Every environment variable Samspill reads, validated once at start-up.
 * A wrong value stops the server with a message naming the variable, rather
 * than failing later in a request.
 */
const EXAMPLE_SECRET = "dev-only-secret-change-me-0123456789abcdef";

const booleanString = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

const oidcProviderId = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "use lower-case letters, digits and '-'");

const baseSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  PGLITE_DATA_DIR: z.string().min(1).default("./data/pglite"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters"),
  SEED_DEMO_DATA: booleanString.default(true),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Samspill <ikke-svar@samspill.localhost>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: booleanString.default(false),
  /**
   * /metrics (Prometheus) answers requests from this machine that did not come through a proxy; with a token,
   * also any request carrying `Authorization: Bearer <token>` (a Prometheus server elsewhere).
   */
  METRICS_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  /**
   * App processes on this machine (Node's cluster module; one per core is usual). Each is a full instance on the
   * same PostgreSQL, sharing the port; more than one needs DATABASE_URL (server.ts checks that before forking).
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /**
   * This instance's name, sent as `X-Samspill-Instance` on every response when set (several instances behind a
   * proxy: which one answered). Unset, no header: a host name is not something to hand out by default.
   */
  INSTANCE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "use letters, digits, '.', '_' and '-' (at most 64)")
    .optional(),
  /**
   * The in-process scheduler: reminders and retention on their cadence, one instance per period (see
   * app/domain/jobs/scheduler.server.ts). Off by default, since `npm start`, the tests and the demo should not send
   * reminders by themselves; the container image turns it on. Off, run the same tasks from cron with the CLI.
   */
  SCHEDULER: booleanString.default(false),
  /** Overrides every scheduled task's period, in seconds (tests; production leaves it unset). */
  SCHEDULER_PERIOD_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
  /** Where security researchers report vulnerabilities (/.well-known/security.txt): a mailto: or https: URL. */
  SECURITY_CONTACT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, "must start with mailto: or https://")
    .default("mailto:sikkerhet@samspill.localhost"),
  /** An activity not confirmed for this many months is flagged to its organisation. */
  ACTIVITY_STALE_MONTHS: z.coerce.number().int().min(1).max(120).default(6),
  /** ...and after this many months it is hidden from public search. */
  ACTIVITY_HIDDEN_MONTHS: z.coerce.number().int().min(1).max(240).default(12),
  /** Volunteers' interests not followed up are deleted this many months after their last change (issue 14). */
  VOLUNTEER_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /** Largest file accepted by an upload (the Brreg import), in bytes; default 2 GiB. */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(64 * 1024 ** 3)
    .default(2 * 1024 ** 3),
  /**
   * Largest request body a form post may have, in bytes; default 2 MiB. Checked before the body
   * is read (413 above it). The Brreg upload has UPLOAD_MAX_BYTES instead.
   */
  FORM_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(16 * 1024)
    .max(64 * 1024 ** 2)
    .default(2 * 1024 ** 2),
  /** Where uploaded files wait for their background job; each is deleted when the job ends. */
  UPLOAD_DIR: z.string().min(1).default("./data/uploads"),
  OIDC_PROVIDERS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(oidcProviderId)),
});

const oidcProviderSchema = z.object({
  issuer: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
  acrValues: z.string().min(1).optional(),
  scope: z.string().min(1).default("openid email profile"),
  label: z.string().min(1),
  /** Allows an http:// issuer; only for local test providers. */
  allowInsecure: booleanString.default(false),
});

export type OidcProviderConfig = z.infer<typeof oidcProviderSchema> & { id: string };

export type Env = z.infer<typeof baseSchema> & {
  oidcProviders: OidcProviderConfig[];
  cookieSecure: boolean;
  /** No SMTP_URL: e-mails are recorded in the database and the log, not sent. */
  usesDevOutbox: boolean;
  /**
   * Whether the dev outbox page (/dev/utboks) exists: only without SMTP and outside production.
   * It shows everyone's e-mails, sign-in links included, so a production instance never serves it.
   */
  devOutboxVisible: boolean;
};

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const empty = Object.fromEntries(Object.entries(source).filter(([, v]) => v === ""));
  // Treat empty strings as unset, so a blank line in .env means "use the default".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([k]) => !(k in empty)));
  const base = baseSchema.safeParse(cleaned);
  if (!base.success) throw new EnvError(formatIssues(base.error));
  const env = base.data;
  if (env.NODE_ENV === "production" && env.SESSION_SECRET === EXAMPLE_SECRET && !env.SEED_DEMO_DATA) {
    throw new EnvError(
      "SESSION_SECRET: the example secret from .env.example is only allowed for the demo (SEED_DEMO_DATA=true); set a random secret of 32+ characters.",
    );
  }
  const oidcProviders: OidcProviderConfig[] = [];
  for (const id of env.OIDC_PROVIDERS) {
    const prefix = `OIDC_${id.toUpperCase().replaceAll("-", "_")}_`;
    const parsed = oidcProviderSchema.safeParse({
      issuer: cleaned[`${prefix}ISSUER`],
      clientId: cleaned[`${prefix}CLIENT_ID`],
      clientSecret: cleaned[`${prefix}CLIENT_SECRET`],
      acrValues: cleaned[`${prefix}ACR_VALUES`],
      scope: cleaned[`${prefix}SCOPE`],
      label: cleaned[`${prefix}LABEL`] ?? id,
      allowInsecure: cleaned[`${prefix}ALLOW_INSECURE`],
    });
    if (!parsed.success) {
      throw new EnvError(
        formatIssues(parsed.error, prefix, { clientId: "CLIENT_ID", clientSecret: "CLIENT_SECRET", acrValues: "ACR_VALUES", allowInsecure: "ALLOW_INSECURE" }),
      );
    }
    oidcProviders.push({ ...parsed.data, id });
  }
  return {
    ...env,
    oidcProviders,
    cookieSecure: env.PUBLIC_URL.startsWith("https://"),
    usesDevOutbox: !env.SMTP_URL,
    devOutboxVisible: !env.SMTP_URL && env.NODE_ENV !== "production",
  };
}

function formatIssues(error: z.ZodError, prefix = "", names: Record<string, string> = {}): string {
  const lines = error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "");
    const name = prefix + (names[key] ?? key.toUpperCase());
    return `  ${name}: ${issue.message}`;
  });
  return `Invalid configuration (see .env.example):\n${lines.join("\n")}`;
}

let cached: Env | undefined;

/** The validated environment; parsed on first use and then kept. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that need another configuration. */
export function setEnvForTests(env: Env): void {
  cached = env;
}
