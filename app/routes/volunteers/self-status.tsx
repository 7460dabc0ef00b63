import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/self-status";
import { Notice } from "~/components/notice.tsx";
import { Section } from "~/components/section.tsx";
import { getInterestByToken } from "~/domain/volunteers/self.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { isAppError } from "~/lib/errors.ts";
import { getLocale } from "~/lib/route.server.ts";
import { ContactFacts, InterestFacts } from "./self-ui.tsx";

/** The status link in every e-mail to a volunteer: plain HTML, no account, reads only (the token names one interest). */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }, { name: "robots", content: "noindex" }];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const title = getTranslator(getLocale(context))("volunteerSelf.status.heading");
  try {
    return { title, interest: await getInterestByToken(params.token) };
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_token") return { title, interest: null };
    throw error;
  }
}

export default function InterestStatus({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const { interest } = loaderData;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("volunteerSelf.status.heading")}
      </Heading>
      {interest ? (
        <>
          {interest.confirmed ? null : (
            <Notice tone="warning">
              <Paragraph>{t("volunteerSelf.status.unconfirmed")}</Paragraph>
            </Notice>
          )}
          <InterestFacts interest={interest} />
          {interest.confirmed ? (
            <Section id="interest-contact" heading={t("volunteerSelf.status.contactHeading")}>
              <ContactFacts interest={interest} />
            </Section>
          ) : null}
          <Paragraph>
            <Link to={`/frivillig/trekk/${params.token}`}>{t("volunteerSelf.status.withdrawLink")}</Link>
          </Paragraph>
        </>
      ) : (
        <Paragraph>{t("volunteerSelf.status.invalid")}</Paragraph>
      )}
      <Paragraph>
        <Link to="/frivillig/meg">{t("volunteerSelf.status.toProfile")}</Link>
      </Paragraph>
    </div>
  );
}
