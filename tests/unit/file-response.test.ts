import { describe, expect, it } from "vitest";
import { calendarResponse, fileResponse, spreadsheetType } from "~/lib/file-response.server.ts";

const headersOf = (response: Response) => Object.fromEntries(response.headers.entries());

describe("file responses", () => {
  it("sends a download with its type, attachment name and cache rule", async () => {
    const response = fileResponse("a;b\n", { type: "csv", filename: "samspill-aktiviteter.csv", cacheControl: "private, no-store" });
    expect(headersOf(response)).toEqual({
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="samspill-aktiviteter.csv"',
      "cache-control": "private, no-store",
    });
    expect(await response.text()).toBe("a;b\n");
    expect(fileResponse("{}", { type: "json", filename: "x.json", cacheControl: "no-store" }).headers.get("Content-Type")).toBe(
      "application/json; charset=utf-8",
    );
    expect(fileResponse("", { type: "xlsx", filename: "x.xlsx", cacheControl: "no-store" }).headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
  });

  it("sends a calendar inline, to any origin, cached briefly unless told otherwise", () => {
    const file = { body: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", filename: "hamar.ics" };
    expect(headersOf(calendarResponse(file))).toEqual({
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'inline; filename="hamar.ics"',
      "cache-control": "private, max-age=900",
      "access-control-allow-origin": "*",
    });
    expect(calendarResponse(file, "private, no-store").headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("tells an .xlsx export from a CSV one by the URL", () => {
    expect(spreadsheetType(new URL("http://x/aktiviteter/eksport.xlsx?q=a"))).toBe("xlsx");
    expect(spreadsheetType(new URL("http://x/aktiviteter/eksport.csv"))).toBe("csv");
  });
});
