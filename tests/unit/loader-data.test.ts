import { describe, expect, it } from "vitest";
import {
  dataUrl,
  findEmails,
  findIpAddresses,
  findLeaks,
  hydrationStream,
  reactRouterCookieValue,
  visibleMarkup,
  type LeakContext,
} from "../e2e/support/loader-data.ts";

/** The detectors behind tests/e2e/loader-data.spec.ts: they must find what leaks and leave ordinary page data alone. */

const context = (overrides: Partial<LeakContext> = {}): LeakContext => ({
  markup: "",
  otherPeoplesEmails: new Set(["imdi@samspill.example"]),
  showsEmails: false,
  showsIps: false,
  secrets: [],
  csrfToken: null,
  ...overrides,
});

describe("findIpAddresses", () => {
  it("finds IPv4 and IPv6 addresses, also inside text", () => {
    expect(findIpAddresses("127.0.0.1")).toEqual(["127.0.0.1"]);
    expect(findIpAddresses("fra 10.0.12.7, via ::ffff:192.168.1.20")).toEqual(["10.0.12.7", "::ffff:192.168.1.20"]);
    expect(findIpAddresses("::1")).toEqual(["::1"]);
    expect(findIpAddresses("2001:db8::8a2e:370:7334")).toEqual(["2001:db8::8a2e:370:7334"]);
  });

  it("leaves version strings, times, dates, decimals and ids alone", () => {
    for (const text of [
      "React Router 8.4.0",
      "1.2.3.4.5",
      "v1.2.3-pre.4",
      "kl. 10:30",
      "10:30:00",
      "2026-03-01T10:00:00.000Z",
      "60.7945, 11.0680",
      "00000000-0000-4000-8000-000000000101",
      "::",
      "999.1.1.1",
    ]) {
      expect(findIpAddresses(text), text).toEqual([]);
    }
  });
});

describe("findLeaks", () => {
  it("flags secrets and password hashes wherever they are", () => {
    const data = { user: { passwordHash: "x" }, note: "$argon2id$v=19$m=19456,t=2,p=1$abc$def", session: "tok-secret" };
    const kinds = findLeaks(data, context({ secrets: ["tok-secret"] })).map((l) => `${l.kind} ${l.path}`);
    expect(kinds).toEqual(["secret field user.passwordHash", "password hash note", "session or CSRF secret session"]);
  });

  it("allows identifying values and token-like ids only when the page shows them", () => {
    const hash = "a".repeat(32) + "0123456789abcdef0123456789abcdef";
    const data = { members: [{ userId: "u-1" }], invitation: { id: hash }, entry: { ip: "10.1.2.3" } };
    expect(findLeaks(data, context()).map((l) => l.kind)).toEqual(["identifying field", "token-like value", "identifying field", "IP address"]);
    const shown = context({ markup: `<a href="?fjern=u-1">x</a> <a href="?trekk=${hash}">y</a> 10.1.2.3`, showsIps: true });
    expect(findLeaks(data, shown)).toEqual([]);
  });

  it("flags other people's e-mail unless the route shows e-mails and this page shows that one", () => {
    const data = { rows: [{ email: "imdi@samspill.example" }, { email: "me@samspill.example" }, { contact: "post@org.example" }] };
    expect(findLeaks(data, context()).map((l) => l.value)).toEqual(["imdi@samspill.example"]);
    expect(findLeaks(data, context({ showsEmails: true }))).toHaveLength(1);
    expect(findLeaks(data, context({ showsEmails: true, markup: "<td>imdi@samspill.example</td>" }))).toEqual([]);
  });

  it("accepts the page's own CSRF token but not another random token", () => {
    const csrf = "kt5gmwKIyJmLpzC1iRD74RgiVYqzIs0XE60w4C4lUSc";
    const other = "Zq3vT9xLm2Rk8PdW5nYc1HbF7sGj4AeU0oKiN6tMyQw";
    expect(findLeaks({ csrfToken: csrf }, context({ csrfToken: csrf }))).toEqual([]);
    expect(findLeaks({ token: other }, context({ csrfToken: csrf })).map((l) => l.kind)).toEqual(["identifying field", "token-like value"]);
  });
});

describe("page plumbing", () => {
  it("reads the hydration stream out of the HTML", () => {
    const html = `<script>window.__reactRouterContext.streamController.enqueue("[{\\"_1\\":2},\\"a\\u003cb\\"]\\n");</script>`;
    expect(hydrationStream(html)).toBe('[{"_1":2},"a<b"]\n');
    expect(hydrationStream("<p>no scripts</p>")).toBeNull();
  });

  it("builds React Router's single-fetch URL", () => {
    expect(dataUrl("/")).toBe("/_.data");
    expect(dataUrl("/organisasjoner?q=Hamar")).toBe("/organisasjoner.data?q=Hamar");
  });

  it("leaves scripts out of the visible markup and decodes entities", () => {
    expect(visibleMarkup(`<p>a&amp;b &#x27;c&#39;</p><script>secret</script>`)).toBe("<p>a&b 'c'</p>");
  });

  it("finds e-mail addresses lower-cased", () => {
    expect(findEmails("Skriv til Hamar@Samspill.example eller post@org.example.")).toEqual(["hamar@samspill.example", "post@org.example"]);
  });

  it("reads the value of a React Router cookie, signed or not", () => {
    const encoded = Buffer.from(JSON.stringify("the-token")).toString("base64");
    expect(reactRouterCookieValue(encodeURIComponent(`${encoded}.c2lnbmF0dXJl`))).toBe("the-token");
    expect(reactRouterCookieValue(encodeURIComponent(encoded))).toBe("the-token");
  });
});
