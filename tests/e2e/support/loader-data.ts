/**
 * What a page's loader data may carry (loader-data.spec.ts). The data a
 * route's loaders return leaves the server twice: serialised into the HTML
 * for hydration (`window.__reactRouterContext.streamController.enqueue(…)`)
 * and as React Router's single-fetch endpoint (`<path>.data`, `/_.data` for
 * the index), which answers for every page, also those that ship no
 * JavaScript. Whatever is in it can be read by the visitor, whether or not
 * the page shows it. Rule: a loader returns only what its page displays.
 *
 * Kept free of Playwright imports so Vitest can check the detectors.
 */
import { createHash } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { UNSAFE_decodeViaTurboStream as decodeViaTurboStream } from "react-router";

export type LeakKind =
  "secret field" | "password hash" | "session or CSRF secret" | "token-like value" | "IP address" | "identifying field" | "other person's e-mail";

export interface Leak {
  kind: LeakKind;
  /** Where in the decoded data, e.g. `routes/organizations/audit.entries[0].ip`. */
  path: string;
  value: string;
}

/**
 * What may leave the server on one page for one role. Sensitive values are
 * only ever allowed when the page also shows them (they occur in its markup
 * outside scripts); secrets are never allowed.
 */
export interface LeakContext {
  /** The page's markup without scripts (see visibleMarkup). */
  markup: string;
  /** E-mail addresses of people (the demo accounts) other than the signed-in user. */
  otherPeoplesEmails: ReadonlySet<string>;
  /** The route shows other people's e-mail addresses (an allow-listed pattern). */
  showsEmails: boolean;
  /** The route shows IP addresses (an allow-listed pattern). */
  showsIps: boolean;
  /** Exact values that must never appear: the session token and its hash, the CSRF cookie's secret. */
  secrets: readonly string[];
  /** The CSRF form token rendered into the page's forms: expected in the data. */
  csrfToken: string | null;
}

/** Field names that hold secrets: never in loader data, shown or not. */
const secretKey = /^(password|passwordHash|hash|tokenHash|tokenId|codeVerifier|nonce|secret|clientSecret|sessionSecret|sessionId|apiKey)$/i;

/**
 * Field names that identify people or their devices: allowed only where the
 * page shows the value (a member's id in a "remove" link, an IP address in
 * the national admin's log).
 */
const identifyingKey = /^(ip|ipAddress|clientIp|userAgent|userId|actorUserId|grantedBy|createdBy|invitedBy|token)$|UserId$/;

/** argon2 (what the app uses), bcrypt and scrypt-style encoded hashes. */
const passwordHashPattern = /\$argon2(?:id|i|d)\$|\$2[abxy]\$\d\d\$|\$scrypt\$/;

/** randomToken(): 32 random bytes as base64url (43 characters), and SHA-256 hex (64), as stored token ids. */
const base64urlToken = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
const sha256Hex = /(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;

/**
 * A real token has letters of both cases and digits; a 43-character
 * identifier or slug of words (rare, but possible) has not.
 */
function looksRandom(candidate: string): boolean {
  return /[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /\d/.test(candidate);
}

/**
 * IPv4 and IPv6 addresses in a string. Candidates are cut at characters that
 * cannot belong to an address and then validated, so version strings
 * ("1.2.3", "8.4.0-pre.1"), times ("10:30") and dates are not addresses, and
 * neither is a dotted quad glued to more digits or dots ("1.2.3.4.5").
 */
export function findIpAddresses(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?<![\w.:])[0-9A-Fa-f.:]*[.:][0-9A-Fa-f.:]*(?![\w.:])/g)) {
    const candidate = match[0];
    if (isIPv4(candidate)) found.push(candidate);
    // "::" alone, or a bare hex word with colons such as "a:b", is not worth flagging: an address has two colons at least.
    else if (candidate.split(":").length > 2 && candidate !== "::" && isIPv6(candidate)) found.push(candidate);
  }
  return found;
}

const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export function findEmails(text: string): string[] {
  return [...text.matchAll(emailPattern)].map((m) => m[0].toLowerCase());
}

/** The page's markup as the visitor can read it in the source: without scripts and styles, entities decoded. */
export function visibleMarkup(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, "")
    .replace(/<style\b[\s\S]*?<\/style>/gi, "")
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (_, entity: string) => {
      const e = entity.toLowerCase();
      if (e.startsWith("#x")) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
      if (e.startsWith("#")) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
      return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[e] ?? "'";
    });
}

/** The turbo-stream text React Router wrote into the HTML for hydration, or null when the page ships no scripts. */
export function hydrationStream(html: string): string | null {
  const chunks = [...html.matchAll(/window\.__reactRouterContext\.streamController\.enqueue\(("(?:[^"\\]|\\.)*")\)/g)].map((m) => JSON.parse(m[1]!) as string);
  return chunks.length > 0 ? chunks.join("") : null;
}

/** Decodes React Router's turbo-stream encoding (the `.data` body, or the hydration stream) into plain values. */
export async function decodeTurboStream(text: string): Promise<unknown> {
  const body = new Response(text).body;
  if (!body) throw new Error("empty body");
  const decoded = await decodeViaTurboStream(body, globalThis as unknown as Window);
  await decoded.done;
  return decoded.value;
}

/** The `.data` URL React Router's client fetches a page's loader data from. */
export function dataUrl(pageUrl: string): string {
  const url = new URL(pageUrl, "http://x");
  url.pathname = url.pathname.endsWith("/") ? `${url.pathname}_.data` : `${url.pathname}.data`;
  return `${url.pathname}${url.search}`;
}

/** Every string in the data with its path, and every object key. */
function* walk(value: unknown, path: string, seen = new Set<unknown>()): Generator<{ path: string; key?: string; value: unknown }> {
  if (value === null || value === undefined) return;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    yield { path, value };
    return;
  }
  if (value instanceof Date) {
    yield { path, value: value.toISOString() };
    return;
  }
  if (typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Map) {
    for (const [k, v] of value) yield* walk(v, `${path}[${String(k)}]`, seen);
    return;
  }
  if (value instanceof Set || Array.isArray(value)) {
    let i = 0;
    for (const v of value) yield* walk(v, `${path}[${i++}]`, seen);
    return;
  }
  if (value instanceof Error) {
    yield { path: `${path}.message`, value: value.message };
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const child = path ? `${path}.${k}` : k;
    yield { path: child, key: k, value: v };
    yield* walk(v, child, seen);
  }
}

function shown(ctx: LeakContext, value: string): boolean {
  return value.length > 0 && ctx.markup.includes(value);
}

/** Everything in the decoded loader data that must not leave the server for this page and visitor. */
export function findLeaks(data: unknown, ctx: LeakContext): Leak[] {
  const leaks: Leak[] = [];
  const add = (kind: LeakKind, path: string, value: string) => {
    if (!leaks.some((l) => l.kind === kind && l.path === path && l.value === value)) leaks.push({ kind, path, value });
  };
  for (const item of walk(data, "")) {
    if (item.key !== undefined) {
      const scalar = typeof item.value === "string" || typeof item.value === "number" ? String(item.value) : null;
      if (secretKey.test(item.key) && item.value !== null && item.value !== undefined) {
        add("secret field", item.path, scalar ?? typeof item.value);
      } else if (identifyingKey.test(item.key) && item.value !== null && item.value !== undefined && item.value !== "") {
        // Shown on the page (a link, a table cell) means the page uses it; an object or a value the page never shows does not.
        if (scalar === null || !shown(ctx, scalar)) add("identifying field", item.path, scalar ?? typeof item.value);
      }
      continue;
    }
    if (typeof item.value !== "string") continue;
    const text = item.value;
    if (passwordHashPattern.test(text)) add("password hash", item.path, text.slice(0, 80));
    for (const secret of ctx.secrets) if (secret && text.includes(secret)) add("session or CSRF secret", item.path, secret);
    for (const m of text.matchAll(base64urlToken)) {
      if (m[0] !== ctx.csrfToken && looksRandom(m[0]) && !shown(ctx, m[0])) add("token-like value", item.path, m[0]);
    }
    for (const m of text.matchAll(sha256Hex)) if (!shown(ctx, m[0])) add("token-like value", item.path, m[0]);
    for (const ip of findIpAddresses(text)) if (!(ctx.showsIps && shown(ctx, ip))) add("IP address", item.path, ip);
    for (const email of findEmails(text)) {
      if (ctx.otherPeoplesEmails.has(email) && !(ctx.showsEmails && shown(ctx, email))) add("other person's e-mail", item.path, email);
    }
  }
  return leaks;
}

/** SHA-256 hex, as the app stores session and e-mail token ids (app/lib/crypto.server.ts). */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/**
 * The value inside a React Router cookie (createCookie): base64 of its JSON,
 * followed by ".signature" when the cookie is signed.
 */
export function reactRouterCookieValue(raw: string): string | null {
  const encoded = decodeURIComponent(raw);
  const candidates = [encoded, encoded.slice(0, Math.max(0, encoded.lastIndexOf(".")))];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const value: unknown = JSON.parse(Buffer.from(candidate, "base64").toString("utf8"));
      if (typeof value === "string") return value;
    } catch {
      // Not this form; try the next.
    }
  }
  return null;
}
