import { data } from "react-router";
import { z } from "zod";
import type { UiLocale } from "~/i18n/config.ts";
import { translateDynamic } from "~/i18n/translate.ts";
import { refusalShellFor } from "./refusal-shell.server.ts";
import { parseInput } from "./validation.ts";
import { formAction, getPageLocale } from "./route.server.ts";

/**
 * One dispatcher for actions with several forms on a page. Each form sends
 * a hidden `intent`; the route lists its intents, each naming the Zod schema
 * its form must satisfy and the domain call it makes. An intent the route
 * does not list (or none at all) is refused with a 400 and a message in the
 * visitor's language — never taken for one of the listed ones, so a stale or
 * forged form cannot set off an action nobody asked for.
 */

export interface Intent<S extends z.ZodType = z.ZodType, R = unknown> {
  /** What the form sends for this intent; a failure is a validation error (the form re-renders with it under formAction). */
  schema: S;
  /** The domain call, with the parsed input. */
  run: (input: z.output<S>) => R | Promise<R>;
}

/** Declares one intent, so `run`'s input is typed by its schema. */
export function intent<S extends z.ZodType, R>(schema: S, run: (input: z.output<S>) => R | Promise<R>): Intent<S, R> {
  return { schema, run };
}

/**
 * The schema of an intent whose domain call validates the form itself, after
 * its own permission check (a refusal then comes before any field message,
 * as it did before the dispatcher): the fields as they came.
 */
export const formFields = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The schema of an intent whose form sends nothing but the intent (and the CSRF token). */
export const noFields = z.object({});

// `any` only in the constraint: each entry keeps its own schema and result type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type IntentTable = Record<string, Intent<any, any>>;
type ResultOf<T extends IntentTable> = { [K in keyof T]: Awaited<ReturnType<T[K]["run"]>> }[keyof T];

/** The name of the intent field every multi-form action reads. */
export const INTENT_FIELD = "intent";

/**
 * The 400 for an intent the route does not know. It is thrown past the
 * route, so the root error page shows it before the root loader has run:
 * like the middleware's refusals, it carries the page's language and the
 * shell's messages (app/lib/refusal-shell.ts), and the message itself for
 * clients that read the data.
 */
export function unknownIntentResponse(locale: UiLocale) {
  const messageKey = "errors.unknownIntent";
  return data({ code: "unknown_intent", messageKey, message: translateDynamic(locale, messageKey), shell: refusalShellFor(locale) }, { status: 400 });
}

/** The intent a form asked for, if the route lists it. */
export function intentOf<T extends IntentTable>(values: Record<string, unknown>, intents: T): (keyof T & string) | null {
  const name = values[INTENT_FIELD];
  return typeof name === "string" && Object.hasOwn(intents, name) ? name : null;
}

/**
 * Runs the intent the form asked for: parses its schema (a validation
 * AppError on failure) and makes its domain call. Throws the 400 of
 * unknownIntentResponse for an intent the table does not list. Wrap it in
 * formAction (or guard) as the route already does for a single form.
 */
export async function runIntent<T extends IntentTable>(values: Record<string, unknown>, intents: T, locale: UiLocale): Promise<ResultOf<T>> {
  const name = intentOf(values, intents);
  if (name === null) throw unknownIntentResponse(locale);
  const chosen = intents[name]!;
  return (await chosen.run(parseInput(chosen.schema, values))) as ResultOf<T>;
}

/**
 * A page's action with several forms: runs the intent the form asked for
 * under formAction, so errors a user can fix re-render that form with its
 * message and input, and an unknown intent is the 400 above.
 */
export function intentAction<T extends IntentTable>(
  request: Request,
  context: Parameters<typeof getPageLocale>[0],
  values: Record<string, unknown>,
  intents: T,
): ReturnType<typeof formAction<ResultOf<T>>> {
  return formAction(request, values, () => runIntent(values, intents, getPageLocale(context)));
}
