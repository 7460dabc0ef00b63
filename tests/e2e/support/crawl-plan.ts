import { manifest, roles, type Role, type Sample, type SignedInRole } from "../route-manifest.ts";
import { demoOrganizationIds } from "../../../app/domain/demo/ids.ts";

/**
 * Which page loads the browser crawl makes (crawl.spec.ts). Who may open
 * which URL is asserted for every role × sample by plain HTTP requests in
 * authz.spec.ts; the crawl (a real Chromium page load, axe, one h1, lang, no
 * console errors) is about what a page looks like, so it loads each crawled
 * sample once per distinct rendering instead of once per role:
 *
 * - the anonymous rendering, when anonymous visitors get the page (200);
 * - one signed-in rendering: the first role in `signedInPreference` that gets
 *   200, i.e. the one that sees the most controls (edit links, admin forms);
 * - a sample's own `crawlAs` roles instead, when the manifest names them
 *   (pages whose content differs by role in ways the default misses);
 * - each error status once per route pattern (the error page is the same
 *   for every role and every sample of a pattern);
 * - every role's page chrome (header, navigation, sign-out) at least once:
 *   a role no sample picked gets its `layoutUrl` crawled;
 * - without JavaScript: every page anonymous visitors get, and the
 *   signed-in pages with forms listed in `signedInForms`.
 */

/** Signed-in roles, the one that sees the most first. */
export const signedInPreference: readonly SignedInRole[] = [
  "national_admin",
  "coordinator_hamar",
  "county_advisor",
  "org_admin",
  "coordinator_tonsberg",
  "coordinator_kinn",
  "org_member",
  "employer",
];

/** A hydrated page every signed-in role may open: where a role's own header and navigation are checked. */
export const layoutUrl = "/min-side";

/** Signed-in pages with forms, checked without JavaScript too (labels must work before hydration). */
export const signedInForms: { role: Role; url: string }[] = [
  { role: "org_admin", url: "/min-side" },
  { role: "org_admin", url: "/min-side/personvern" },
  { role: "org_admin", url: "/organisasjoner/ny" },
  { role: "org_admin", url: `/organisasjoner/${demoOrganizationIds.hamarVolunteerCentre}/rediger` },
  { role: "org_admin", url: `/organisasjoner/${demoOrganizationIds.hamarVolunteerCentre}/medlemmer` },
  { role: "org_admin", url: `/organisasjoner/${demoOrganizationIds.hamarVolunteerCentre}/aktiviteter` },
  { role: "national_admin", url: "/admin/roller" },
];

export interface PageCheck {
  pattern: string;
  url: string;
  role: Role;
  status: number;
  note?: string;
}

export interface CrawlPlan {
  /** 200 pages with JavaScript. */
  pages: PageCheck[];
  /** Error pages (400/403/404/…) with JavaScript, once per pattern and status. */
  errorPages: PageCheck[];
  /** Roles whose chrome no page above covers, on `layoutUrl`. */
  layouts: PageCheck[];
  /** 200 pages with scripts blocked. */
  noScript: PageCheck[];
}

function rolesFor(sample: Sample): Role[] {
  const ok = roles.filter((role) => sample.expect[role] === 200);
  if (sample.crawlAs) {
    const wrong = sample.crawlAs.filter((role) => !ok.includes(role));
    if (wrong.length > 0) throw new Error(`${sample.url}: crawlAs names ${wrong.join(", ")}, who do not get 200`);
    return [...sample.crawlAs];
  }
  const chosen: Role[] = [];
  if (ok.includes("anonymous")) chosen.push("anonymous");
  const signedIn = signedInPreference.find((role) => ok.includes(role));
  if (signedIn) chosen.push(signedIn);
  return chosen;
}

export function crawlPlan(): CrawlPlan {
  const plan: CrawlPlan = { pages: [], errorPages: [], layouts: [], noScript: [] };
  for (const entry of manifest) {
    const errorStatusesSeen = new Set<number>();
    for (const sample of entry.samples) {
      if (!sample.crawl) continue;
      const base = { pattern: entry.pattern, url: sample.url, note: sample.note };
      for (const role of rolesFor(sample)) plan.pages.push({ ...base, role, status: 200 });
      if (sample.expect.anonymous === 200) plan.noScript.push({ ...base, role: "anonymous", status: 200 });
      for (const role of roles) {
        const expected = sample.expect[role];
        if (typeof expected !== "number" || expected === 200 || errorStatusesSeen.has(expected)) continue;
        errorStatusesSeen.add(expected);
        plan.errorPages.push({ ...base, role, status: expected });
      }
    }
  }

  const covered = new Set<Role>(plan.pages.map((p) => p.role));
  const layoutEntry = manifest.find((entry) => entry.samples.some((s) => s.url === layoutUrl));
  const layoutSample = layoutEntry?.samples.find((s) => s.url === layoutUrl);
  for (const role of signedInPreference) {
    if (covered.has(role) || !layoutEntry || layoutSample?.expect[role] !== 200) continue;
    plan.layouts.push({ pattern: layoutEntry.pattern, url: layoutUrl, role, status: 200, note: "this role's header and navigation" });
  }

  for (const form of signedInForms) {
    const entry = manifest.find((e) => e.samples.some((s) => s.url === form.url));
    plan.noScript.push({ pattern: entry?.pattern ?? form.url, url: form.url, role: form.role, status: 200, note: "form" });
  }
  return plan;
}
