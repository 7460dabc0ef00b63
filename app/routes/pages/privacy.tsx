import { Link } from "react-router";
import { Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/privacy";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { getLocale } from "~/lib/route.server.ts";

/** A text page: plain HTML, no JavaScript. */
export const handle = { hydrate: false };

const PRIVACY_EMAIL = "personvern@samspill.example";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Personvernerklæring"} – Samspill` }];
}

export function loader({ context }: Route.LoaderArgs) {
  return { title: getTranslator(getLocale(context))("privacyStatement.title") };
}

const dataKinds: MessageKey[] = [
  "privacyStatement.data.account",
  "privacyStatement.data.sessions",
  "privacyStatement.data.oidc",
  "privacyStatement.data.roles",
  "privacyStatement.data.audit",
  "privacyStatement.data.email",
  "privacyStatement.data.content",
];
const purposes: MessageKey[] = ["privacyStatement.purpose.account", "privacyStatement.purpose.security", "privacyStatement.purpose.audit"];
const retention: MessageKey[] = [
  "privacyStatement.retention.account",
  "privacyStatement.retention.sessions",
  "privacyStatement.retention.tokens",
  "privacyStatement.retention.audit",
];
const recipients: MessageKey[] = [
  "privacyStatement.recipients.noSale",
  "privacyStatement.recipients.smtp",
  "privacyStatement.recipients.hosting",
  "privacyStatement.recipients.users",
];

/** The cookies Samspill sets (see session.server.ts, csrf.server.ts and the language cookie in the request middleware). */
const cookies: { name: string; purpose: MessageKey; days?: number; years?: number }[] = [
  { name: "samspill_session", purpose: "privacyStatement.cookies.session", days: 30 },
  { name: "samspill_csrf", purpose: "privacyStatement.cookies.csrf", years: 1 },
  { name: "samspill_lang", purpose: "privacyStatement.cookies.language", years: 1 },
];

export default function PrivacyStatement() {
  const t = useT();
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("privacyStatement.title")}
      </Heading>
      <Paragraph>{t("privacyStatement.intro")}</Paragraph>

      <section aria-labelledby="privacy-controller" className="stack">
        <Heading level={2} data-size="md" id="privacy-controller">
          {t("privacyStatement.controllerHeading")}
        </Heading>
        <Paragraph>{t("privacyStatement.controllerText")}</Paragraph>
        <Paragraph>
          {t("privacyStatement.controllerContact")} <a href={`mailto:${PRIVACY_EMAIL}`}>{PRIVACY_EMAIL}</a>
        </Paragraph>
        <Paragraph data-size="sm" className="muted">
          {t("privacyStatement.controllerPlaceholder")}
        </Paragraph>
      </section>

      <section aria-labelledby="privacy-data" className="stack">
        <Heading level={2} data-size="md" id="privacy-data">
          {t("privacyStatement.dataHeading")}
        </Heading>
        <ul>
          {dataKinds.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="privacy-purposes" className="stack">
        <Heading level={2} data-size="md" id="privacy-purposes">
          {t("privacyStatement.purposesHeading")}
        </Heading>
        <Paragraph>{t("privacyStatement.purposesIntro")}</Paragraph>
        <ul>
          {purposes.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
        <Paragraph>{t("privacyStatement.purposesNoOther")}</Paragraph>
      </section>

      <section aria-labelledby="privacy-retention" className="stack">
        <Heading level={2} data-size="md" id="privacy-retention">
          {t("privacyStatement.retentionHeading")}
        </Heading>
        <ul>
          {retention.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="privacy-recipients" className="stack">
        <Heading level={2} data-size="md" id="privacy-recipients">
          {t("privacyStatement.recipientsHeading")}
        </Heading>
        <ul>
          {recipients.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="privacy-rights" className="stack">
        <Heading level={2} data-size="md" id="privacy-rights">
          {t("privacyStatement.rightsHeading")}
        </Heading>
        <ul>
          <li>
            {t("privacyStatement.rights.access")} <Link to="/min-side/personvern">{t("privacyStatement.rights.accessLink")}</Link>
          </li>
          <li>{t("privacyStatement.rights.rectification")}</li>
          <li>{t("privacyStatement.rights.erasure")}</li>
          <li>{t("privacyStatement.rights.restriction")}</li>
          <li>
            {t("privacyStatement.rights.complaint")} <a href="https://www.datatilsynet.no/">{t("privacyStatement.rights.complaintLink")}</a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="privacy-cookies" className="stack">
        <Heading level={2} data-size="md" id="privacy-cookies">
          {t("privacyStatement.cookiesHeading")}
        </Heading>
        <Paragraph>{t("privacyStatement.cookiesIntro")}</Paragraph>
        <div className="table-wrap">
          <Table data-size="sm">
            <caption className="visually-hidden">{t("privacyStatement.cookiesCaption")}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell scope="col">{t("privacyStatement.cookies.col.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("privacyStatement.cookies.col.purpose")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("privacyStatement.cookies.col.duration")}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {cookies.map((cookie) => (
                <TableRow key={cookie.name}>
                  <TableHeaderCell scope="row">
                    <code>{cookie.name}</code>
                  </TableHeaderCell>
                  <TableCell>{t(cookie.purpose)}</TableCell>
                  <TableCell>
                    {cookie.days
                      ? t("privacyStatement.cookies.days", { count: cookie.days })
                      : t("privacyStatement.cookies.years", { count: cookie.years ?? 1 })}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        <Paragraph data-size="sm">{t("privacyStatement.cookiesPrefix")}</Paragraph>
      </section>
    </div>
  );
}
