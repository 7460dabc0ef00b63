import type { APIRequestContext, APIResponse } from "@playwright/test";
import { BASE_URL } from "./paths.ts";
import { describeExpectation, type Expectation } from "../route-manifest.ts";

/** The CSRF token rendered into every page's forms (`<CsrfField />`). */
export function csrfTokenFrom(html: string): string {
  const match = /name="_csrf"\s+value="([^"]+)"/.exec(html) ?? /value="([^"]+)"\s+name="_csrf"/.exec(html);
  if (!match?.[1]) throw new Error('no <input name="_csrf"> on the page');
  return match[1];
}

/** Location as the app wrote it, without our own origin. */
export function relativeLocation(location: string): string {
  return location.startsWith(BASE_URL) ? location.slice(BASE_URL.length) || "/" : location;
}

/**
 * Whether a response matches the manifest's expectation; the message says
 * what came instead (status, Location) so a failing test explains itself.
 */
export function checkExpectation(response: APIResponse, expectation: Expectation): { ok: boolean; message: string } {
  const status = response.status();
  const location = relativeLocation(response.headers()["location"] ?? "");
  const got = location ? `${status} → ${location}` : String(status);
  if (typeof expectation === "number") {
    return { ok: status === expectation, message: `expected ${expectation}, got ${got}` };
  }
  const isRedirect = [301, 302, 303, 307, 308].includes(status);
  const target = expectation.redirect;
  const matches = expectation.exact ? location === target : location.startsWith(target);
  return { ok: isRedirect && matches, message: `expected ${describeExpectation(expectation)}, got ${got}` };
}

/**
 * What the server-rendered HTML says about a page's structure, without a
 * browser: the <html lang> and how many <h1> elements (scripts, where
 * serialised data lives, left out). The browser crawl checks one rendering
 * of each page fully; this lets authz.spec.ts check every role's.
 */
export function htmlStructure(html: string): { lang: string | undefined; h1Count: number } {
  const lang = /<html\b[^>]*\blang="([^"]*)"/i.exec(html)?.[1];
  const markup = html.replace(/<script\b[\s\S]*?<\/script>/gi, "");
  return { lang, h1Count: markup.match(/<h1[\s>]/gi)?.length ?? 0 };
}

/**
 * A GET without following redirects, tried once more when the connection was reset: on a busy machine the
 * server may close an idle keep-alive connection just as the client reuses it. Any other error is thrown.
 */
export async function getRetryingOnReset(api: APIRequestContext, url: string): Promise<APIResponse> {
  try {
    return await api.get(url, { maxRedirects: 0 });
  } catch (error) {
    if (!/ECONNRESET|socket hang up/.test(String(error))) throw error;
    return api.get(url, { maxRedirects: 0 });
  }
}
