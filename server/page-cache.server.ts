import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { createHash } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import { Counter } from "prom-client";
import { getDb, type Database } from "~/db/client.server.ts";
import { pageCache } from "~/db/schema/index.ts";
import { activityPageSources } from "~/domain/activities/activities.server.ts";
import { csrfCookieName, csrfStateOf } from "~/domain/auth/csrf.server.ts";
import { isUiLocale, localeCookieName, resolveLocale } from "~/i18n/config.ts";
import { localeCookie } from "~/middleware/request.server.ts";
import { getLogger } from "~/logger.server.ts";
import { registry } from "./metrics.server.ts";

/**
 * A shared cache of the public pages as anonymous visitors see them (the
 * activity finder, an activity, an organisation, a kommune), kept in the
 * database's `page_cache` table so every app instance shares it.
 *
 * Only a GET of a known public page whose query uses only the page's own
 * parameters, from a visitor whose cookies are at most the CSRF and language
 * cookies (no session cookie, valid or not, and no other cookie a page could
 * read), is served from or stored in the cache. Only a 200 text/html answer
 * that sets no cookie of its own and is not marked private is stored.
 *
 * The key is the host, protocol, path and raw query, the language cookie and
 * the language Accept-Language resolves to: everything a request to these
 * pages can change the HTML with (the root loader's other data, the demo banner
 * and dev outbox link, comes from the environment and is the same for all).
 *
 * Per-visitor parts: every page carries the visitor's CSRF token (the language
 * switcher's form) and the response's CSP nonce. They are stored as
 * placeholders and filled in on every hit, so no visitor ever gets another's
 * token and no two answers share a nonce. A visitor without a CSRF cookie gets
 * a new one, as the app would give it. Because of the token the answer is
 * `private`: a shared proxy (nginx) must not keep it — this cache is the
 * shared one.
 *
 * Admission: a page is stored at its second miss within `ttlSeconds` (`admitAfter`); a page asked for once
 * (most searches) is rendered without a write to the database.
 *
 * Invalidation: triggers on the tables the pages read delete the entries whose
 * tags a write touches (drizzle/0029_page_cache.sql; organisations per statement,
 * 0030), whoever writes. Entries
 * also expire after `ttlSeconds` (60 s by default): the finder's "next date"
 * and calendar move with the clock, and a write that commits while a page is
 * being rendered can leave that render's older version for at most that long.
 */

export interface PageCacheOptions {
  /** Seconds an entry is served before it is rendered again. */
  ttlSeconds?: number;
  /** Entries kept at most; the oldest go first. */
  maxEntries?: number;
  /** Bodies larger than this are not stored. */
  maxBodyBytes?: number;
  /**
   * Misses of a key within `ttlSeconds` before its page is stored (default 2). Most search pages are asked for
   * once, and storing each (≈ 45 kB) only to delete it at the next activity edit cost the database more than the
   * rare hit saved. The count is kept per process: it only decides what is worth storing, never what is served.
   */
  admitAfter?: number;
  /** Hook for tests: the database to use (default: the app's). */
  db?: () => Database;
}

const CSRF_PLACEHOLDER = "<@samspill-csrf@>";
const NONCE_PLACEHOLDER = "<@samspill-nonce@>";
/** Sent on every answer of a page this cache handles: the browser may keep it but must ask again; a shared proxy may not keep it. */
export const PUBLIC_PAGE_CACHE_CONTROL = "private, no-cache";
const VARY = "Cookie, Accept-Language";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const finderParams = new Set([
  "q",
  "municipality",
  "themes",
  "targetGroups",
  "languages",
  "days",
  "free",
  "volunteers",
  "sort",
  "lat",
  "lon",
  "page",
  "pageSize",
  "view",
  "month",
  "lang",
]);

interface CacheablePage {
  kind: "finder" | "activity" | "org" | "kommune";
  id: string | null;
}

const pages: { pattern: RegExp; kind: CacheablePage["kind"]; params: ReadonlySet<string> }[] = [
  { pattern: /^\/aktiviteter$/, kind: "finder", params: finderParams },
  { pattern: new RegExp(`^/aktiviteter/(${UUID})$`), kind: "activity", params: new Set(["lang"]) },
  { pattern: new RegExp(`^/organisasjoner/(${UUID})$`), kind: "org", params: new Set() },
  { pattern: /^\/kommuner\/(\d{4})$/, kind: "kommune", params: new Set(["side"]) },
];

/** The page a GET is for, if it is one the cache handles with only that page's own query parameters. */
export function cacheablePage(path: string, search: string): CacheablePage | null {
  for (const page of pages) {
    const match = page.pattern.exec(path);
    if (!match) continue;
    for (const name of new URLSearchParams(search).keys()) if (!page.params.has(name)) return null;
    return { kind: page.kind, id: match[1] ?? null };
  }
  return null;
}

/** The request's cookie names; null when there is a cookie a cached page must not ignore (a session, anything unknown). */
function anonymousCookies(header: string | undefined): boolean {
  if (!header) return true;
  const allowed = [csrfCookieName(), localeCookieName];
  for (const part of header.split(";")) {
    const name = part.split("=")[0]!.trim();
    if (name && !allowed.includes(name)) return false;
  }
  return true;
}

const hits = new Counter({ name: "samspill_page_cache_hits_total", help: "Public pages answered from the shared page cache", registers: [registry] });
const misses = new Counter({
  name: "samspill_page_cache_misses_total",
  help: "Cacheable public pages rendered because the shared page cache had no entry",
  registers: [registry],
});
const stores = new Counter({ name: "samspill_page_cache_stores_total", help: "Rendered public pages stored in the shared page cache", registers: [registry] });
const evictions = new Counter({
  name: "samspill_page_cache_evictions_total",
  help: "Entries removed from the shared page cache to keep it within its size",
  registers: [registry],
});

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

function httpDate(date: Date): string {
  return date.toUTCString();
}

/** Whether the browser's copy (If-None-Match, else If-Modified-Since) is current. */
function notModified(req: ExpressRequest, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = req.get("if-none-match");
  if (ifNoneMatch !== undefined) {
    const weak = (tag: string) => tag.trim().replace(/^W\//, "");
    return ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((tag) => weak(tag) === weak(etag));
  }
  const since = Date.parse(req.get("if-modified-since") ?? "");
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

/**
 * Weak: the body carries the response's nonce (on the stylesheet links), so two answers are equivalent, not
 * byte-identical. The visitor's token is part of it: a 304 keeps the browser's copy, whose form carries its token.
 */
function etagOf(templateHash: string, token: string): string {
  return `W/"${templateHash}.${sha256(token).slice(0, 12)}"`;
}

function cacheHeaders(res: ExpressResponse, etag: string, lastModified: Date, state: "hit" | "miss"): void {
  res.setHeader("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL);
  res.setHeader("Vary", VARY);
  res.setHeader("ETag", etag);
  res.setHeader("Last-Modified", httpDate(lastModified));
  res.setHeader("X-Cache", state);
}

type Lookup = ReturnType<typeof prepareLookup>;
function prepareLookup(db: Database) {
  return db
    .select({ body: pageCache.body, etag: pageCache.etag, createdAt: pageCache.createdAt })
    .from(pageCache)
    .where(and(eq(pageCache.key, sql.placeholder("key")), gt(pageCache.expiresAt, sql`now()`)))
    .prepare("page_cache_lookup");
}

/** What an activity page shows besides the activity: its organisation, partners and kommune. */
async function tagsOf(db: Database, page: CacheablePage): Promise<string[]> {
  if (page.kind === "finder") return ["finder"];
  if (page.kind === "org") return ["org", `org:${page.id}`];
  if (page.kind === "kommune") return ["kommune", `kommune:${page.id}`];
  const id = page.id!;
  const sources = await activityPageSources(db, id);
  const tags = ["activity", `activity:${id}`];
  if (sources) tags.push(...sources.organizationIds.map((org) => `org:${org}`), `kommune:${sources.municipalityNumber}`);
  return tags;
}

export function createPageCache(options: PageCacheOptions = {}): RequestHandler & { evict(): Promise<number> } {
  const ttlSeconds = options.ttlSeconds ?? 60;
  const maxEntries = options.maxEntries ?? 5000;
  const maxBodyBytes = options.maxBodyBytes ?? 512 * 1024;
  const dbOf = options.db ?? getDb;
  const lookups = new WeakMap<Database, Lookup>();
  let storesSinceEviction = 0;
  const admitAfter = Math.max(1, options.admitAfter ?? 2);
  /** Keys missed lately (key → misses and the first one's time), oldest first; bounded. */
  const missedLately = new Map<string, { misses: number; since: number }>();
  const MISSED_KEYS_KEPT = 20_000;
  const admits = (key: string): boolean => {
    if (admitAfter === 1) return true;
    const now = Date.now();
    const seen = missedLately.get(key);
    if (seen && now - seen.since < ttlSeconds * 1000) {
      seen.misses += 1;
      if (seen.misses < admitAfter) return false;
      missedLately.delete(key);
      return true;
    }
    missedLately.delete(key);
    missedLately.set(key, { misses: 1, since: now });
    if (missedLately.size > MISSED_KEYS_KEPT) {
      for (const old of missedLately.keys()) {
        missedLately.delete(old);
        if (missedLately.size <= MISSED_KEYS_KEPT * 0.75) break;
      }
    }
    return false;
  };

  const evict = async (): Promise<number> => {
    const db = dbOf();
    const removed = await db.execute(
      sql`DELETE FROM page_cache WHERE expires_at <= now() OR key IN (SELECT key FROM page_cache ORDER BY created_at DESC OFFSET ${maxEntries})`,
    );
    const count = (removed as { rowCount?: number | null; affectedRows?: number }).rowCount ?? (removed as { affectedRows?: number }).affectedRows ?? 0;
    evictions.inc(count);
    return count;
  };

  const store = async (key: string, path: string, page: CacheablePage, template: string): Promise<void> => {
    const db = dbOf();
    const tags = await tagsOf(db, page);
    const etag = sha256(template).slice(0, 22);
    await db
      .insert(pageCache)
      .values({ key, path, tags, body: template, etag, expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})` })
      .onConflictDoUpdate({
        target: pageCache.key,
        set: { path, tags, body: template, etag, createdAt: sql`now()`, expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})` },
      });
    stores.inc();
    // Every so often, not on every store: a crawler walking query strings cannot grow the table past maxEntries by much.
    if (++storesSinceEviction >= Math.max(1, Math.min(100, Math.floor(maxEntries / 10)))) {
      storesSinceEviction = 0;
      await evict();
    }
  };

  const handler: RequestHandler = (req, res, next) => {
    if (req.method !== "GET") return next();
    const queryAt = req.originalUrl.indexOf("?");
    const search = queryAt === -1 ? "" : req.originalUrl.slice(queryAt);
    const page = cacheablePage(req.path, search);
    if (!page || !anonymousCookies(req.headers.cookie) || req.headers.authorization) return next();
    void (async () => {
      const cookieHeader = req.headers.cookie ?? null;
      const savedLocale: unknown = await localeCookie.parse(cookieHeader);
      const key = sha256(
        JSON.stringify([
          req.protocol,
          req.get("host") ?? "",
          req.path,
          search,
          isUiLocale(savedLocale) ? savedLocale : "",
          resolveLocale(null, req.get("accept-language")),
        ]),
      );
      const csrf = await csrfStateOf(cookieHeader);
      if (csrf.setCookie) {
        // The app renders with this new secret, so the token in the page is the one this cookie proves.
        res.append("Set-Cookie", csrf.setCookie);
        const pair = csrf.setCookie.split(";")[0]!;
        req.headers.cookie = cookieHeader ? `${cookieHeader}; ${pair}` : pair;
      }
      const nonce = String(res.locals.cspNonce ?? "");

      const db = dbOf();
      let lookup = lookups.get(db);
      if (!lookup) lookups.set(db, (lookup = prepareLookup(db)));
      let entry: { body: string; etag: string; createdAt: Date } | undefined;
      try {
        [entry] = await lookup.execute({ key });
      } catch (error) {
        // The database is away: the page is rendered (or refused) as without the cache, and not stored.
        getLogger().warn({ err: error, path: req.path }, "page cache: lookup failed");
        next();
        return;
      }
      if (entry) {
        hits.inc();
        const etag = etagOf(entry.etag, csrf.token);
        cacheHeaders(res, etag, entry.createdAt, "hit");
        if (!csrf.setCookie && notModified(req, etag, entry.createdAt)) {
          res.status(304).end();
          return;
        }
        const body = entry.body.replaceAll(CSRF_PLACEHOLDER, csrf.token).replaceAll(NONCE_PLACEHOLDER, nonce);
        res.status(200).type("text/html; charset=utf-8").end(body);
        return;
      }
      misses.inc();
      const admitted = admits(key);
      captureAndStore(req, res, { token: csrf.token, nonce, maxBodyBytes }, (template) =>
        admitted ? store(key, req.path, page, template) : Promise.resolve(),
      );
      next();
    })().catch(next);
  };
  return Object.assign(handler, { evict });
}

/**
 * Holds the rendered answer back until it is complete (these pages render in full before they stream anyway), so
 * it can carry an ETag; stores it when it may be shared.
 */
function captureAndStore(
  req: ExpressRequest,
  res: ExpressResponse,
  { token, nonce, maxBodyBytes }: { token: string; nonce: string; maxBodyBytes: number },
  save: (template: string) => Promise<void>,
): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ExpressResponse;
  const flush = (res as unknown as { flush?: () => void }).flush;
  (res as unknown as { flush?: () => void }).flush = () => {};
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(
      Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array),
    );
  };
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    collect(chunk, encoding);
    const cb = typeof encoding === "function" ? encoding : callback;
    if (typeof cb === "function") queueMicrotask(() => (cb as () => void)());
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    collect(chunk, encoding);
    res.write = write as typeof res.write;
    (res as unknown as { flush?: () => void }).flush = flush;
    const body = Buffer.concat(chunks);
    const cb = [chunk, encoding, callback].find((x) => typeof x === "function");
    const shareable =
      res.statusCode === 200 &&
      /^text\/html\b/.test(String(res.getHeader("content-type") ?? "")) &&
      // Our own CSRF cookie is the only one allowed; a page that sets any other cookie is someone's.
      cookiesSet(res).every((c) => c.startsWith(csrfCookieName() + "=")) &&
      !/private|no-store/.test(String(res.getHeader("cache-control") ?? "")) &&
      body.length <= maxBodyBytes;
    if (res.statusCode === 200 && /^text\/html\b/.test(String(res.getHeader("content-type") ?? "")) && !res.getHeader("cache-control")) {
      const html = body.toString("utf8");
      const template = templateOf(html, token, nonce);
      if (shareable && template !== null) {
        cacheHeaders(res, etagOf(sha256(template).slice(0, 22), token), new Date(), "miss");
        save(template).catch((error: unknown) => getLogger().warn({ err: error, path: req.path }, "page cache: storing a page failed"));
      } else {
        res.setHeader("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL);
        res.setHeader("Vary", VARY);
      }
    }
    return cb ? end(body, cb) : end(body);
  }) as typeof res.end;
}

function cookiesSet(res: ExpressResponse): string[] {
  const header = res.getHeader("set-cookie");
  return header === undefined ? [] : Array.isArray(header) ? header : [String(header)];
}

/** The page with the visitor's token and the response's nonce as placeholders; null if the page already holds a placeholder. */
function templateOf(html: string, token: string, nonce: string): string | null {
  if (html.includes(CSRF_PLACEHOLDER) || html.includes(NONCE_PLACEHOLDER)) return null;
  let template = token ? html.replaceAll(token, CSRF_PLACEHOLDER) : html;
  if (nonce) template = template.replaceAll(nonce, NONCE_PLACEHOLDER);
  return template;
}
