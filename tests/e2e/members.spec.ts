import { expect, expectNoAxeViolations, expectNoProblems, test, watchPage } from "./support/fixtures.ts";
import { ids } from "./route-manifest.ts";

/**
 * The members page, written from the page kit (DataTable, the kit's select, PostForm, ConfirmStep): an organisation's
 * admin invites someone and takes the invitation back through the confirm step, without JavaScript.
 */

const members = `/organisasjoner/${ids.hamarVolunteerCentre}/medlemmer`;

test("the admin invites an address and revokes it through the confirm step, without JavaScript", async ({ pageAs }) => {
  test.setTimeout(180_000);
  const page = await pageAs("org_admin", { javaScript: false });
  const problems = watchPage(page, { scriptsBlocked: true, ignoreHttpErrorConsole: true });
  const email = `members-kit-${Date.now()}@samspill.example`;
  await page.goto(members);

  // Each member row has its own role select, named for the member, and a button to change it.
  const table = page.getByRole("table", { name: "Medlemmer" });
  await expect(table.getByRole("columnheader", { name: "Handlinger" })).toBeVisible();
  await expect(table.getByLabel(/^Rolle for /).first()).toBeVisible();
  await expect(table.getByRole("button", { name: /^Endre rolle for / }).first()).toBeVisible();

  const invite = page.getByRole("region", { name: "Inviter et nytt medlem" });
  await invite.getByLabel("E-postadresse").fill(email);
  await invite.getByRole("button", { name: "Send invitasjon" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitasjonen er sendt til ${email}.`);
  const invitations = page.getByRole("table", { name: "Ventende invitasjoner" });
  await expect(invitations.getByRole("row", { name: new RegExp(email) })).toHaveCount(1);

  await invitations.getByRole("link", { name: `Trekk tilbake invitasjonen til ${email}` }).click();
  const step = page.getByRole("region", { name: `Trekke tilbake invitasjonen til ${email}?` });
  await step.getByRole("button", { name: "Trekk tilbake invitasjonen" }).click();
  await expect(page.getByText("Kryss av for å bekrefte.").first()).toBeVisible();
  await expectNoAxeViolations(page);

  const again = page.getByRole("region", { name: `Trekke tilbake invitasjonen til ${email}?` });
  await again.getByLabel(`Ja, trekk tilbake invitasjonen til ${email}`).check();
  await again.getByRole("button", { name: "Trekk tilbake invitasjonen" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitasjonen til ${email} er trukket tilbake.`);
  await expect(page.getByText(email, { exact: true })).toHaveCount(0);
  expectNoProblems(problems);
});
