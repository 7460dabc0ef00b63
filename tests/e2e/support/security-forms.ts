/**
 * The POST forms a server-rendered page carries, read from its HTML, so the
 * security specs can send every form the app offers without listing them by
 * hand: the route manifest says which pages exist, the pages say which forms
 * they have and which fields those forms need.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { manifest, roles, type Role, type Sample } from "../route-manifest.ts";
import { signedInPreference } from "./crawl-plan.ts";

export interface ScrapedField {
  name: string;
  /** input type, or "textarea" / "select" / "button". */
  type: string;
  value: string;
  required: boolean;
  /** The field's maxlength, when it has one. */
  maxLength?: number;
  /** A checkbox or radio none of whose group was checked: sent as the group's choice. */
  unchecked?: boolean;
}

export interface ScrapedForm {
  /** Path and query the form posts to. */
  action: string;
  multipart: boolean;
  fields: ScrapedField[];
  /** The first named submit button's name and value (e.g. intent=create). */
  submit: { name: string; value: string } | null;
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of tag.matchAll(/([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*"([^"]*)")?/g)) {
    const name = match[1]!.toLowerCase();
    if (!(name in result)) result[name] = decode(match[2] ?? "");
  }
  return result;
}

/** The POST forms on the page at `pageUrl`, with their fields as the page fills them. */
export function postForms(html: string, pageUrl: string): ScrapedForm[] {
  const forms: ScrapedForm[] = [];
  const markup = html.replace(/<script\b[\s\S]*?<\/script>/gi, "");
  for (const match of markup.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const formAttrs = attributes(match[1]!);
    if ((formAttrs["method"] ?? "get").toLowerCase() !== "post") continue;
    const body = match[2]!;
    const fields: ScrapedField[] = [];
    let submit: ScrapedForm["submit"] = null;
    for (const input of body.matchAll(/<input\b([^>]*)>/gi)) {
      const a = attributes(input[1]!);
      if (!a["name"] || "disabled" in a) continue;
      const type = (a["type"] ?? "text").toLowerCase();
      if ((type === "checkbox" || type === "radio") && !("checked" in a)) {
        // The first option of a group stands for it when none is checked ("choose at least one theme").
        if (!fields.some((f) => f.name === a["name"]))
          fields.push({ name: a["name"], type, value: a["value"] ?? "on", required: "required" in a, unchecked: true });
        continue;
      }
      if (type === "checkbox" || type === "radio") {
        // A checked one replaces the stand-in of its group.
        const standIn = fields.findIndex((f) => f.name === a["name"] && f.unchecked);
        if (standIn >= 0) fields.splice(standIn, 1);
      }
      if (type === "file") continue;
      if (type === "submit") {
        if (!submit) submit = { name: a["name"], value: a["value"] ?? "" };
        continue;
      }
      fields.push({
        name: a["name"],
        type,
        value: a["value"] ?? "",
        required: "required" in a,
        maxLength: a["maxlength"] ? Number(a["maxlength"]) : undefined,
      });
    }
    for (const area of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const a = attributes(area[1]!);
      if (a["name"]) {
        fields.push({
          name: a["name"],
          type: "textarea",
          value: decode(area[2]!),
          required: "required" in a,
          maxLength: a["maxlength"] ? Number(a["maxlength"]) : undefined,
        });
      }
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const a = attributes(select[1]!);
      if (!a["name"]) continue;
      const options = [...select[2]!.matchAll(/<option\b([^>]*)>/gi)].map((o) => attributes(o[1]!));
      // The selected option, else (nothing or the "choose …" placeholder selected) the first real one.
      const chosen = options.find((o) => "selected" in o && (o["value"] ?? "") !== "") ?? options.find((o) => (o["value"] ?? "") !== "") ?? options[0];
      fields.push({ name: a["name"], type: "select", value: chosen?.["value"] ?? "", required: "required" in a });
    }
    for (const button of body.matchAll(/<button\b([^>]*)>/gi)) {
      const a = attributes(button[1]!);
      if (a["name"] && (a["type"] ?? "submit") === "submit" && !submit) submit = { name: a["name"], value: a["value"] ?? "" };
    }
    const action = formAttrs["action"]
      ? new URL(formAttrs["action"], new URL(pageUrl, "http://x")).pathname + new URL(formAttrs["action"], new URL(pageUrl, "http://x")).search
      : pageUrl;
    forms.push({ action, multipart: (formAttrs["enctype"] ?? "").includes("multipart"), fields, submit });
  }
  return forms;
}

/** The form's fields as a body, text fields (and those `fill` names) given `fill`'s value; the CSRF token replaced or dropped. */
export function formBody(form: ScrapedForm, fill: (field: ScrapedField) => string | undefined, csrf: string | null): Record<string, string> {
  const body: Record<string, string> = {};
  for (const field of form.fields) {
    if (field.name === "_csrf") continue;
    const filled = fill(field);
    if (field.name in body && filled === undefined) continue;
    body[field.name] = filled ?? field.value;
  }
  if (form.submit && !(form.submit.name in body)) body[form.submit.name] = form.submit.value;
  if (csrf !== null) body["_csrf"] = csrf;
  return body;
}

/** Route patterns (as manifest patterns) whose module exports an action, read from app/routes.ts. */
export function patternsWithActions(): string[] {
  const routes = readFileSync(path.resolve("app/routes.ts"), "utf8");
  const result: string[] = [];
  for (const match of routes.matchAll(/(?:route\("([^"]*)",\s*|index\()"([^"]+)"/g)) {
    const pattern = match[1] === undefined ? "/" : `/${match[1]}`;
    const source = readFileSync(path.resolve("app", match[2]!), "utf8");
    if (/export (?:async )?function action\b|export const action\b/.test(source) && !result.includes(pattern)) result.push(pattern);
  }
  return result;
}

/** The first sample of a pattern some role gets 200 for, with that role (anonymous first, then the most privileged). */
export function pageSampleFor(pattern: string): { sample: Sample; role: Role } | null {
  const entry = manifest.find((e) => e.pattern === pattern);
  for (const sample of entry?.samples ?? []) {
    const ok = roles.filter((role) => sample.expect[role] === 200);
    const role = ok.includes("anonymous") ? "anonymous" : signedInPreference.find((r) => ok.includes(r));
    if (role) return { sample, role };
  }
  return null;
}

/** Any sample URL of the pattern (for requests that never reach the route's own code). */
export function anySampleUrl(pattern: string): string | null {
  return manifest.find((e) => e.pattern === pattern)?.samples[0]?.url ?? null;
}
