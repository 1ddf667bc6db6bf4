/**
 * Text as the linker compares it: lower case, every run of characters other than letters and
 * digits one space, so `Strict-Transport-Security`, `strict transport security` and
 * `STRICT_TRANSPORT_SECURITY` read alike, and `runAsNonRoot` is the word `runasnonroot`.
 */
export function normalizeWords(text: string): string {
  return ` ${text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** A name of a claim, ready to look for in normalized text: each word whole, or a prefix for `word*`. */
export interface WordPattern {
  /** The name as written, for the link comment. */
  text: string;
  matches(normalized: string): boolean;
}

/**
 * A phrase: its words in sequence, each whole (`hsts` does not match `hstspreload`), a word
 * written `word*` matching any ending. A phrase that normalizes to nothing matches nothing.
 */
export function phrase(text: string): WordPattern {
  const source = prefixWords(text);
  if (source.length === 0) return { text, matches: () => false };
  const regex = new RegExp(` ${source.map((word) => (word.endsWith('*') ? `${escape(word.slice(0, -1))}[a-z0-9]*` : escape(word))).join(' ')} `);
  return { text, matches: (normalized) => regex.test(normalized) };
}

/** A list of names that must all occur, anywhere in the same text. */
export function allOf(texts: readonly string[]): WordPattern {
  const phrases = texts.map(phrase);
  return { text: texts.join(' + '), matches: (normalized) => phrases.every((p) => p.matches(normalized)) };
}

/** The words of a name, normalized, a trailing `*` kept on the words that had one. */
function prefixWords(text: string): string[] {
  return text
    .split(/\s+/)
    .flatMap((chunk) => {
      const star = chunk.endsWith('*');
      const words = normalizeWords(star ? chunk.slice(0, -1) : chunk).trim().split(' ').filter(Boolean);
      if (star && words.length > 0) words[words.length - 1] += '*';
      return words;
    });
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
