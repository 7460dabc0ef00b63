import { describe, expect, it } from "vitest";
import { MAX_QUERY_PARAMETERS, MAX_QUERY_VALUE_LENGTH, urlInputProblem } from "./url-input.ts";

const at = (pathAndQuery: string) => urlInputProblem(`http://localhost${pathAndQuery}`);

describe("urlInputProblem", () => {
  it("lets ordinary and odd-but-valid input through", () => {
    for (const url of [
      "/",
      "/aktiviteter?q=leksehjelp&themes=homework_help&themes=language&days=2,4",
      "/aktiviteter?q=spr%C3%A5kkaf%C3%A9+p%C3%A5+T%C3%B8nsberg",
      "/organisasjoner?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&side=abc",
      "/organisasjoner?q=%27%3B+drop+table+users%3B+--",
      "/aktiviteter?q=%D9%85%D8%B1%D8%AD%D8%A8%D8%A7+%E2%80%AEevil+%F0%9F%91%A9%F0%9F%8F%BD%E2%80%8D%F0%9F%92%BB",
      "/aktiviteter/lignende?title=a%09b&description=linje+1%0D%0Alinje+2",
      "/aktiviteter?q=%EF%BF%BD%EF%BF%BF",
      "/aktiviteter?flag&=x&a==b",
      "/organisasjoner/00000000-0000-4000-8000-000000000101",
      "/kommuner/Troms%C3%B8",
      `/aktiviteter?q=${"a".repeat(MAX_QUERY_VALUE_LENGTH)}`,
    ]) {
      expect(at(url), url).toBeNull();
    }
  });

  it("refuses NUL and other C0 controls (not tab, line feed, carriage return) and DEL, in values, names and the path", () => {
    for (const url of [
      "/organisasjoner?q=a%00b",
      "/organisasjoner?q%00=a",
      "/admin/logg?handling=%07",
      "/aktiviteter?q=%1B%5B31m",
      "/aktiviteter?q=%7F",
      "/aktiviteter?q=%0B%0C",
      "/organisasjoner/%00",
      "/kommuner/34%0003/oversikt",
    ]) {
      expect(at(url), url).toBe("control");
    }
  });

  it("refuses malformed percent-encoding and bytes that are not UTF-8", () => {
    for (const url of [
      "/aktiviteter?q=%E0%A4%A",
      "/aktiviteter?q=%",
      "/aktiviteter?q=%zz",
      "/aktiviteter?%=1",
      "/aktiviteter?q=%ED%A0%80", // an encoded lone surrogate (CESU-8)
      "/aktiviteter?q=%C0%AE", // an overlong encoding of "."
      "/aktiviteter?q=%FF",
      "/aktiviteter?q=%F4%90%80%80", // beyond U+10FFFF
      "/organisasjoner/%E0%A4%A",
      "/%E0%A4%A",
    ]) {
      expect(at(url), url).toBe("malformed");
    }
  });

  it("refuses overlong values, too many parameters and overlong query strings", () => {
    expect(at(`/aktiviteter?q=${"a".repeat(MAX_QUERY_VALUE_LENGTH + 1)}`)).toBe("too_long");
    expect(at(`/aktiviteter?${"a".repeat(MAX_QUERY_VALUE_LENGTH + 1)}=1`)).toBe("too_long");
    // 1,500 characters, but over 8,192 as sent.
    expect(at(`/aktiviteter?q=${"%C3%A6".repeat(1500)}`)).toBe("too_long");
    expect(at(`/aktiviteter?${Array.from({ length: MAX_QUERY_PARAMETERS + 1 }, () => "t=1").join("&")}`)).toBe("too_long");
    // A control character is named before the length.
    expect(at(`/aktiviteter?q=${"a".repeat(MAX_QUERY_VALUE_LENGTH + 1)}&side=%00`)).toBe("control");
  });
});
