import common from "./nb/common.json";
import errors from "./nb/errors.json";
import competence from "./nb/competence.json";

/**
 * The few messages the shell and error page need when the root loader did not
 * run (e.g. a request refused by the CSRF check in middleware). Only these go
 * into the browser bundle; pages get their full message set from the root loader.
 */
// The site navigation's link to the competence centre is in the shell too (app/root.tsx): without it a refused
// action (a 403 from a form post, where the root loader does not run) rendered as a 500.
export const fallbackMessages: Record<string, string> = { ...common, ...errors, "competence.nav": competence["competence.nav"] };
