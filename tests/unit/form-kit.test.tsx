import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "react-intl";
import { RouterProvider, createMemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { ActivityForm } from "~/components/activity-form.tsx";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { CheckboxField, ChoiceGroup, FormActions, PostForm, SelectField, SubmitButton, TextField, TextareaField } from "~/components/form.tsx";
import { signUpSchema } from "~/domain/auth/auth.schema.ts";
import { activityInputSchema } from "~/domain/activities/activities.schema.ts";
import { inviteMemberSchema, organizationInputSchema } from "~/domain/organizations/organizations.schema.ts";
import { messages } from "~/i18n/messages.ts";
import { formRules } from "~/lib/form-schema.ts";
import { OrganizationForm } from "~/routes/organizations/org-ui.tsx";

/** Server-renders a form kit element on a page whose root loader gave it a CSRF token, as the app does. */
function render(element: ReactNode): string {
  const router = createMemoryRouter(
    [
      {
        id: "root",
        path: "/",
        loader: () => null,
        children: [{ index: true, element }],
      },
    ],
    {
      initialEntries: ["/"],
      hydrationData: {
        loaderData: { root: { csrfToken: "csrf-token-123", locale: "nb" } },
      },
    },
  );
  return renderToStaticMarkup(
    <IntlProvider locale="nb" messages={messages.nb}>
      <RouterProvider router={router} />
    </IntlProvider>,
  );
}

/** The opening tag of the element with this id. */
function tag(html: string, id: string): string {
  const match = new RegExp(`<[a-z]+[^>]*\\bid="${id}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no element with id ${id} in ${html}`);
  return match[0];
}

const failure = (intent: string, fieldErrors: Record<string, { key: string }>, values: Record<string, string> = {}) => ({
  ok: false,
  formError: "common.errorSummary",
  fieldErrors,
  values: { intent, ...values },
});

describe("form rules from Zod schemas", () => {
  it("reads required and maxLength of each field, through preprocess, pipes, optional and nullable", () => {
    expect(formRules(signUpSchema)).toEqual({
      name: { required: true, maxLength: 100 },
      email: { required: true, maxLength: 254 },
      password: { required: true, maxLength: 200 },
    });
    expect(formRules(inviteMemberSchema)).toEqual({
      email: { required: true, maxLength: 254 },
      role: { required: true },
    });
    const activity = formRules(activityInputSchema);
    expect(activity.title).toEqual({ required: true, maxLength: 200 });
    expect(activity.description).toEqual({ required: true, maxLength: 5000 });
    expect(activity.howToJoin).toEqual({ maxLength: 2000 });
    expect(activity.title_en).toEqual({ maxLength: 200 });
    expect(activity.contactEmail).toEqual({ maxLength: 254 });
    expect(activity.registrationUrl).toEqual({ maxLength: 500 });
    expect(activity.contactPhone).toEqual({ maxLength: 30 });
    expect(activity.latitude).toBeUndefined();
  });
});

describe("PostForm", () => {
  it("adds the CSRF field and the intent, and gives fields required and maxLength from the schema", () => {
    const html = render(
      <PostForm intent="sign-up" schema={signUpSchema}>
        <TextField name="name" label="Name" />
        <TextField name="email" type="email" label="E-mail" />
        <TextareaField name="about" label="About" maxLength={50} />
      </PostForm>,
    );
    expect(html).toMatch(/<form [^>]*method="post"/);
    expect(html).toContain('<input type="hidden" name="_csrf" value="csrf-token-123"/>');
    expect(html).toContain('<input type="hidden" name="intent" value="sign-up"/>');
    expect(tag(html, "sign-up-name")).toContain('maxLength="100"');
    expect(tag(html, "sign-up-name")).toContain("required");
    expect(tag(html, "sign-up-email")).toContain('maxLength="254"');
    expect(tag(html, "sign-up-about")).toContain('maxLength="50"');
    expect(tag(html, "sign-up-about")).not.toContain("required");
    expect(html).toMatch(/<label class="ds-label" for="sign-up-name">Name<\/label>/);
  });

  it("takes rules a loader read from the schema as well as the schema itself", () => {
    const html = render(
      <PostForm intent="invite" schema={formRules(inviteMemberSchema)}>
        <TextField name="email" label="E-mail" />
        <SelectField name="role" label="Role" options={[{ value: "member", label: "Member" }]} />
      </PostForm>,
    );
    expect(tag(html, "invite-email")).toContain('maxLength="254"');
    expect(tag(html, "invite-role")).toContain("required");
  });

  it("shows its own failure: a summary whose entries link to the fields, each field marked with its message and posted value", () => {
    const actionData = failure(
      "invite",
      {
        email: { key: "validation.email" },
        "dates.2": { key: "activity.validation.dateTime" },
      },
      { email: "not-an-address" },
    );
    const html = render(
      <PostForm intent="invite" actionData={actionData}>
        <TextField name="email" label="E-mail" />
        <TextField name="dates" label="Date" />
      </PostForm>,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain(`<a href="#invite-email">${messages.nb["validation.email"]}</a>`);
    expect(html).toContain('<a href="#invite-dates">');
    const email = tag(html, "invite-email");
    expect(email).toContain('aria-invalid="true"');
    expect(email).toContain('aria-describedby="invite-email-error"');
    expect(email).toContain('value="not-an-address"');
    expect(tag(html, "invite-email-error")).toContain("ds-validation-message");
  });

  it("leaves another form's failure alone", () => {
    const html = render(
      <PostForm
        intent="invite"
        actionData={failure("leave", {
          confirm: { key: "org.members.error.confirmRequired" },
        })}
      >
        <TextField name="email" label="E-mail" />
      </PostForm>,
    );
    expect(html).not.toContain('role="alert"');
    expect(tag(html, "invite-email")).not.toContain("aria-invalid");
  });

  it("ticks posted-back choices and starts from given values otherwise", () => {
    const options = [
      { value: "a", label: "A" },
      { value: "b", label: "B" },
    ];
    const fresh = render(
      <PostForm id="f" values={{ pick: ["b"], ok: "on" }}>
        <ChoiceGroup name="pick" legend="Pick" type="checkbox" options={options} />
        <CheckboxField name="ok" label="OK" />
      </PostForm>,
    );
    expect(tag(fresh, "f-pick")).not.toContain("checked");
    expect(tag(fresh, "f-pick-b")).toContain("checked");
    expect(tag(fresh, "f-ok")).toContain("checked");
  });

  it("has a submit button that is enabled until its own form is sent", () => {
    const html = render(
      <PostForm intent="x">
        <FormActions>
          <SubmitButton>Send</SubmitButton>
        </FormActions>
      </PostForm>,
    );
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*>Send<\/button>/);
    expect(html).not.toMatch(/<button[^>]*disabled/);
  });
});

describe("a select in a table row", () => {
  it("keeps its label for screen readers only, without the field's frame, and takes its size", () => {
    const html = render(
      <PostForm intent="change-role" className="inline-form">
        <SelectField
          id="role-u-1"
          name="role"
          label="Role for Kari"
          hiddenLabel
          size="sm"
          options={[{ value: "admin", label: "Admin" }]}
          defaultValue="admin"
        />
      </PostForm>,
    );
    expect(html).toContain('<label class="visually-hidden" for="role-u-1">Role for Kari</label>');
    expect(html).not.toContain("ds-field");
    expect(tag(html, "role-u-1")).toContain('data-size="sm"');
  });
});

describe("DataTable", () => {
  const rows = [
    { id: "a", name: "Kari" },
    { id: "b", name: "Ola" },
  ];
  const table = (manage: boolean, shown = rows) =>
    render(
      <DataTable
        labelledBy="people-heading"
        rows={shown}
        rowKey={(r) => r.id}
        empty="Nobody yet."
        columns={[{ header: "Name", cell: (r) => r.name }, manage && { header: "Actions", cell: (r) => <a href={`?fjern=${r.id}`}>Remove</a> }]}
      />,
    );

  it("has one header per column and one cell per column and row, named by its heading", () => {
    const html = table(true);
    expect(html).toContain('aria-labelledby="people-heading"');
    expect(html.match(/<th[ >]/g)).toHaveLength(2);
    expect(html.match(/<td[ >]/g)).toHaveLength(4);
    expect(html).toContain('href="?fjern=b"');
  });

  it("leaves out a column given as false, header and cells alike", () => {
    const html = table(false);
    expect(html.match(/<th[ >]/g)).toHaveLength(1);
    expect(html.match(/<td[ >]/g)).toHaveLength(2);
    expect(html).not.toContain("Actions");
  });

  it("says there is nothing instead of an empty table", () => {
    const html = table(true, []);
    expect(html).toContain("Nobody yet.");
    expect(html).not.toContain("<table");
  });
});

describe("ConfirmStep", () => {
  const step = (actionData: unknown) =>
    render(
      <ConfirmStep
        id="remove"
        intent="remove"
        actionData={actionData}
        heading="Remove Kari?"
        text="Kari loses access."
        hidden={{ userId: "u-1" }}
        action="/organisasjoner/o/medlemmer?fjern=u-1"
        confirmLabel="Yes, remove Kari"
        submitLabel="Remove"
        cancelTo="/organisasjoner/o/medlemmer"
      />,
    );

  it("is a POST form with the CSRF field, the intent, its hidden fields, a box to tick, a danger button and a way back", () => {
    const html = step(undefined);
    expect(html).toContain('aria-labelledby="remove-heading"');
    expect(html).toContain('action="/organisasjoner/o/medlemmer?fjern=u-1"');
    expect(html).toContain('name="_csrf" value="csrf-token-123"');
    expect(html).toContain('<input type="hidden" name="intent" value="remove"/>');
    expect(html).toContain('<input type="hidden" name="userId" value="u-1"/>');
    expect(tag(html, "remove-confirm")).toContain('type="checkbox"');
    expect(tag(html, "remove-confirm")).toContain('name="confirm"');
    expect(html).toMatch(/<button[^>]*data-color="danger"[^>]*>Remove<\/button>/);
    expect(html).toContain('href="/organisasjoner/o/medlemmer"');
    expect(html).not.toContain('role="alert"');
  });

  it("comes back with the message on the box when it was posted unticked", () => {
    const html = step(
      failure("remove", {
        confirm: { key: "org.members.error.confirmRequired" },
      }),
    );
    expect(html).toContain('<a href="#remove-confirm">');
    expect(tag(html, "remove-confirm")).toContain('aria-invalid="true"');
    expect(html).toContain(messages.nb["org.members.error.confirmRequired"]);
  });
});

describe("the activity form on the kit", () => {
  it("links its summary to fixed ids and takes each field's rule from activityInputSchema", () => {
    const html = render(
      <ActivityForm
        values={{ title: "Leksehjelp", title_ar: "مساعدة", dates: ["2026-05-01T10:00"] }}
        fieldErrors={{ latitude: { key: "activity.validation.outsideNorway" }, "dates.0": { key: "activity.validation.dateTime" } }}
        formError="common.errorSummary"
        rules={formRules(activityInputSchema)}
        ownMunicipalities={[{ number: "3403", name: "Hamar", countyName: "Innlandet" }]}
        allMunicipalities={[]}
        partnerOptions={[]}
        ownerId="o"
        similar={[]}
        checkSimilar={false}
        submitLabel="Lagre"
        cancelTo="/"
      />,
    );
    expect(html).toContain('<a href="#activity-latitude">');
    expect(html).toContain('<a href="#activity-dates">');
    expect(tag(html, "activity-latitude")).toContain('aria-invalid="true"');
    expect(tag(html, "activity-title")).toContain('maxLength="200"');
    expect(tag(html, "activity-title")).toContain("required");
    expect(tag(html, "activity-title")).toContain('value="Leksehjelp"');
    expect(tag(html, "activity-description")).toContain('maxLength="5000"');
    expect(tag(html, "activity-postalCode")).toContain('maxLength="4"');
    // One translation block per language: Arabic is written right to left.
    expect(tag(html, "activity-title_ar")).toContain('dir="rtl"');
    expect(tag(html, "activity-title_ar")).toContain('maxLength="200"');
    expect(tag(html, "activity-howToJoin_en")).toContain('maxLength="2000"');
    // The filled-in date and two spare inputs beyond the five the form always offers.
    expect(tag(html, "activity-dates")).toContain('value="2026-05-01T10:00"');
    expect(html).toContain('id="activity-dates-4"');
    expect(html).not.toContain('id="activity-dates-5"');
    expect(html).toContain('name="_csrf" value="csrf-token-123"');
  });
});

describe("the organisation form on the kit", () => {
  it("takes required and each length from organizationInputSchema, shows posted-back values and links its summary to the fields", () => {
    const form = (actionData: unknown) =>
      render(
        <OrganizationForm
          initial={{ name: "Hamar frivilligsentral", kind: "voluntary", municipalities: ["3403"], orgNumber: null }}
          actionData={actionData}
          rules={formRules(organizationInputSchema)}
          municipalities={[{ number: "3403", name: "Hamar", countyName: "Innlandet" }]}
          submitLabel="Lagre"
          cancelTo="/organisasjoner"
        />,
      );
    const html = form(undefined);
    const lengths = {
      name: 200,
      orgNumber: 20,
      description: 5000,
      website: 500,
      contactEmail: 254,
      contactPhone: 30,
      address: 300,
      postalCode: 4,
      postalPlace: 100,
    };
    for (const [name, max] of Object.entries(lengths)) expect(tag(html, `organization-${name}`)).toContain(`maxLength="${max}"`);
    for (const name of ["name", "kind", "municipalities"]) expect(tag(html, `organization-${name}`)).toContain("required");
    expect(tag(html, "organization-orgNumber")).not.toContain("required");
    expect(tag(html, "organization-name")).toContain('value="Hamar frivilligsentral"');
    expect(html).toMatch(/<option value="3403" selected="">/);
    expect(html).toContain('name="_csrf" value="csrf-token-123"');

    const failed = form({ ok: false, formError: "common.errorSummary", fieldErrors: { name: { key: "validation.required" } }, values: { name: "" } });
    expect(failed).toContain('<a href="#organization-name">');
    expect(tag(failed, "organization-name")).toContain('aria-invalid="true"');
    expect(tag(failed, "organization-name")).not.toContain("Hamar frivilligsentral");
  });
});
