import PDFDocument from "pdfkit";
import { label } from "~/i18n/labels.ts";
import { getIntl, getTranslator } from "~/i18n/translate.ts";
import type { WorkshopReport } from "./report.server.ts";

/**
 * The workshop report as a PDF, rendered on the server with pdfkit and its
 * standard Helvetica (WinAnsi covers æøå; no browser, no font files). Always
 * in the report's own language — the kommune's målform — whoever downloads it.
 */
export async function renderReportPdf(report: WorkshopReport): Promise<Buffer> {
  const locale = report.locale;
  const t = getTranslator(locale);
  const intl = getIntl(locale);
  const date = (d: Date | string) => intl.formatDate(typeof d === "string" ? new Date(`${d}T12:00:00Z`) : d, { dateStyle: "long", timeZone: "Europe/Oslo" });

  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    info: { Title: `${t("workshops.report.title")}: ${report.workshop.title}`, Author: "Samspill" },
    lang: locale === "nn" ? "nn-NO" : "nb-NO",
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const heading = (text: string) => {
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(14).text(text).moveDown(0.3).font("Helvetica").fontSize(10.5);
  };
  const line = (text: string, options: PDFKit.Mixins.TextOptions = {}) => doc.font("Helvetica").fontSize(10.5).text(text, options);
  const bold = (text: string) => doc.font("Helvetica-Bold").fontSize(10.5).text(text).font("Helvetica");

  doc.font("Helvetica").fontSize(9).fillColor("#555555").text(t("workshops.report.title")).fillColor("black");
  doc.font("Helvetica-Bold").fontSize(20).text(report.workshop.title).font("Helvetica").fontSize(10.5);
  line(t("workshops.report.kommuner", { names: report.kommuner.map((k) => k.name).join(", ") }));
  if (report.workshop.facilitatorName) line(t("workshops.report.facilitator", { name: report.workshop.facilitatorName }));
  if (report.sessions.length) line(t("workshops.report.sessionDates", { dates: report.sessions.map((s) => date(s.startsAt)).join(", ") }));
  line(t("workshops.report.generated", { date: date(report.generatedAt) }), { oblique: true });
  if (report.workshop.purpose) {
    heading(t("workshops.report.purpose"));
    line(report.workshop.purpose);
  }

  heading(t("workshops.report.participants"));
  line(t("workshops.report.participantTotal", { count: report.participantCount }));
  for (const s of report.sectors) {
    line(`${label(t, "participantSector", s.sector)}: ${s.count}`, { indent: 12 });
    for (const name of s.names) line(name, { indent: 28 });
  }

  heading(t("workshops.report.obstacles"));
  if (report.obstacles.length === 0) line(t("workshops.report.noObstacles"));
  report.obstacles.forEach((o, i) => {
    bold(`${i + 1}. ${o.text}`);
    line(`${label(t, "obstacleTheme", o.theme)} · ${t("workshops.report.votes", { count: o.votes })}`, { indent: 14 });
    if (o.escalation) {
      line(
        t("workshops.report.escalated", {
          body: t(`workshops.escalation.level.${o.escalation.level}`),
          status: t(`workshops.escalation.status.${o.escalation.status}`),
        }),
        { indent: 14 },
      );
      if (o.escalation.answer) line(t("workshops.escalation.answer", { answer: o.escalation.answer }), { indent: 14 });
    }
    for (const s of o.solutions) line(`– ${s.text} (${t("workshops.report.votes", { count: s.votes })})`, { indent: 24 });
    doc.moveDown(0.3);
  });

  heading(t("workshops.report.matrix"));
  const matrix = report.matrix;
  if (!matrix || matrix.tasks.length === 0) line(t("workshops.report.noMatrix"));
  else {
    for (const task of matrix.tasks) {
      bold(task.title);
      for (const role of ["responsible", "contributes", "informed"] as const) {
        const names = matrix.actors.filter((a) => task.roles[a.id] === role).map((a) => a.name);
        if (names.length) line(`${t(`workshops.report.role.${role}`)}: ${names.join(", ")}`, { indent: 14 });
      }
      const contact = [task.contactName, task.contactPhone, task.contactEmail].filter(Boolean).join(", ");
      if (contact) line(t("workshops.report.action.contact", { contact }), { indent: 14 });
    }
    if (matrix.conflicts.length) line(t("workshops.report.conflicts", { tasks: matrix.conflicts.map((c) => c.title).join(", ") }), { oblique: true });
  }

  heading(t("workshops.report.actions"));
  if (report.actions.length === 0) line(t("workshops.report.noActions"));
  for (const a of report.actions) {
    bold(a.title);
    const status = t(`workshops.report.actionStatus.${a.status}`) + (a.overdue ? ` – ${t("workshops.report.overdue")}` : "");
    line(`${t("workshops.report.action.owner", { owner: a.ownerName })} · ${t("workshops.report.action.deadline", { date: date(a.deadline) })} · ${status}`, {
      indent: 14,
    });
    const contact = [a.contactName, a.contactPhone, a.contactEmail].filter(Boolean).join(", ");
    if (contact) line(t("workshops.report.action.contact", { contact }), { indent: 14 });
    if (a.latestNote) line(t("workshops.report.latestNote", { text: a.latestNote.text }), { indent: 14 });
    doc.moveDown(0.2);
  }

  doc.end();
  return done;
}
