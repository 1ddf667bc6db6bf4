/** The shown part of a secret: its first 4 characters, then "…" (DESIGN Conventions: never print a secret in full). */
export function maskSecret(value: string): string {
  const shown = Array.from(value).slice(0, 4).join('');
  return `${shown}…`;
}

/** The password of a URL's userinfo (`scheme://user:password@host`), with its offset in `url`. */
export function urlPassword(url: string): { password: string; offset: number } | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]+)@/i.exec(url);
  if (!match) return undefined;
  const password = match[1]!;
  return { password, offset: match[0].length - 1 - password.length };
}

/** A URL with the password of its userinfo masked: `postgres://app:npg_…@db/app`. */
export function maskUrlPassword(url: string): string {
  const found = urlPassword(url);
  if (!found) return url;
  return url.slice(0, found.offset) + maskSecret(found.password) + url.slice(found.offset + found.password.length);
}

/**
 * A secret value as it may be shown: a URL keeps its scheme and host and masks
 * the rest (a webhook's secret is its path), anything else shows 4 characters.
 */
export function maskValue(value: string): string {
  const url = /^([a-z][a-z0-9+.-]*:\/\/[^/\s@]+\/)(.+)$/i.exec(value);
  if (url) return url[1]! + maskSecret(url[2]!);
  return maskSecret(value);
}
