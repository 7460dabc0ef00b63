/**
 * /.well-known/security.txt (RFC 9116): where to report a vulnerability. The
 * contact is SECURITY_CONTACT; Expires is always about half a year ahead (the
 * file is generated, so it never goes stale on a running service).
 */
export function securityTxt(contact: string, publicUrl: string, now: Date): string {
  const expires = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 180));
  return [
    `Contact: ${contact}`,
    `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, "Z")}`,
    "Preferred-Languages: nb, nn, en",
    `Canonical: ${new URL("/.well-known/security.txt", publicUrl).href}`,
    "",
  ].join("\n");
}
