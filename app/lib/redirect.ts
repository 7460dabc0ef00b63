/**
 * Only same-site paths are allowed as redirect targets, so a crafted
 * `?neste=https://evil.example` cannot send a user elsewhere after sign-in.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.length > 2000 || /[\u0000-\u001f]/.test(value)) return fallback;
  return value;
}
