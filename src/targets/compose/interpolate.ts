/** Variables a compose project interpolates from: its `.env` file (the shell's are unknown here). */
export type ComposeVariables = ReadonlyMap<string, string>;

export const NO_VARIABLES: ComposeVariables = new Map();

/**
 * Compose interpolation as far as the repository can tell: `${VAR}` and `$VAR` take the value
 * from `variables`; `${VAR:-default}` / `${VAR-default}` the default when VAR is unset (or empty,
 * with `:`); `${VAR:+alt}` / `${VAR+alt}` the alternative when it is set; `$$` is a literal `$`.
 * A variable that is not known (nor defaulted) is left as written: it is decided at `docker
 * compose up` and stays unknown to the checks.
 */
export function interpolate(text: string, variables: ComposeVariables): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1) return out + text.slice(i);
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const close = closingBrace(text, dollar + 2);
      if (close === -1) return out + text.slice(dollar);
      out += braced(text.slice(dollar + 2, close), text.slice(dollar, close + 1), variables);
      i = close + 1;
    } else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(dollar + 1))?.[0];
      if (name === undefined) {
        out += '$';
        i = dollar + 1;
      } else {
        out += variables.get(name) ?? `$${name}`;
        i = dollar + 1 + name.length;
      }
    }
  }
  return out;
}

/** Whether a value still holds a variable interpolation could not decide. */
export function hasUnknownVariable(text: string): boolean {
  return /\$\{[^}]*\}|\$[A-Za-z_]/.test(text.replace(/\$\$/g, ''));
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function braced(inner: string, written: string, variables: ComposeVariables): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+?])([\s\S]*))?$/.exec(inner);
  if (!match) return written;
  const [, name, colon, operator, operand] = match as unknown as [string, string, string | undefined, string | undefined, string | undefined];
  const value = variables.get(name);
  const set = colon ? value !== undefined && value !== '' : value !== undefined;
  switch (operator) {
    case undefined:
      return value ?? written;
    case '-':
      return set ? value! : interpolate(operand ?? '', variables);
    case '+':
      // Unset here may still be set by the shell: only a known value decides the alternative.
      return set ? interpolate(operand ?? '', variables) : value !== undefined ? '' : written;
    default:
      return set ? value! : written;
  }
}

/** A `.env` file as Compose reads it: `KEY=value` lines, `export ` prefixes, quotes, `#` comments. */
export function parseDotenv(text: string, inherited: ComposeVariables = NO_VARIABLES): Map<string, string> {
  const variables = new Map(inherited);
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*([\s\S]*)$/.exec(line);
    if (!match) continue;
    const [, name, rest] = match as unknown as [string, string, string];
    variables.set(name, dotenvValue(rest, variables));
  }
  return variables;
}

function dotenvValue(rest: string, variables: ComposeVariables): string {
  const quote = rest[0];
  if (quote === "'" || quote === '"') {
    const end = rest.indexOf(quote, 1);
    const body = end === -1 ? rest.slice(1) : rest.slice(1, end);
    return quote === "'" ? body : interpolate(body.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1'), variables);
  }
  return interpolate(rest.replace(/\s+#.*$/, '').trim(), variables);
}
