import { Link } from "react-router";
import { Alert, Heading, Paragraph, Card, CardBlock } from "@digdir/designsystemet-react";
import type { Route } from "./+types/home";
import { useT } from "~/i18n/use-t.ts";
import { getActor } from "~/lib/route.server.ts";

export const handle = { hydrate: false, allLocales: true };

export function meta() {
  return [{ title: "Samspill" }];
}

export function loader({ request, context }: Route.LoaderArgs) {
  return {
    signedIn: getActor(context).kind === "user",
    accountDeleted: new URL(request.url).searchParams.get("konto") === "slettet",
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="page">
      <Heading level={1} data-size="xl">
        {t("app.name")}
      </Heading>
      {loaderData.accountDeleted ? (
        <Alert data-color="success" role="status">
          {t("account.deleted.notice")}
        </Alert>
      ) : null}
      <Paragraph data-size="lg">{t("app.tagline")}</Paragraph>
      <Paragraph>{t("home.intro")}</Paragraph>
      <ul className="card-grid">
        <li>
          <Card data-color="neutral">
            <CardBlock>
              <Heading level={2} data-size="sm">
                <Link to="/organisasjoner">{t("home.organizations.title")}</Link>
              </Heading>
              <Paragraph>{t("home.organizations.text")}</Paragraph>
            </CardBlock>
          </Card>
        </li>
        <li>
          <Card data-color="neutral">
            <CardBlock>
              <Heading level={2} data-size="sm">
                <Link to="/kommuner">{t("home.municipalities.title")}</Link>
              </Heading>
              <Paragraph>{t("home.municipalities.text")}</Paragraph>
            </CardBlock>
          </Card>
        </li>
        {loaderData.signedIn ? null : (
          <li>
            <Card data-color="neutral">
              <CardBlock>
                <Heading level={2} data-size="sm">
                  <Link to="/logg-inn">{t("home.signIn.title")}</Link>
                </Heading>
                <Paragraph>{t("home.signIn.text")}</Paragraph>
              </CardBlock>
            </Card>
          </li>
        )}
      </ul>
    </div>
  );
}
