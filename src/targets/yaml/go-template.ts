import { CST, Lexer } from 'yaml';

/** `{{` not preceded by `$` (a GitHub Actions expression, `${{ … }}`, is plain YAML). */
const ACTION = /(?:^|[^$])\{\{/;

/** Markers the YAML lexer emits that are not in the source (document, flow end, scalar). */
const CONTROL = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/**
 * The line of the first Go template action (`{{ … }}`, as Helm, Traefik file rules and other
 * generators write them) that stands in the YAML structure itself: a `{{` opening a value or a
 * line (`app: {{ .Values.x }}`, `{{- if … }}`), or inside an unquoted value (`name: etcd-{{cell}}`).
 * Such a file is a template of YAML, not YAML: what it means is only known once rendered.
 * Actions inside quoted or block scalars (`"{{ $labels.pod }}"` in alerting rules, Argo
 * parameters) and in comments are the data of a real file, and do not count; with `quoted too`
 * (for a file that does not parse), those in quoted scalars count: `"https://{{env "HOST"}}"`
 * is a template whose quotes break the YAML.
 */
export function goTemplateLine(text: string, where: 'structure' | 'quoted too' = 'structure'): number | undefined {
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
      if (!blockScalar && ACTION.test(token)) return lineAt(text, offset + (ACTION.exec(token)?.index ?? 0));
      blockScalar = false;
    } else if (type === 'flow-map-start' && previous === 'flow-map-start') return lineAt(text, offset);
    else if (type === 'block-scalar-header') blockScalar = true;
    else if (where === 'quoted too' && (type === 'double-quoted-scalar' || type === 'single-quoted-scalar') && ACTION.test(token))
      return lineAt(text, offset + (ACTION.exec(token)?.index ?? 0));
    else if (token === CST.SCALAR) scalarNext = true;
    if (token.length === 1 && CONTROL.has(token)) continue;
    previous = type ?? 'text';
    offset += token.length;
  }
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
