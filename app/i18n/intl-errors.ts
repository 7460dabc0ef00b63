/**
 * A missing or broken translation is a bug: it throws, so the test suite catches it.
 * Missing locale *data* is not: some browsers' Intl lacks "nn" and formats
 * numbers and dates with the bokmål fallback, which reads the same.
 * (Its own module so the browser bundle does not pull in every translation.)
 */
export function onIntlError(error: { code?: string; message: string }): void {
  if (error.code === "MISSING_DATA") return;
  throw new Error(`i18n: ${error.message}`);
}
