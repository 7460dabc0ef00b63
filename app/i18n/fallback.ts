import common from "./nb/common.json";
import errors from "./nb/errors.json";

/**
 * The few messages the shell and error page need when the root loader did not
 * run (e.g. a request refused by the CSRF check in middleware). Only these go
 * into the browser bundle; pages get their full message set from the root loader.
 */
export const fallbackMessages: Record<string, string> = { ...common, ...errors };
