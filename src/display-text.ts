/**
 * Characters a terminal obeys rather than shows, or that change how the text around them reads:
 * C0 controls (ESC starts the sequences that clear the screen, retitle the window, move the
 * cursor; CR and BS overwrite what was written), DEL, C1 controls (U+009B is a one-character
 * CSI for some terminals), line and paragraph separators, and the invisible bidirectional
 * overrides and isolates ("Trojan Source").
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text from outside harden (file names, manifest values, plan titles, response bodies, error
 * messages) as a person may be shown it on one line: every control character written as an
 * escape (`\x1b`, `\n`, `\u202e`), seen and never obeyed. Every human-facing writer uses it
 * (terminal reports, Markdown, CLI messages, monitor status); JSON and SARIF keep the raw text.
 */
export function displayText(text: string): string {
  return text.replace(CONTROL, escape);
}

/** The same for text shown over several lines: line feeds are kept, every other control escaped. */
export function displayLines(text: string): string {
  return text.replace(CONTROL_BUT_NEWLINE, escape);
}

/** JSON text with the controls JSON.stringify leaves raw (DEL, C1, separators, bidi) as \u escapes: still the same JSON value. */
export function escapeJsonControls(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
