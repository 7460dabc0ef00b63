import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/accessibility";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { getLocale } from "~/lib/route.server.ts";

/** A text page: plain HTML, no JavaScript. */
export const handle = { hydrate: false };

/** When the statement was last checked against the app; update it with each review. */
const LAST_REVIEWED = "2026-11-23";
const FEEDBACK_EMAIL = "tilgjengelighet@samspill.example";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Tilgjengelighetserklæring"} – Samspill` }];
}

export function loader({ context }: Route.LoaderArgs) {
  return { title: getTranslator(getLocale(context))("a11yStatement.title") };
}

const tests: MessageKey[] = ["a11yStatement.test.axe", "a11yStatement.test.keyboard", "a11yStatement.test.noJs", "a11yStatement.test.languages"];
const deviations: MessageKey[] = [
  "a11yStatement.deviation.map",
  "a11yStatement.deviation.demo",
  "a11yStatement.deviation.userContent",
  "a11yStatement.deviation.email",
];

export default function AccessibilityStatement() {
  const t = useT();
  const format = useFormat();
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("a11yStatement.title")}
      </Heading>
      <Paragraph>{t("a11yStatement.intro")}</Paragraph>
      <Paragraph data-size="sm" className="muted">
        {t("a11yStatement.updated", { date: format.date(LAST_REVIEWED) })}
      </Paragraph>

      <section aria-labelledby="a11y-law" className="stack">
        <Heading level={2} data-size="md" id="a11y-law">
          {t("a11yStatement.lawHeading")}
        </Heading>
        <Paragraph>{t("a11yStatement.lawText")}</Paragraph>
        <Paragraph>{t("a11yStatement.lawGoal")}</Paragraph>
        <ul>
          <li>
            <a href="https://lovdata.no/dokument/SF/forskrift/2013-06-21-732">{t("a11yStatement.lawLink")}</a>
          </li>
          <li>
            <a href="https://www.w3.org/TR/WCAG21/" hrefLang="en">
              {t("a11yStatement.wcagLink")}
            </a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="a11y-status" className="stack">
        <Heading level={2} data-size="md" id="a11y-status">
          {t("a11yStatement.statusHeading")}
        </Heading>
        <Paragraph>{t("a11yStatement.statusText")}</Paragraph>
        <ul>
          {tests.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
        <Paragraph>{t("a11yStatement.statusLimits")}</Paragraph>
      </section>

      <section aria-labelledby="a11y-deviations" className="stack">
        <Heading level={2} data-size="md" id="a11y-deviations">
          {t("a11yStatement.deviationsHeading")}
        </Heading>
        <ul>
          {deviations.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="a11y-feedback" className="stack">
        <Heading level={2} data-size="md" id="a11y-feedback">
          {t("a11yStatement.feedbackHeading")}
        </Heading>
        <Paragraph>{t("a11yStatement.feedbackText")}</Paragraph>
        <Paragraph>
          {t("a11yStatement.feedbackEmail")} <a href={`mailto:${FEEDBACK_EMAIL}`}>{FEEDBACK_EMAIL}</a>
        </Paragraph>
        <Paragraph data-size="sm" className="muted">
          {t("a11yStatement.feedbackPlaceholder")}
        </Paragraph>
      </section>

      <section aria-labelledby="a11y-complaint" className="stack">
        <Heading level={2} data-size="md" id="a11y-complaint">
          {t("a11yStatement.complaintHeading")}
        </Heading>
        <Paragraph>{t("a11yStatement.complaintText")}</Paragraph>
        <Paragraph>
          <a href="https://www.uutilsynet.no/">{t("a11yStatement.complaintLink")}</a>
        </Paragraph>
        <Paragraph>{t("a11yStatement.officialNote")}</Paragraph>
      </section>
    </div>
  );
}
