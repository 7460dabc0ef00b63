import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, demoAccountEmails, demoWorkshops } from "~/domain/demo/ids.ts";
import { ensureNginx } from "../../scripts/ensure-nginx.ts";
import { databaseUrl, freePort, startApp, type AppProcess } from "./support/app-process.ts";

/**
 * Two app processes on one PostgreSQL behind nginx, as scaling out is meant to work (issue 15, "Several
 * instances"): they start at once on an empty database (migrations under an advisory lock), share sessions and
 * live workshop state through the database, and their schedulers run each reminder period once between them.
 */

/** The scheduler's period in this test (production: an hour or a day per task). */
const PERIOD_SECONDS = 2;

interface Nginx {
  url: string;
  dir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The example configuration in docs/operations.md, with every path inside `dir`. */
export function nginxConfig(dir: string, listenPort: number, upstreamPorts: number[]): string {
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  return `${asRoot ? "user root;\n" : ""}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  upstream samspill {
${upstreamPorts.map((port) => `    server 127.0.0.1:${port} max_fails=0;`).join("\n")}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${listenPort};
    client_max_body_size 64m;
    location / {
      proxy_pass http://samspill;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 60s;
    }
  }
}
`;
}

async function startNginx(listenPort: number, upstreamPorts: number[]): Promise<Nginx> {
  const binary = ensureNginx();
  const dir = mkdtempSync(path.join(tmpdir(), "samspill-nginx-"));
  mkdirSync(path.join(dir, "tmp"));
  writeFileSync(path.join(dir, "nginx.conf"), nginxConfig(dir, listenPort, upstreamPorts));
  let output = "";
  const child = spawn(binary, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${listenPort}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`nginx did not answer within 10 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    dir,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGQUIT: nginx's graceful stop; it finishes open requests first.
        child.kill("SIGQUIT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A cookie jar of one browser: the Set-Cookie answers, sent back on the next request. */
class Browser {
  constructor(
    readonly baseUrl: string,
    /** Shared with another Browser: the same browser session, sent straight to one instance. */
    readonly cookies = new Map<string, string>(),
  ) {}

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(`${this.baseUrl}${pathname}`, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    return response;
  }

  async postForm(pathname: string, fields: Record<string, string>): Promise<Response> {
    return this.request(pathname, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: this.baseUrl },
    });
  }

  /** The CSRF token of the form on `pathname`. */
  async csrf(pathname: string): Promise<string> {
    const response = await this.request(pathname);
    expect(response.status, `GET ${pathname}`).toBe(200);
    const html = await response.text();
    const match = /name="_csrf"\s+value="([^"]+)"/.exec(html) ?? /value="([^"]+)"\s+name="_csrf"/.exec(html);
    if (!match?.[1]) throw new Error(`no _csrf field on ${pathname}`);
    return match[1];
  }
}

describe("two instances behind nginx on one PostgreSQL", () => {
  const database = `instances_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  let admin: pg.Client;
  let db: pg.Client;
  let apps: AppProcess[] = [];
  let nginx: Nginx | undefined;
  let startMs = 0;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: databaseUrl() });
    await admin.connect();
    await admin.query(`create database ${database}`);
    const url = new URL(databaseUrl());
    url.pathname = `/${database}`;
    const proxyPort = await freePort();
    const publicUrl = `http://127.0.0.1:${proxyPort}`;
    const env = (name: string) => ({
      DATABASE_URL: url.toString(),
      PUBLIC_URL: publicUrl,
      TRUST_PROXY: "true",
      INSTANCE_NAME: name,
      SCHEDULER: "true",
      SCHEDULER_PERIOD_SECONDS: String(PERIOD_SECONDS),
      // Vitest's marker would reach the child (startApp passes this process's environment on), and the app runs
      // no background work under Vitest.
      VITEST: "",
    });
    const started = performance.now();
    // At once, on an empty database: both run the migrations and seed the demo data.
    // Both seed the demo data too, which on a busy 2-core machine has taken 90 s: more room than startApp's default.
    apps = await Promise.all([startApp({ env: env("a"), readyTimeoutMs: 240_000 }), startApp({ env: env("b"), readyTimeoutMs: 240_000 })]);
    startMs = Math.round(performance.now() - started);
    nginx = await startNginx(
      proxyPort,
      apps.map((app) => app.port),
    );
    db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
  });

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(apps.map((app) => app.stop()));
    await db?.end();
    if (admin) {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
  });

  it("both started at once on an empty database: every migration applied once", async () => {
    const journal = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../drizzle/meta/_journal.json"), "utf8")) as { entries: unknown[] };
    const { rows } = await db.query<{ n: string; distinct: string }>(
      `select count(*) as n, count(distinct hash) as distinct from drizzle.__drizzle_migrations`,
    );
    expect(Number(rows[0]!.n)).toBe(journal.entries.length);
    expect(Number(rows[0]!.distinct)).toBe(journal.entries.length);
    console.log(`two instances started at once on an empty database in ${startMs} ms`);
  });

  it("nginx spreads requests over both instances, which all know the signed-in user", async () => {
    const browser = new Browser(nginx!.url);
    const csrf = await browser.csrf("/logg-inn");
    const signIn = await browser.postForm("/logg-inn", {
      _csrf: csrf,
      intent: "password",
      next: "/",
      email: demoAccountEmails.coordinator_kinn,
      password: DEMO_PASSWORD,
    });
    expect([302, 303]).toContain(signIn.status);
    const seen = new Map<string, number>();
    for (let i = 0; i < 8; i++) {
      const page = await browser.request("/min-side");
      expect(page.status, "a signed-in page, on whichever instance answers").toBe(200);
      const instance = page.headers.get("x-samspill-instance") ?? "(none)";
      seen.set(instance, (seen.get(instance) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(["a", "b"]);
  });

  it("a change made through instance A is in the live JSON that instance B serves", async () => {
    const [a, b] = apps as [AppProcess, AppProcess];
    // One browser, talking to each instance directly (as nginx would send it to either).
    const browser = new Browser(nginx!.url);
    const csrf = await browser.csrf("/logg-inn");
    expect([302, 303]).toContain(
      (
        await browser.postForm("/logg-inn", {
          _csrf: csrf,
          intent: "password",
          next: "/",
          email: demoAccountEmails.coordinator_kinn,
          password: DEMO_PASSWORD,
        })
      ).status,
    );
    const live = `/verksteder/${demoWorkshops.kinn.id}/live.json`;
    const viaA = new Browser(a.url, browser.cookies);
    const viaB = new Browser(b.url, browser.cookies);
    const before = (await (await viaB.request(live)).json()) as { version: string; items: { text: string }[] };
    const text = `Ingen vet hvem som tar imot nye frivillige (${randomUUID().slice(0, 8)})`;
    const obstacles = `/verksteder/${demoWorkshops.kinn.id}/hindringer`;
    const token = await viaA.csrf(obstacles);
    const added = await viaA.postForm(obstacles, { _csrf: token, intent: "add", theme: "volunteers_unused_resource", text });
    expect(added.headers.get("x-samspill-instance")).toBe("a");
    expect([302, 303], await added.text()).toContain(added.status);
    // The live view polls every few seconds; B answers from the database on the very next poll.
    const response = await viaB.request(live);
    expect(response.headers.get("x-samspill-instance")).toBe("b");
    const after = (await response.json()) as { version: string; items: { text: string }[] };
    expect(after.items.map((item) => item.text)).toContain(text);
    expect(after.version).not.toBe(before.version);
  });

  it("the schedulers of both instances run each reminder period once between them", async () => {
    // A confirmed participant of an event that starts tomorrow, not yet reminded.
    const email = `reminder-${randomUUID().slice(0, 8)}@example.test`;
    const { rows } = await db.query<{ id: string }>(
      `select id from events where status = 'scheduled' and rrule is null and capacity is null order by id limit 1`,
    );
    const eventId = rows[0]!.id;
    await db.query(`update events set starts_at = now() + interval '24 hours', registration_deadline = null where id = $1`, [eventId]);
    await db.query(
      `insert into event_registrations (event_id, email, name, status, email_verified_at) values ($1, $2, 'Påminnelse Test', 'confirmed', now())`,
      [eventId, email],
    );
    // Wait until the reminder is out and both instances have each run some period (which one wins a period is
    // chance: their ticks are jittered); every period is tried by both.
    const deadline = Date.now() + PERIOD_SECONDS * 20 * 1000;
    const winners = async () =>
      (await db.query<{ instance: string }>(`select distinct instance from scheduled_runs where task = 'events reminders' order by instance`)).rows.map(
        (row) => row.instance,
      );
    while (Date.now() < deadline && (await winners()).length < 2) await new Promise((resolve) => setTimeout(resolve, 250));
    await new Promise((resolve) => setTimeout(resolve, PERIOD_SECONDS * 2 * 1000));
    expect(await winners()).toEqual(["a", "b"]);
    const mails = await db.query<{ n: string }>(`select count(*) as n from outbound_emails where "to" = $1`, [email]);
    expect(Number(mails.rows[0]!.n), "the reminder, once").toBe(1);
    const reminded = await db.query<{ n: string }>(`select count(*) as n from event_registrations where email = $1 and reminder_sent_at is not null`, [email]);
    expect(Number(reminded.rows[0]!.n)).toBe(1);
    // One row per task and period (the primary key), each with its outcome: no period ran twice or failed.
    const runs = await db.query<{ task: string; finished: boolean; error: string | null }>(
      `select task, finished_at is not null as finished, error from scheduled_runs where started_at < now() - interval '1 second'`,
    );
    expect(runs.rows.filter((row) => !row.finished || row.error)).toEqual([]);
  });
});
