import { contextFor, expect, expectNoAxeViolations, noScriptContextFor, test } from "./support/fixtures.ts";
import { demoWorkshops } from "../../app/domain/demo/ids.ts";

/**
 * Planning a development workshop (issue 13, H1): a Hamar coordinator plans one without JavaScript, gets field
 * messages for bad input, and invites participants from three sectors; the hub's checklist tells who is missing.
 * Participants see their view of Hamar's demo workshop at phone width; Tønsberg's coordinator sees nothing of it.
 */

test.describe("planning a workshop", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(300_000);

  test("a Hamar coordinator plans a workshop and invites participants from three sectors, without JavaScript", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "coordinator_hamar");
    const page = await context.newPage();
    await page.goto("/verksteder");
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Planlegg et nytt verksted" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Nytt utviklingsverksted" })).toBeVisible();
    await expectNoAxeViolations(page);

    // Bad input: no title, no session, a video link that is not one: all their messages at once.
    await page.getByLabel("Videolenke").first().fill("javascript:alert(1)");
    await page.getByRole("button", { name: "Opprett verkstedet" }).click();
    await expect(page.getByText("Legg inn minst ett møte med dato og klokkeslett.").first()).toBeVisible();
    await expect(page.getByText("Skriv minst 3 tegn.").first()).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel("Tittel").fill("Flyktninger i arbeid – verksted våren 2027");
    await page.getByLabel("Formål").fill("Kommunen, frivillige og arbeidsgivere ser ansvarsområdene sine opp mot hverandre.");
    await page.getByLabel("Ansvarsfordeling").check();
    await page.getByLabel("Frivillige som en ubrukt ressurs").check();
    await page.getByLabel("Starter").first().fill("2027-03-12T09:00");
    await page.getByLabel("Videolenke").first().fill("");
    await page.getByLabel("Møtested").first().fill("Hamar rådhus");
    await page.getByRole("button", { name: "Opprett verkstedet" }).click();
    await expect(page).toHaveURL(/\/verksteder\/[0-9a-f-]{36}\?lagret=1/);
    await expect(page.getByText("Planen er lagret.")).toBeVisible();
    await expect(page.getByText(/Ingen er påmeldt fra: Kommunen, Frivillig sektor, Arbeidsgiver/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Legg i kalenderen" })).toHaveCount(1);
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Deltakere og invitasjoner" }).click();
    const byEmail = page.getByRole("region", { name: "Inviter med e-post" });
    await byEmail.getByLabel("Navn").fill("Eva");
    await byEmail.getByLabel("E-post").fill("ikke-en-adresse");
    await byEmail.getByRole("button", { name: "Send invitasjon" }).click();
    await expect(page.getByText("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.").first()).toBeVisible();
    await expectNoAxeViolations(page);

    const invitees = [
      { name: "Kari Kommune", email: "kari.kommune@hamar.example", sector: "Kommunen" },
      { name: "Frida Frivillig", email: "frida@frivillig.example", sector: "Frivillig sektor" },
      { name: "Arne Arbeidsgiver", email: "arne@bedrift.example", sector: "Arbeidsgiver" },
    ];
    for (const person of invitees) {
      const form = page.getByRole("region", { name: "Inviter med e-post" });
      await form.getByLabel("Navn").fill(person.name);
      await form.getByLabel("E-post").fill(person.email);
      await form.getByLabel("Sektor").selectOption({ label: person.sector });
      await form.getByRole("button", { name: "Send invitasjon" }).click();
      await expect(page.getByText("Invitasjonen er sendt.")).toBeVisible();
    }
    const list = page.getByRole("region", { name: "Invitert og påmeldt (3)" });
    for (const person of invitees) await expect(list.getByRole("row", { name: new RegExp(person.name) })).toContainText("Invitert");
    await expectNoAxeViolations(page);

    // Removing asks first.
    await list.getByRole("link", { name: "Fjern Arne Arbeidsgiver" }).click();
    await expect(page.getByRole("heading", { name: "Fjerne Arne Arbeidsgiver?" })).toBeVisible();
    await expectNoAxeViolations(page);
    await context.close();
  });

  test("participants see their view of Hamar's workshop on a phone; the registration link page answers an unknown link", async ({ browser }) => {
    const context = await contextFor(browser, "employer", { viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(`/verksteder/${demoWorkshops.hamar.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Hamar");
    await expect(page.getByRole("heading", { name: "Hvem mangler?" })).toBeVisible();
    await expect(page.getByText(/Kode for å bli med/)).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Deltakere og invitasjoner" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Hindringer" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/verksteder/pamelding/ugyldig-lenke-som-ikke-finnes");
    await expect(page.getByText(/Lenken virker ikke/)).toBeVisible();
    await expectNoAxeViolations(page);
    await context.close();

    const tonsberg = await contextFor(browser, "coordinator_tonsberg");
    const other = await tonsberg.newPage();
    const response = await other.goto(`/verksteder/${demoWorkshops.hamar.id}`);
    expect(response?.status()).toBe(404);
    await tonsberg.close();
  });
});
