import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { memberships, organizationMunicipalities, organizations, roleGrants, users } from "~/db/schema/index.ts";
import type { OrganizationKind } from "~/domain/organizations/organizations.constants.ts";
import { loadActorForSession } from "~/domain/auth/session.server.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { sessions } from "~/db/schema/index.ts";
import type { UserActor, RoleScope } from "~/domain/auth/actor.ts";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createUser(overrides: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await getDb()
    .insert(users)
    .values({ email: `user-${unique()}@test.example`, name: "Test Person", emailVerifiedAt: new Date(), ...overrides })
    .returning();
  return user!;
}

export async function createOrganization(overrides: Partial<typeof organizations.$inferInsert> & { municipalities?: string[] } = {}) {
  const { municipalities = ["3403"], ...values } = overrides;
  const [org] = await getDb()
    .insert(organizations)
    .values({ name: `Test org ${unique()}`, kind: "voluntary" as OrganizationKind, ...values })
    .returning();
  if (municipalities.length) {
    await getDb()
      .insert(organizationMunicipalities)
      .values(municipalities.map((m) => ({ organizationId: org!.id, municipalityNumber: m })));
  }
  return org!;
}

/**
 * A signed-in actor as the app would build it from a session, with the given
 * roles and memberships written to the database first.
 */
export async function createActor(
  options: {
    roles?: (Omit<RoleScope, "municipalityNumber" | "countyNumber"> & Partial<RoleScope>[]) | Partial<RoleScope>[];
    memberships?: { organizationId: string; role: "member" | "admin" }[];
    user?: Partial<typeof users.$inferInsert>;
  } = {},
): Promise<UserActor> {
  const user = await createUser(options.user);
  const db = getDb();
  for (const role of (options.roles ?? []) as Partial<RoleScope>[]) {
    await db
      .insert(roleGrants)
      .values({ userId: user.id, role: role.role!, municipalityNumber: role.municipalityNumber ?? null, countyNumber: role.countyNumber ?? null });
  }
  for (const m of options.memberships ?? []) {
    await db.insert(memberships).values({ userId: user.id, ...m });
  }
  const sessionId = hashToken(randomToken());
  await db.insert(sessions).values({ id: sessionId, userId: user.id, method: "test", expiresAt: new Date(Date.now() + 3_600_000) });
  const actor = await loadActorForSession(sessionId, "127.0.0.1");
  if (actor.kind !== "user") throw new Error("test actor did not load");
  return actor;
}

export async function getUserByEmail(email: string) {
  const [user] = await getDb().select().from(users).where(eq(users.email, email));
  return user;
}
