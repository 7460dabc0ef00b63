import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server.ts";

// The oracle is written apart from the module's allow-list, so a tag added there by mistake fails here.
const allowedTags = new Set("p br hr h2 h3 h4 h5 h6 ul ol li strong em s code pre blockquote a table thead tbody tr th td".split(" "));

/**
 * Whatever the text, every real element (escaped text like &lt;script&gt; is
 * harmless) is on the allow-list, has no event handler, and links only to
 * http(s), mailto or tel; styles only align table cells.
 */
function expectSafe(html: string) {
  for (const [, name, attributes] of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    expect(allowedTags, html).toContain(name!.toLowerCase());
    const attrs = [...attributes!.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)].map(([, n, v]) => [n!.toLowerCase(), v ?? ""] as const);
    for (const [n, v] of attrs) {
      expect(["href", "rel", "start", "style"], html).toContain(n);
      if (n === "href") expect(v, html).toMatch(/^(https?:\/\/|mailto:|tel:)/);
      if (n === "style") expect(v, html).toMatch(/^text-align:(left|right|center)$/);
    }
  }
}

describe("renderMarkdown", () => {
  it("renders Markdown: headings one level down, lists, emphasis, tables, links with rel=noopener noreferrer", () => {
    const html = renderMarkdown("# Søknad\n\n## Frister\n\n- **Først** *så*\n\n[IMDi](https://www.imdi.no/tilskudd)\n\n| a | b |\n|:-:|---|\n| 1 | 2 |");
    expect(html).toContain("<h2>Søknad</h2>");
    expect(html).toContain("<h3>Frister</h3>");
    expect(html).toContain("<li><strong>Først</strong> <em>så</em></li>");
    expect(html).toContain('<a href="https://www.imdi.no/tilskudd" rel="noopener noreferrer">IMDi</a>');
    expect(html).toContain('<th style="text-align:center">a</th>');
    expect(html).not.toContain("<h1");
  });

  const payloads = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">klikk</a>',
    "[klikk](javascript:alert(1))",
    "[klikk](JaVaScRiPt:alert(1))",
    "[klikk](java\tscript:alert(1))",
    "[klikk](&#106;avascript:alert(1))",
    "[klikk](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
    "[klikk](javascript&colon;alert(1))",
    "[klikk](vbscript:msgbox(1))",
    "[klikk](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![bilde](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![bilde](https://evil.example/track.png)",
    "<iframe src=https://evil.example></iframe>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<details open ontoggle=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "[a](<javascript:alert(1)>)",
    '[a](https://ok.example "title" onclick="alert(1)")',
    "<a href='https://ok.example' onclick='alert(1)'>x</a>",
    "```html\n<script>alert(1)</script>\n```",
    "<form action=https://evil.example><input name=p></form>",
    "[x](//evil.example/proto-relative)",
  ];

  it.each(payloads)("neutralises %s", (payload) => {
    const html = renderMarkdown(payload);
    expectSafe(html);
    expectSafe(renderMarkdown(`Tekst før\n\n${payload}\n\nTekst etter`));
  });

  it("shows raw HTML in the source as text, not as markup", () => {
    expect(renderMarkdown("<b>fet</b>")).toBe("<p>&lt;b&gt;fet&lt;/b&gt;</p>\n");
    expect(renderMarkdown("<script>alert(1)</script>")).toContain("&lt;script&gt;");
  });

  it("keeps code blocks as escaped text", () => {
    expect(renderMarkdown("```\n<script>alert(1)</script>\n```")).toContain("<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>");
  });
});
