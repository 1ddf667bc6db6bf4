/** Characters XML 1.0 cannot hold at all (controls but tab, CR, LF; lone surrogates; U+FFFE, U+FFFF): written as U+FFFD. */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Character data of an element, escaped as xmlbuilder2 escapes it (the library harden wrote JUnit with). */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>]/g, (char) => ENTITIES[char]!);
}

/** An attribute value for double quotes, escaped as xmlbuilder2 escapes it (line breaks and tabs kept). */
export function xmlAttribute(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/[&<>"]/g, (char) => ENTITIES[char]!);
}

/** ` name="value"` for each attribute, in order. */
export function xmlAttributes(attributes: Record<string, string>): string {
  let text = '';
  for (const [name, value] of Object.entries(attributes)) text += ` ${name}="${xmlAttribute(value)}"`;
  return text;
}
