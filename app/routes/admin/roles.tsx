import { Form, Link, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/roles";
import { CsrfField } from "~/components/csrf.tsx";
import { FormErrorSummary, SelectField, TextField, formFailure } from "~/components/form.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import type { Translate } from "~/i18n/translate.ts";
import { label } from "~/i18n/labels.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import type { UserActor } from "~/domain/auth/actor.ts";
import { formToObject } from "~/lib/validation.ts";
import { getRoleGrantForRevoke, getRoleGrantOptions, grantRole, listRoleGrants, revokeRole } from "~/domain/admin/roles.server.ts";
import { DemoTag } from "~/components/demo-tag.tsx";
import { Pagination } from "~/components/pagination.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Roller og tilganger"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const params = new URL(request.url).searchParams;
  const revokeId = params.get("trekk");
  const [list, options, pendingRevoke] = await guard(request, () =>
    Promise.all([
      listRoleGrants(actor, { page: params.get("side") ?? 1, role: params.get("rolle") || undefined, county: params.get("fylke") || undefined }),
      getRoleGrantOptions(actor),
      revokeId === null ? Promise.resolve(null) : getRoleGrantForRevoke(actor, revokeId),
    ]),
  );
  return { title: getTranslator(getLocale(context))("admin.roles.title"), list, options, pendingRevoke };
}

/** The page's two forms; the domain calls check scope and validate the fields themselves. */
function intentsFor(actor: UserActor) {
  return {
    grant: intent(formFields, async (values) => {
      const granted = await grantRole(actor, values);
      return {
        ok: true as const,
        granted: {
          id: granted.id,
          name: granted.userName,
          email: granted.userEmail,
          role: granted.role,
          municipalityNumber: granted.municipalityNumber,
          countyNumber: granted.countyNumber,
        },
      };
    }),
    revoke: intent(formFields, async (values) => {
      const revoked = await revokeRole(actor, values.grantId);
      return {
        ok: true as const,
        revoked: {
          name: revoked.userName,
          email: revoked.userEmail,
          role: revoked.role,
          municipalityNumber: revoked.municipalityNumber,
          countyNumber: revoked.countyNumber,
        },
      };
    }),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, intentsFor(actor));
}

type Options = Route.ComponentProps["loaderData"]["options"];
type PlatformRole = Options["roles"][number];

function roleLabel(t: Translate, role: PlatformRole): string {
  return label(t, "platformRole", role);
}

/** "Hamar (Innlandet)", "Innlandet (fylke)" or "Hele landet". */
function scopeLabel(
  t: Translate,
  grant: { role: PlatformRole; municipalityName?: string | null; municipalityCountyName?: string | null; countyName?: string | null },
): string {
  if (grant.role === "municipal_coordinator")
    return t("admin.scope.municipality", { name: grant.municipalityName ?? "", county: grant.municipalityCountyName ?? "" });
  if (grant.role === "county_advisor") return t("admin.scope.county", { name: grant.countyName ?? "" });
  return t("admin.scope.national");
}

/** Names for a grant known only by numbers (after granting or revoking), from the form's choices. */
function withNames(options: Options, grant: { role: PlatformRole; municipalityNumber: string | null; countyNumber: string | null }) {
  const municipality = options.municipalities.find((m) => m.number === grant.municipalityNumber);
  const county = options.counties.find((c) => c.number === grant.countyNumber);
  return {
    role: grant.role,
    municipalityName: municipality?.name ?? grant.municipalityNumber,
    municipalityCountyName: municipality?.countyName ?? null,
    countyName: county?.name ?? grant.countyNumber,
  };
}

function listHref(filter: { role?: string; county?: string }, page: number): string {
  const params = new URLSearchParams();
  if (filter.role) params.set("rolle", filter.role);
  if (filter.county) params.set("fylke", filter.county);
  if (page > 1) params.set("side", String(page));
  const search = params.toString();
  return `/admin/roller${search ? `?${search}` : ""}`;
}

export default function Roles({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const busy = useNavigation().state === "submitting";
  const { list, options, pendingRevoke } = loaderData;
  const failure = formFailure(actionData);
  const failedIntent = failure.values.intent;
  const granted = actionData && "granted" in actionData ? actionData.granted : null;
  const revoked = actionData && "revoked" in actionData ? actionData.revoked : null;
  const isNational = options.roles.includes("national_admin");
  const filtered = Boolean(list.filter.role || list.filter.county);

  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("admin.roles.title")}
      </Heading>
      <Paragraph>
        {isNational ? t("admin.roles.introNational") : t("admin.roles.introCounty", { counties: options.counties.map((c) => c.name).join(", ") })}
      </Paragraph>

      {revoked ? (
        <Alert data-color="success" role="status">
          <Paragraph>
            {t("admin.roles.revoked", {
              name: revoked.name,
              email: revoked.email,
              role: roleLabel(t, revoked.role),
              scope: scopeLabel(t, withNames(options, revoked)),
            })}
          </Paragraph>
          <Form method="post" action="/admin/roller" className="form-actions">
            <CsrfField />
            <input type="hidden" name="intent" value="grant" />
            <input type="hidden" name="email" value={revoked.email} />
            <input type="hidden" name="role" value={revoked.role} />
            <input type="hidden" name="municipalityNumber" value={revoked.municipalityNumber ?? ""} />
            <input type="hidden" name="countyNumber" value={revoked.countyNumber ?? ""} />
            <Button type="submit" variant="secondary" data-size="sm" disabled={busy}>
              {t("admin.roles.undo")}
            </Button>
          </Form>
        </Alert>
      ) : null}
      {failedIntent === "revoke" ? <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} /> : null}

      {pendingRevoke ? (
        <section aria-labelledby="revoke-heading">
          <Alert data-color="warning">
            <Heading level={2} data-size="xs" id="revoke-heading">
              {t("admin.roles.confirmHeading")}
            </Heading>
            <Paragraph>
              {t("admin.roles.confirmText", {
                name: pendingRevoke.userName,
                email: pendingRevoke.userEmail,
                role: roleLabel(t, pendingRevoke.role),
                scope: scopeLabel(t, pendingRevoke),
              })}
            </Paragraph>
            {/* Posts to the bare address: once revoked, the grant in ?trekk no longer exists. */}
            <Form method="post" action="/admin/roller" className="form-actions">
              <CsrfField />
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="grantId" value={pendingRevoke.id} />
              <Button type="submit" data-color="danger" disabled={busy}>
                {t("admin.roles.confirmSubmit")}
              </Button>
              <Link to={listHref(list.filter, list.page)}>{t("common.cancel")}</Link>
            </Form>
          </Alert>
        </section>
      ) : null}

      <section aria-labelledby="grant-heading" className="stack">
        <Heading level={2} data-size="sm" id="grant-heading">
          {t("admin.roles.grantHeading")}
        </Heading>
        {granted ? (
          <Alert data-color="success" role="status">
            {t("admin.roles.granted", {
              name: granted.name,
              email: granted.email,
              role: roleLabel(t, granted.role),
              scope: scopeLabel(t, withNames(options, granted)),
            })}
          </Alert>
        ) : null}
        {failedIntent === "grant" ? <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} /> : null}
        {/* A new key after each grant empties the fields when JavaScript keeps the page. */}
        <Form method="post" action="/admin/roller" className="form" noValidate key={granted?.id ?? "grant-form"}>
          <CsrfField />
          <input type="hidden" name="intent" value="grant" />
          <TextField
            name="email"
            type="email"
            label={t("admin.roles.email")}
            description={t("admin.roles.emailHelp")}
            autoComplete="off"
            required
            maxLength={254}
            defaultValue={failedIntent === "grant" ? failure.values.email : undefined}
            error={failedIntent === "grant" ? failure.fieldErrors.email : undefined}
          />
          <SelectField
            name="role"
            label={t("admin.roles.role")}
            required
            defaultValue={failedIntent === "grant" ? failure.values.role : undefined}
            error={failedIntent === "grant" ? failure.fieldErrors.role : undefined}
            options={options.roles.map((role) => ({ value: role, label: roleLabel(t, role) }))}
          />
          <SelectField
            name="municipalityNumber"
            label={t("admin.roles.municipality")}
            description={isNational ? t("admin.roles.municipalityHelp") : undefined}
            defaultValue={failedIntent === "grant" ? failure.values.municipalityNumber : ""}
            error={failedIntent === "grant" ? failure.fieldErrors.municipalityNumber : undefined}
            options={[
              { value: "", label: t("admin.roles.municipalityChoose") },
              ...options.municipalities.map((m) => ({ value: m.number, label: t("admin.scope.municipality", { name: m.name, county: m.countyName }) })),
            ]}
          />
          {options.roles.includes("county_advisor") ? (
            <SelectField
              name="countyNumber"
              label={t("admin.roles.county")}
              description={t("admin.roles.countyHelp")}
              defaultValue={failedIntent === "grant" ? failure.values.countyNumber : ""}
              error={failedIntent === "grant" ? failure.fieldErrors.countyNumber : undefined}
              options={[{ value: "", label: t("admin.roles.countyChoose") }, ...options.counties.map((c) => ({ value: c.number, label: c.name }))]}
            />
          ) : null}
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              {t("admin.roles.grantSubmit")}
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="grants-heading" className="stack">
        <Heading level={2} data-size="sm" id="grants-heading">
          {t("admin.roles.listHeading")}
        </Heading>
        <Form method="get" action="/admin/roller" className="form" role="search" aria-label={t("admin.roles.filterLabel")}>
          <SelectField
            name="rolle"
            label={t("admin.roles.filterRole")}
            defaultValue={list.filter.role ?? ""}
            options={[{ value: "", label: t("admin.roles.filterRoleAll") }, ...options.filterRoles.map((role) => ({ value: role, label: roleLabel(t, role) }))]}
          />
          {options.counties.length > 1 ? (
            <SelectField
              name="fylke"
              label={t("admin.roles.filterCounty")}
              defaultValue={list.filter.county ?? ""}
              options={[{ value: "", label: t("admin.roles.filterCountyAll") }, ...options.counties.map((c) => ({ value: c.number, label: c.name }))]}
            />
          ) : null}
          <div className="form-actions">
            <Button type="submit" variant="secondary">
              {t("admin.roles.filterSubmit")}
            </Button>
            {filtered ? <Link to="/admin/roller">{t("admin.roles.filterReset")}</Link> : null}
          </div>
        </Form>

        <Paragraph>{t("admin.roles.count", { count: list.total })}</Paragraph>
        {list.grants.length === 0 ? (
          list.total > 0 ? (
            <Paragraph>{t("admin.roles.pageEmpty")}</Paragraph>
          ) : null
        ) : (
          <div className="table-wrap">
            <Table data-size="sm" zebra>
              <caption className="visually-hidden">{t("admin.roles.caption")}</caption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell scope="col">{t("admin.roles.col.user")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("admin.roles.col.role")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("admin.roles.col.scope")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("admin.roles.col.grantedBy")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("admin.roles.col.date")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("admin.roles.col.actions")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {list.grants.map((grant) => (
                  <TableRow key={grant.id}>
                    <TableHeaderCell scope="row">
                      {grant.userName} <DemoTag show={grant.userIsDemo} />
                      <br />
                      <span className="muted">{grant.userEmail}</span>
                    </TableHeaderCell>
                    <TableCell>{roleLabel(t, grant.role)}</TableCell>
                    <TableCell>{scopeLabel(t, grant)}</TableCell>
                    <TableCell>{grant.grantedByName ?? t("admin.roles.grantedByUnknown")}</TableCell>
                    <TableCell>{format.date(grant.createdAt)}</TableCell>
                    <TableCell>
                      {grant.canRevoke ? (
                        <Link to={`/admin/roller?trekk=${grant.id}`}>
                          {t("admin.roles.revoke")}
                          <span className="visually-hidden">
                            {" "}
                            {t("admin.roles.revokeContext", { name: grant.userName, role: roleLabel(t, grant.role), scope: scopeLabel(t, grant) })}
                          </span>
                        </Link>
                      ) : (
                        <span className="muted">{t("admin.roles.nationalOnly")}</span>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        <Pagination label={t("admin.pagination")} page={list.page} pageCount={list.pageCount} href={(page) => listHref(list.filter, page)} />
      </section>
    </div>
  );
}
