import express from "express";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { ServerBuild } from "react-router";
import { measureRequests, metricsEndpoint, routeLabel } from "../../server/metrics.server.ts";

/** /metrics answers a Prometheus server elsewhere only with the token; requests are labelled by route id, never by raw path. */

async function serve(app: express.Express): Promise<{ url: string; close: () => void }> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const build = {
  routes: {
    root: { id: "root", path: "" },
    "routes/home": { id: "routes/home", parentId: "root", index: true },
    "routes/needs/detail": { id: "routes/needs/detail", parentId: "root", path: "behov/:id" },
    "routes/not-found": { id: "routes/not-found", parentId: "root", path: "*" },
  },
} as unknown as ServerBuild;

describe("metrics", () => {
  it("labels a request by its route id: ids and tokens in the path never become label values", async () => {
    measureRequests(async () => build);
    await new Promise((r) => setTimeout(r, 0));
    expect(routeLabel("/")).toBe("routes/home");
    expect(routeLabel("/behov/00000000-0000-4000-8000-00000000f101")).toBe("routes/needs/detail");
    expect(routeLabel("/behov/00000000-0000-4000-8000-00000000f101.data")).toBe("routes/needs/detail");
    expect(routeLabel("/frivillig/mine/Zq0u3xk1dJ7aYc5TQmR8pL2vWn6sE9hGfB4oNiKyMtA")).toBe("routes/not-found");
    expect(routeLabel("/assets/app-abc123.js")).toBe("static");
  });

  it("with a token, answers a bearer of it even through a proxy, and nobody else from there", async () => {
    const token = "t".repeat(32);
    const app = express();
    app.get("/metrics", metricsEndpoint(token));
    const { url, close } = await serve(app);
    try {
      const proxied = { "x-forwarded-for": "203.0.113.9" };
      expect((await fetch(`${url}/metrics`, { headers: proxied })).status).toBe(404);
      expect((await fetch(`${url}/metrics`, { headers: { ...proxied, authorization: `Bearer ${"x".repeat(32)}` } })).status).toBe(404);
      const ok = await fetch(`${url}/metrics`, { headers: { ...proxied, authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("samspill_http_requests_total");
      // From this machine, not through a proxy: no token needed.
      expect((await fetch(`${url}/metrics`)).status).toBe(200);
    } finally {
      close();
    }
  });
});
