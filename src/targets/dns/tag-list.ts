/**
 * The `tag=value; tag=value` syntax shared by DMARC (RFC 7489 §6.4), MTA-STS TXT
 * (RFC 8461 §3.1) and TLS-RPT (RFC 8460 §3): parsed once, validated by each format.
 */
export interface TagList {
  /** Tags in order of appearance, names lower-cased, values trimmed. */
  tags: { name: string; value: string }[];
  /** Syntax problems: an empty or `=`-less element, a duplicate tag. */
  errors: string[];
}

export function parseTagList(text: string): TagList {
  const tags: TagList['tags'] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const parts = text.split(';');
  parts.forEach((part, index) => {
    const element = part.trim();
    if (element === '') {
      // A trailing ";" is allowed; an empty element in the middle ("a=b;;c=d") is tolerated too.
      return;
    }
    const equals = element.indexOf('=');
    if (equals <= 0) {
      errors.push(`"${element}" is not tag=value (element ${index + 1})`);
      return;
    }
    const name = element.slice(0, equals).trim().toLowerCase();
    const value = element.slice(equals + 1).trim();
    if (!/^[a-z][a-z0-9_]*$/.test(name)) {
      errors.push(`"${name}" is not a valid tag name`);
      return;
    }
    if (seen.has(name)) errors.push(`tag "${name}" appears more than once`);
    seen.add(name);
    tags.push({ name, value });
  });
  return { tags, errors };
}

/** The first value of a tag, if present. */
export function tagValue(list: TagList, name: string): string | undefined {
  return list.tags.find((tag) => tag.name === name)?.value;
}
