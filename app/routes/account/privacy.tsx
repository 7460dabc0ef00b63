import { Link, redirect } from "react-router";
import { Alert, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/privacy";
import { useT } from "~/i18n/use-t.ts";
import { FormActions, PostForm, SubmitButton, TextField } from "~/components/form.tsx";
import { formAction, guard, requireUser } from "~/lib/route.server.ts";
import { formRules } from "~/lib/form-schema.ts";
import { deleteAccountSchema } from "~/domain/auth/auth.schema.ts";
import { formToObject } from "~/lib/validation.ts";
import { deleteAccount, getDeletionBlockers } from "~/domain/auth/account.server.ts";
import { destroySession } from "~/domain/auth/session.server.ts";
import { PageTitle } from "../auth/page-title.tsx";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const blockers = await guard(request, () => getDeletionBlockers(actor));
  return { email: actor.email, ...blockers, deleteRules: formRules(deleteAccountSchema) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return formAction(request, values, async () => {
    await deleteAccount(actor, values);
    // The sessions went with the account; this clears the cookie in the browser too.
    throw redirect("/?konto=slettet", { headers: { "Set-Cookie": await destroySession(request) } });
  });
}

export default function Privacy({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const blocked = loaderData.isDemo || loaderData.soleAdminOf.length > 0;
  return (
    <div className="page">
      <PageTitle messageKey="account.privacy.title" />
      <Heading level={1} data-size="lg">
        {t("account.privacy.title")}
      </Heading>
      <Paragraph>{t("account.privacy.intro")}</Paragraph>

      <section aria-labelledby="stored-heading" className="stack">
        <Heading level={2} data-size="sm" id="stored-heading">
          {t("account.privacy.storedTitle")}
        </Heading>
        <ul>
          <li>{t("account.privacy.storedProfile")}</li>
          <li>{t("account.privacy.storedMemberships")}</li>
          <li>{t("account.privacy.storedSessions")}</li>
          <li>{t("account.privacy.storedAudit")}</li>
          <li>{t("account.privacy.storedEmails")}</li>
        </ul>
        <Paragraph>{t("account.privacy.notStored")}</Paragraph>
        <Paragraph>
          <Link to="/personvern">{t("account.privacy.policyLink")}</Link>
        </Paragraph>
      </section>

      <section aria-labelledby="export-heading" className="stack">
        <Heading level={2} data-size="sm" id="export-heading">
          {t("account.export.title")}
        </Heading>
        <Paragraph>{t("account.export.text")}</Paragraph>
        <Paragraph>
          {/* A plain link: the file is a download, not a page the router should render. */}
          <a href="/min-side/eksport" download="samspill-mine-data.json" className="ds-button" data-variant="secondary">
            {t("account.export.link")}
          </a>
        </Paragraph>
      </section>

      <section aria-labelledby="delete-heading" className="stack">
        <Heading level={2} data-size="sm" id="delete-heading">
          {t("account.delete.title")}
        </Heading>
        <Paragraph>{t("account.delete.text")}</Paragraph>
        {loaderData.isDemo ? (
          <Alert data-color="info">{t("account.demoProtected")}</Alert>
        ) : loaderData.soleAdminOf.length > 0 ? (
          <Alert data-color="warning">
            <Paragraph>
              {t("account.delete.soleAdminOf", { organizations: loaderData.soleAdminOf.map((o) => o.name).join(", "), count: loaderData.soleAdminOf.length })}
            </Paragraph>
            <ul>
              {loaderData.soleAdminOf.map((o) => (
                <li key={o.id}>
                  <Link to={`/organisasjoner/${o.id}/medlemmer`}>{t("account.delete.manageMembers", { organization: o.name })}</Link>
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <PostForm id="delete" actionData={actionData} schema={loaderData.deleteRules}>
          <TextField
            name="confirmEmail"
            type="email"
            label={t("account.delete.confirmLabel", { email: loaderData.email })}
            description={t("account.delete.confirmHelp")}
            autoComplete="off"
          />
          <FormActions>
            <SubmitButton data-color="danger" disabled={blocked}>
              {t("account.delete.submit")}
            </SubmitButton>
          </FormActions>
        </PostForm>
      </section>
    </div>
  );
}
