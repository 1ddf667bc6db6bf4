/**
 * Just enough HTML reading for header checks: <meta> tags and <script> elements, by a tag
 * scanner rather than a DOM. Comments are skipped; attribute values may be quoted or bare.
 */
export interface HtmlTag {
  name: string;
  /** Attributes by lower-case name; a bare attribute maps to ''. */
  attributes: ReadonlyMap<string, string>;
}

const TAG = /<!--[\s\S]*?-->|<(meta|script)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** The <meta> and <script> start tags of a document, in order. */
export function htmlTags(html: string): HtmlTag[] {
  const tags: HtmlTag[] = [];
  for (const match of html.matchAll(TAG)) {
    if (!match[1]) continue;
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(ATTRIBUTE)) {
      const name = attribute[1]!.toLowerCase();
      if (!attributes.has(name)) attributes.set(name, decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''));
    }
    tags.push({ name: match[1].toLowerCase(), attributes });
  }
  return tags;
}

/** Policies a page sets in markup: <meta http-equiv="Content-Security-Policy"> and <meta name="referrer">. */
export function metaPolicies(html: string): { csp: string[]; referrer: string | undefined } {
  const csp: string[] = [];
  let referrer: string | undefined;
  for (const tag of htmlTags(html)) {
    if (tag.name !== 'meta') continue;
    const content = tag.attributes.get('content');
    const httpEquiv = tag.attributes.get('http-equiv')?.trim().toLowerCase();
    if (httpEquiv !== undefined && content !== undefined) {
      if (httpEquiv === 'content-security-policy' && content) csp.push(content);
    } else if (tag.attributes.get('name')?.trim().toLowerCase() === 'referrer' && content) {
      referrer = content;
    }
  }
  return { csp, referrer };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return ENTITIES[lower] ?? whole;
  });
}
