import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import PDFDocument from "pdfkit";
import type { Queryable } from "~/db/client.server.ts";
import { knowledgeArticles, knowledgeArticleVersions, knowledgeFiles, knowledgeSearchWords, storedFiles, users } from "~/db/schema/index.ts";
import type { ArticleKind, ArticleStatus } from "~/domain/knowledge/knowledge.constants.ts";
import { foldText } from "~/lib/text.ts";
import { minimalDocx } from "~/domain/knowledge/office-files.ts";
import { demoAccountEmails, demoKnowledgeArticles, demoKnowledgeFiles } from "./ids.ts";

/**
 * Demo data for the knowledge bank (issue 12): IMDi's grants guide in bokmål
 * and nynorsk for migrant organisations (the done-when's "the next
 * organisation of that kind is offered first"), a Innlandet article for
 * everyone, a report link, a template, a stale article and a draft of
 * Innlandet's, and a proposal from Hamar's coordinator. Idempotent: an
 * article that exists is left as it is.
 */
interface DemoArticle {
  id: string;
  slug: string;
  kind: ArticleKind;
  status: ArticleStatus;
  themes: string[];
  audience: string[];
  owner: { level: "national" } | { level: "county"; countyNumber: string };
  linkUrl?: string;
  reviewBy: string | null;
  proposedByEmail?: string;
  proposerMunicipalityNumber?: string;
  versions: { locale: string; title: string; summary: string; body: string }[];
}

const grantsBodyNb = `Mange kommuner, fylkeskommuner og IMDi har tilskudd som frivillige organisasjoner kan søke på. Her er det viktigste å tenke på.

## Før dere søker

- **Registrer organisasjonen** i Enhetsregisteret og gjerne i Frivillighetsregisteret. Mange ordninger krever organisasjonsnummer.
- **Ha en bankkonto** i organisasjonens navn, ikke i en privatpersons.
- **Les kriteriene** for ordningen nøye: hvem kan søke, hva kan det søkes om, og når er fristen?

## Søknaden

1. Beskriv kort hva dere vil gjøre, for hvem og hvorfor.
2. Sett opp et enkelt budsjett: hva det koster, og hvor pengene kommer fra.
3. Fortell hvordan dere vil vise hva dere fikk til (antall deltakere, samlinger).

## Etterpå

Tilskudd skal nesten alltid rapporteres. Ta vare på kvitteringer og deltakerlister fra første dag.

Spør gjerne kommunen om hjelp, eller send en [veiledningsforespørsel](/veiledning/ny).`;

const grantsBodyNn = `Mange kommunar, fylkeskommunar og IMDi har tilskot som frivillige organisasjonar kan søkje på. Her er det viktigaste å tenkje på.

## Før de søkjer

- **Registrer organisasjonen** i Einingsregisteret og gjerne i Frivilligregisteret. Mange ordningar krev organisasjonsnummer.
- **Ha ein bankkonto** i namnet til organisasjonen, ikkje i namnet til ein privatperson.
- **Les kriteria** for ordninga nøye: kven kan søkje, kva kan ein søkje om, og når er fristen?

## Søknaden

1. Skildre kort kva de vil gjere, for kven og kvifor.
2. Set opp eit enkelt budsjett: kva det kostar, og kvar pengane kjem frå.
3. Fortel korleis de vil vise kva de fekk til (tal på deltakarar, samlingar).

## Etterpå

Tilskot skal nesten alltid rapporterast. Ta vare på kvitteringar og deltakarlister frå første dag.

Spør gjerne kommunen om hjelp, eller send ein [rettleiingsførespurnad](/veiledning/ny).`;

const articles: DemoArticle[] = [
  {
    ...demoKnowledgeArticles.grantsGuide,
    kind: "guide",
    status: "published",
    themes: ["grants_funding"],
    audience: ["migrant_organization"],
    owner: { level: "national" },
    reviewBy: "2027-12-01",
    versions: [
      {
        locale: "nb",
        title: "Slik søker dere tilskudd",
        summary: "En veileder for migrantorganisasjoner som skal søke tilskudd for første gang.",
        body: grantsBodyNb,
      },
      {
        locale: "nn",
        title: "Slik søkjer de tilskot",
        summary: "Ein rettleiar for migrantorganisasjonar som skal søkje tilskot for første gong.",
        body: grantsBodyNn,
      },
    ],
  },
  {
    ...demoKnowledgeArticles.policeCertificates,
    kind: "article",
    status: "published",
    themes: ["privacy_police_certificates", "volunteers"],
    audience: [],
    owner: { level: "county", countyNumber: "34" },
    reviewBy: "2027-06-01",
    versions: [
      {
        locale: "nb",
        title: "Politiattest for frivillige",
        summary: "Når frivillige må levere politiattest, og hvordan organisasjonen ber om den.",
        body: "Frivillige som skal arbeide med **barn og unge** eller personer med utviklingshemming, må ofte levere politiattest.\n\n- Organisasjonen skriver en bekreftelse på formålet.\n- Den frivillige søker selv på politiet.no.\n- Organisasjonen ser attesten, men tar ikke kopi.\n\nLes mer hos [politiet](https://www.politiet.no/).",
      },
    ],
  },
  {
    ...demoKnowledgeArticles.report,
    kind: "report_link",
    status: "published",
    themes: ["running_organisation", "municipal_cooperation"],
    audience: [],
    owner: { level: "national" },
    linkUrl: "https://www.imdi.no/",
    reviewBy: "2028-01-01",
    versions: [
      {
        locale: "nb",
        title: "Rapport: Frivillige organisasjoners behov for veiledning",
        summary: "Behovene for veiledning, kompetanse og erfaringsdeling varierer mye mellom typer organisasjoner.",
        body: "Rapporten fra 2022 ser på hva frivillige organisasjoner i integreringsarbeidet trenger, og hvem som bør gi det: kommunen, fylkeskommunen og IMDi.",
      },
      {
        locale: "en",
        title: "Report: Voluntary organisations' need for guidance",
        summary: "The need for guidance, competence and sharing experience varies a lot between kinds of organisation.",
        body: "The 2022 report looks at what voluntary organisations in integration work need, and who should provide it: the municipality, the county council and IMDi.",
      },
    ],
  },
  {
    ...demoKnowledgeArticles.template,
    kind: "template",
    status: "published",
    themes: ["running_organisation"],
    audience: ["migrant_organization", "voluntary"],
    owner: { level: "national" },
    reviewBy: "2027-09-01",
    versions: [
      {
        locale: "nb",
        title: "Mal for årsmøteprotokoll",
        summary: "En enkel mal for protokollen fra årsmøtet, med punktene de fleste vedtekter krever. Last ned malen som Word-dokument.",
        body: "Protokollen bør ha med:\n\n1. Godkjenning av innkalling og saksliste\n2. Årsmelding og regnskap\n3. Innkomne saker\n4. Valg\n\nHusk at to personer valgt av årsmøtet signerer.",
      },
    ],
  },
  {
    ...demoKnowledgeArticles.stale,
    kind: "guide",
    status: "published",
    themes: ["volunteers", "reaching_refugees"],
    audience: ["volunteer_centre"],
    owner: { level: "county", countyNumber: "34" },
    reviewBy: "2025-06-01",
    versions: [
      {
        locale: "nb",
        title: "Rekruttere frivillige blant nykomne",
        summary: "Erfaringer fra frivilligsentraler i Innlandet med å rekruttere flyktninger som frivillige.",
        body: "Mange nykomne vil gjerne bidra. Spør direkte, tilby en fast kontaktperson, og start med korte, konkrete oppgaver.",
      },
    ],
  },
  {
    ...demoKnowledgeArticles.draft,
    kind: "article",
    status: "draft",
    themes: ["municipal_cooperation"],
    audience: [],
    owner: { level: "county", countyNumber: "34" },
    reviewBy: null,
    versions: [
      {
        locale: "nb",
        title: "Samarbeidsavtale med kommunen",
        summary: "Utkast: hva en samarbeidsavtale mellom kommunen og en frivillig organisasjon bør inneholde.",
        body: "Under arbeid.",
      },
    ],
  },
  {
    ...demoKnowledgeArticles.proposal,
    kind: "article",
    status: "proposed",
    themes: ["language_culture"],
    audience: ["voluntary", "volunteer_centre"],
    owner: { level: "county", countyNumber: "34" },
    reviewBy: null,
    proposedByEmail: demoAccountEmails.coordinator_hamar,
    proposerMunicipalityNumber: "3403",
    versions: [
      {
        locale: "nb",
        title: "Språkkafé i Hamar: slik kom vi i gang",
        summary: "Hvordan kommunen, biblioteket og frivilligsentralen startet en språkkafé sammen.",
        body: "Vi begynte med én kveld i uka på biblioteket, med frivillige fra frivilligsentralen og en kontaktperson i kommunen.",
      },
    ],
  },
];

export async function seedDemoKnowledge(tx: Queryable): Promise<void> {
  const words = new Set<string>();
  for (const a of articles) {
    const proposer = a.proposedByEmail
      ? (
          await tx
            .select({ id: users.id })
            .from(users)
            .where(sql`${users.email} = ${a.proposedByEmail}`)
        )[0]
      : undefined;
    const inserted = await tx
      .insert(knowledgeArticles)
      .values({
        id: a.id,
        slug: a.slug,
        kind: a.kind,
        status: a.status,
        themes: a.themes,
        audience: a.audience,
        ownerLevel: a.owner.level,
        ownerCountyNumber: a.owner.level === "county" ? a.owner.countyNumber : null,
        linkUrl: a.linkUrl ?? null,
        reviewBy: a.reviewBy,
        proposedBy: proposer?.id ?? null,
        proposerMunicipalityNumber: a.proposerMunicipalityNumber ?? null,
        isDemo: true,
        publishedAt: a.status === "published" ? new Date("2026-09-01T10:00:00Z") : null,
      })
      .onConflictDoNothing()
      .returning({ id: knowledgeArticles.id });
    if (!inserted.length) continue;
    await tx.insert(knowledgeArticleVersions).values(a.versions.map((v) => ({ articleId: a.id, ...v })));
    for (const v of a.versions) {
      for (const w of foldText(`${v.title} ${v.summary} ${v.body}`).split(/[^a-z0-9]+/)) if (w.length >= 3 && w.length <= 40 && !/^\d+$/.test(w)) words.add(w);
    }
  }
  await seedDemoKnowledgeFiles(tx);
  if (words.size) {
    await tx
      .insert(knowledgeSearchWords)
      .values([...words].map((word) => ({ word })))
      .onConflictDoNothing();
  }
}

/** A one-page PDF, made with pdfkit (its standard Helvetica has æøå). */
function demoPdf(lines: string[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", info: { Title: lines[0] ?? "", CreationDate: new Date("2026-09-01T10:00:00Z") } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    doc.fontSize(18).text(lines[0] ?? "");
    doc.moveDown();
    for (const line of lines.slice(1)) doc.fontSize(11).text(line);
    doc.end();
  });
}

/** The demo articles' files, built at seed time (a real .docx and a real PDF); an existing file is left as it is. */
async function seedDemoKnowledgeFiles(tx: Queryable): Promise<void> {
  const files = [
    {
      ...demoKnowledgeFiles.templateDocx,
      mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" as const,
      content: minimalDocx([
        "Protokoll fra årsmøtet i [organisasjonens navn]",
        "Dato og sted: …",
        "Sak 1: Godkjenning av innkalling og saksliste",
        "Sak 2: Årsmelding og regnskap",
        "Sak 3: Innkomne saker",
        "Sak 4: Valg",
        "Protokollen signeres av to personer valgt av årsmøtet: …",
      ]),
    },
    {
      ...demoKnowledgeFiles.draftPdf,
      mediaType: "application/pdf" as const,
      content: await demoPdf([
        "Samarbeidsavtale mellom kommunen og frivilligheten (utkast)",
        "1. Formål",
        "2. Hva kommunen bidrar med",
        "3. Hva organisasjonene bidrar med",
      ]),
    },
  ];
  for (const f of files) {
    const inserted = await tx
      .insert(storedFiles)
      .values({
        id: f.id,
        mediaType: f.mediaType,
        sizeBytes: f.content.byteLength,
        name: f.name,
        sha256: createHash("sha256").update(f.content).digest("hex"),
        content: f.content,
      })
      .onConflictDoNothing()
      .returning({ id: storedFiles.id });
    if (inserted.length) await tx.insert(knowledgeFiles).values({ articleId: f.articleId, fileId: f.id, position: 0 }).onConflictDoNothing();
  }
}
