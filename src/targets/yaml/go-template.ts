import { CST, Lexer } from 'yaml';

/** `{{` not preceded by `$` (a GitHub Actions expression, `${{ … }}`, is plain YAML). */
const ACTION = /(?:^|[^$])\{\{/;

/** Markers the YAML lexer emits that are not in the source (document, flow end, scalar). */
const CONTROL = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/**
 * The line of the first Go template action (`{{ … }}`, as Helm, Traefik file rules and other
 * generators write them) that makes a file a template of YAML rather than YAML, whose meaning
 * is only known once rendered:
 * - an action in the structure: `app: {{ .Values.x }}`, `{{- if … }}` (YAML reads `{{` as a flow map in a flow map);
 * - an unquoted one-word value built by actions: `name: etcd-{{cell}}`, ``rule: Host(`{{env "HOST"}}`)``;
 * - a quoted value an action's own quotes cut short: `"https://{{env "HOST"}}"`.
 * Actions in prose (`description: Pod {{ $labels.pod }} is down`, in alerting rules), in
 * well-quoted or block scalars, in comments and GitHub Actions expressions (`${{ … }}`) are the data of a real file.
 */
export function goTemplateLine(text: string): number | undefined {
  if (!ACTION.test(text)) return undefined;
  let offset = 0;
  let previous: string | undefined;
  let blockScalar = false;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (scalarNext) {
      // The text of the scalar after its marker; a block scalar's content is never a template of YAML.
      scalarNext = false;
      if (!blockScalar && ACTION.test(token) && isOneWord(token)) return lineAt(text, offset + actionIndex(token));
      blockScalar = false;
    } else if (type === 'flow-map-start' && previous === 'flow-map-start') return lineAt(text, offset);
    else if (type === 'block-scalar-header') blockScalar = true;
    else if ((type === 'double-quoted-scalar' || type === 'single-quoted-scalar') && cutShort(token)) return lineAt(text, offset + actionIndex(token));
    else if (token === CST.SCALAR) scalarNext = true;
    if (token.length === 1 && CONTROL.has(token)) continue;
    previous = type ?? 'text';
    offset += token.length;
  }
  return undefined;
}

/** A value that, its actions aside, is one word: a name, a host, a number; not prose. */
function isOneWord(scalar: string): boolean {
  return !/\s/.test(scalar.replace(/\{\{.*?\}\}/gs, '').trim());
}

/** A quoted scalar ending inside an action: the action's own quote closed it. */
function cutShort(scalar: string): boolean {
  const last = scalar.lastIndexOf('{{');
  return last !== -1 && ACTION.test(scalar) && !scalar.includes('}}', last);
}

function actionIndex(token: string): number {
  const match = ACTION.exec(token);
  return match ? match.index + (match[0].length - 2) : 0;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
