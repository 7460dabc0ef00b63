import { randomUUID } from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, demoAccountEmails, demoOrganizationIds } from "~/domain/demo/ids.ts";
import { openDatabase } from "~/db/client.server.ts";
import { isDatabaseUnavailable } from "~/lib/db-unavailable.server.ts";
import { startApp, type AppProcess } from "./support/app-process.ts";
import { startPgServer, type PgServer } from "./support/pg-server.ts";

/**
 * Issue 15, "Faults": PostgreSQL stopped for a few seconds and started again while a signed-in user writes and
 * visitors read. During the outage every request gets a 503 page in the visitor's language with Retry-After within
 * 10 s (never a hang, never a 500), the app process stays up, it serves 200 again within 5 s of PostgreSQL being
 * back without being restarted, and afterwards every write the app acknowledged is in the database, each whole: an
 * activity and its audit entry are written in one transaction, so the database holds both or neither.
 * The test runs its own cluster (tests/system/support/pg-server.ts), since it stops it.
 */
const OUTAGE_MS = Number(process.env.PG_OUTAGE_MS ?? 6000);
const REQUEST_LIMIT_MS = 10_000;

interface Answer {
  at: number;
  ms: number;
  who: string;
  status: number;
  retryAfter: string | null;
  body: string;
  error?: string;
}

/** A browser-like client: its cookies, its CSRF token (read from the last page that had a form). */
class Visitor {
  private cookies = new Map<string, string>();
  csrf = "";
  constructor(
    private readonly base: string,
    private readonly language: string,
  ) {}

  async send(method: "GET" | "POST", pathname: string, form?: Record<string, string>) {
    const headers: Record<string, string> = { Accept: "text/html", "Accept-Language": this.language };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams({ _csrf: this.csrf, ...form }).toString();
    }
    const response = await fetch(this.base + pathname, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(REQUEST_LIMIT_MS) });
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(";")[0]!;
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await response.text();
    const token = /name="_csrf"[^>]*value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    return { status: response.status, location: response.headers.get("location"), retryAfter: response.headers.get("retry-after"), body: text };
  }
}

function activityForm(title: string): Record<string, string> {
  return {
    title,
    description: "Skrevet mens PostgreSQL startet på nytt.",
    themes: "homework_help",
    targetGroups: "children",
    municipality: "3403",
    scheduleKind: "ongoing",
    status: "active",
    visibility: "public",
    isFree: "on",
    confirmNotDuplicate: "on",
  };
}

describe("PostgreSQL restarted while the app is under load", () => {
  let server: PgServer;
  let app: AppProcess;
  beforeAll(async () => {
    server = await startPgServer();
    app = await startApp({ env: { DATABASE_URL: server.url } });
  });
  afterAll(async () => {
    await app?.stop();
    await server?.destroy();
  });

  it("answers 503 with Retry-After during the outage, recovers by itself within 5 s, and keeps every acknowledged write whole", async () => {
    const answers: Answer[] = [];
    const acknowledged: { key: string; id: string }[] = [];
    const t0 = Date.now();
    let running = true;

    const record = async (who: string, run: () => Promise<{ status: number; retryAfter: string | null; body: string; location?: string | null }>) => {
      const started = Date.now();
      try {
        const answer = await run();
        answers.push({ at: started - t0, ms: Date.now() - started, who, status: answer.status, retryAfter: answer.retryAfter, body: answer.body });
        return answer;
      } catch (error) {
        const message =
          error instanceof Error ? `${error.name}: ${error.message} ${String((error.cause as { code?: string } | undefined)?.code ?? "")}` : String(error);
        answers.push({ at: started - t0, ms: Date.now() - started, who, status: 0, retryAfter: null, body: "", error: message });
        return null;
      }
    };

    // The writer: the volunteer centre's admin, signed in through the form, creates activities titled with a key
    // of its own; "acknowledged" is the app's redirect to the new activity.
    const writer = new Visitor(app.url, "nb");
    await writer.send("GET", "/logg-inn");
    const signIn = await writer.send("POST", "/logg-inn", {
      intent: "password",
      email: demoAccountEmails.org_admin,
      password: DEMO_PASSWORD,
      next: "/min-side",
    });
    expect(signIn.status).toBe(302);
    await writer.send("GET", "/min-side");
    const writeLoop = async () => {
      while (running) {
        const key = randomUUID();
        const answer = await record("writer", () =>
          writer.send("POST", `/organisasjoner/${demoOrganizationIds.hamarVolunteerCentre}/aktiviteter/ny`, activityForm(`Omstart ${key}`)),
        );
        const id = /\/aktiviteter\/([0-9a-f-]{36})/.exec(answer?.location ?? "")?.[1];
        if (answer && answer.status >= 300 && answer.status < 400 && id) acknowledged.push({ key, id });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    // Readers: anonymous visitors in bokmål and English on the finder, and the signed-in writer's own page.
    const readLoop = (who: string, language: string, pathname: string) => async () => {
      const visitor = new Visitor(app.url, language);
      while (running) {
        await record(who, () => visitor.send("GET", pathname));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const loops = [
      writeLoop(),
      readLoop("reader-nb", "nb", "/aktiviteter?q=leksehjelp")(),
      readLoop("reader-en", "en", "/aktiviteter")(),
      readLoop("reader-kommune", "nb", "/kommuner/3403")(),
    ];

    await new Promise((resolve) => setTimeout(resolve, 3000));
    const stopping = Date.now() - t0;
    await server.stop("fast");
    const stopped = Date.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const starting = Date.now() - t0;
    await server.start();
    const back = Date.now() - t0;
    // Recovery: the first 200 from a reader after PostgreSQL accepts connections again.
    const recoveryDeadline = Date.now() + 15_000;
    while (Date.now() < recoveryDeadline && !answers.some((a) => a.at >= back && a.status === 200 && a.who.startsWith("reader"))) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    running = false;
    await Promise.all(loops);

    const firstOk = answers.filter((a) => a.at >= back && a.status === 200 && a.who.startsWith("reader")).sort((a, b) => a.at + a.ms - (b.at + b.ms))[0];
    const recoveredAfterMs = firstOk ? firstOk.at + firstOk.ms - back : Infinity;
    const during = answers.filter((a) => a.at >= stopped && a.at + a.ms <= starting);
    const unavailable = answers.filter((a) => a.status === 503);
    const summary = [
      `timeline (ms): stop ${stopping}→${stopped}, start ${starting}→${back}, first 200 after restart +${recoveredAfterMs}`,
      `${answers.length} answers: ${[...new Set(answers.map((a) => a.status))].map((s) => `${s}×${answers.filter((a) => a.status === s).length}`).join(", ")}; slowest ${Math.max(...answers.map((a) => a.ms))} ms`,
      `during the outage: ${during.length} answers, statuses ${[...new Set(during.map((a) => a.status))].join(", ")}`,
      `${acknowledged.length} acknowledged writes`,
    ].join("\n");
    console.log(summary);
    const problems = answers.filter((a) => a.error || a.ms >= REQUEST_LIMIT_MS || (a.status >= 500 && a.status !== 503) || a.status === 0);
    expect(
      problems.map((a) => `${a.who} @${a.at} ms: ${a.status} in ${a.ms} ms ${a.error ?? ""}`),
      `${summary}\n${app.output().slice(-3000)}`,
    ).toEqual([]);

    // The outage was seen, and answered as one.
    expect(during.length, summary).toBeGreaterThan(0);
    expect(
      during.every((a) => a.status === 503),
      summary,
    ).toBe(true);
    for (const answer of unavailable) {
      expect(answer.retryAfter, `${answer.who} @${answer.at}`).toMatch(/^\d+$/);
      expect(answer.body).toContain("<html");
      expect(answer.body).toContain(answer.who === "reader-en" ? "We cannot reach our database right now" : "Vi får ikke kontakt med databasen akkurat nå");
    }
    expect(
      unavailable.some((a) => a.who === "writer"),
      summary,
    ).toBe(true);
    expect(
      unavailable.some((a) => a.who === "reader-en"),
      summary,
    ).toBe(true);

    // Back by itself, and the process never went away.
    expect(recoveredAfterMs, summary).toBeLessThan(5000);
    expect(app.child.exitCode, app.output()).toBeNull();
    expect(app.child.signalCode).toBeNull();
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);

    // Every acknowledged write is there, and none is half there.
    expect(acknowledged.length, summary).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; title: string; audited: boolean }>(
        `select a.id, a.title, exists (select 1 from audit_log l where l.action = 'activity.create' and l.entity_id = a.id::text) as audited
           from activities a where a.title like 'Omstart %'`,
      );
      const byKey = new Map(rows.map((r) => [r.title.slice("Omstart ".length), r]));
      expect(acknowledged.filter((w) => byKey.get(w.key)?.id !== w.id)).toEqual([]);
      expect(rows.filter((r) => !r.audited)).toEqual([]);
      const { rows: orphans } = await client.query(
        `select l.entity_id from audit_log l where l.action = 'activity.create' and not exists (select 1 from activities a where a.id::text = l.entity_id)`,
      );
      expect(orphans).toEqual([]);
    } finally {
      await client.end();
    }
  });

  // What crashed the app in this test's first runs, made certain: a connection held between two queries of a
  // transaction that the server ends emitted "error" with no listener (pg-pool listens on idle connections only).
  it("survives the server ending a connection a transaction holds: the transaction fails as 'unavailable', the process stays", async () => {
    const handle = await openDatabase({ databaseUrl: server.url, migrationsFolder: path.resolve(import.meta.dirname, "../../drizzle") });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      const failure = await handle.db
        .transaction(async (tx) => {
          const { rows } = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: { pid: number }[] };
          const admin = new pg.Client({ connectionString: server.url });
          await admin.connect();
          await admin.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
          await admin.end();
          await new Promise((resolve) => setTimeout(resolve, 500));
          await tx.execute(sql`select 1`);
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(failure).not.toBeNull();
      expect(isDatabaseUnavailable(failure), String(failure)).toBe(true);
      expect(uncaught).toEqual([]);
      // The pool dropped the dead connection: the next query gets a fresh one.
      await handle.ping();
    } finally {
      process.off("uncaughtException", onUncaught);
      await handle.close();
    }
  });
});
