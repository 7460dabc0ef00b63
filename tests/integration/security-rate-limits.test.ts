import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { rateLimits } from "~/db/schema/index.ts";
import { requestMagicLink, requestPasswordReset, signInWithPassword } from "~/domain/auth/auth.server.ts";
import { mailPerAddress, mailPerAddressAndIp, signInPerIp } from "~/domain/auth/rate-limit.server.ts";
import { appErrorOf } from "../app-error.ts";

/**
 * The per-source and per-address limits the browser tests cannot reach (issue
 * 15, security): they share one source (127.0.0.1) with every other spec, so
 * exhausting a per-source limit there would lock the rest of the suite out.
 * Here each source is an address of its own.
 */

const meta = (ip: string) => ({ ip, userAgent: "vitest", locale: "nb" as const });

describe("per-source and per-address limits", () => {
  it("password spraying: one source failing across many accounts is stopped after the limit, while another source is not", async () => {
    const sprayer = meta("198.51.100.66");
    const guess = (i: number) => signInWithPassword({ email: `spray-${i}@example.no`, password: "guess guess 1" }, sprayer);
    // A different address each time, so no per-account delay applies: only the per-source limit can stop this.
    for (let i = 0; i < 3; i++) expect((await appErrorOf(guess(i))).code).toBe("validation");
    // The rest of the limit's failures, as if made (each real one costs a password hash).
    await getDb()
      .update(rateLimits)
      .set({ count: signInPerIp.limit - 1 })
      .where(eq(rateLimits.key, "signin:ip:198.51.100.66"));
    expect((await appErrorOf(guess(3))).code, "the last failure within the limit").toBe("validation");
    const stopped = await appErrorOf(signInWithPassword({ email: "spray-next@example.no", password: "guess guess 1" }, sprayer));
    expect(stopped.code).toBe("rate_limited");
    expect(stopped.messageKey).toBe("errors.rateLimited");
    // Someone else, on another network, still gets a normal answer.
    expect((await appErrorOf(signInWithPassword({ email: "spray-next@example.no", password: "guess guess 1" }, meta("203.0.113.77")))).code).toBe("validation");
  });

  it("e-mailed links: limited per address and source, and per address across sources, for unknown addresses as for known", async () => {
    for (const [label, send] of [
      ["magic link", requestMagicLink],
      ["password reset", requestPasswordReset],
    ] as const) {
      const email = `nobody-${label.replace(/\W/g, "")}@example.no`;
      const one = meta("192.0.2.10");
      for (let i = 0; i < mailPerAddressAndIp.limit; i++) await send({ email }, one);
      expect((await appErrorOf(send({ email }, one))).code, `${label}: same source`).toBe("rate_limited");
      // From other sources the address may still ask, up to the wider per-address cap (a refusal above is not counted).
      let counted = mailPerAddressAndIp.limit;
      let source = 20;
      while (counted < mailPerAddress.limit) {
        await send({ email }, meta(`192.0.2.${source++}`));
        counted++;
      }
      expect((await appErrorOf(send({ email }, meta(`192.0.2.${source}`)))).code, `${label}: per-address cap`).toBe("rate_limited");
    }
  });
});
