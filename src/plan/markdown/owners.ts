/**
 * Owners as trackers name them: an "Owner:" / "Assignee:" label, an "@handle" anywhere in a
 * line (the first one owns it), a cell of handles or names.
 */

/** An @handle that is not part of an e-mail address, a package or an image reference. */
const HANDLE = /(?<![\w.@/`-])@([A-Za-z0-9](?:[\w-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9][\w-]*)?)(?![\w@])/;
const HANDLES_IN_BRACKETS = /\(\s*@[\w/-]+(?:\s*[,&]?\s*@[\w/-]+)*\s*\)/;
const LABEL = /(?:^|[\s(,;—–-])\**(?:owner|owners|assignee|assigned to|assigned|dri|who)\**\s*[:=]\s*\**@?([\w.-]+(?:\/[\w-]+)?(?:\s+[A-Z][\w-]*)?)\**/i;

/** Code spans are left alone: `@types/node` and `image@sha256` are no owners. */
function outsideCode(text: string): string {
  return text.replace(/(`+)[^`]*?\1/g, (span) => ' '.repeat(span.length));
}

/**
 * The owner a line names, and the line without the words that only said so: "Rotate keys
 * (@alice)" → alice, "Rotate keys"; "Rotate keys — owner: bob" → bob, "Rotate keys"; "Ask @carol
 * to rotate the keys" → carol, the line as written (the handle is part of the sentence).
 */
export function ownerInText(text: string): { owner: string; rest: string } | undefined {
  const plain = outsideCode(text);
  const labelled = LABEL.exec(plain);
  const handle = HANDLE.exec(plain);
  if (labelled && (!handle || labelled.index <= handle.index)) {
    const start = labelled.index + (/^[\s(,;—–-]/.test(labelled[0]) ? 1 : 0);
    return { owner: labelled[1]!.trim(), rest: tidy(`${text.slice(0, start)} ${text.slice(labelled.index + labelled[0].length)}`) };
  }
  if (!handle) return undefined;
  const owner = handle[1]!;
  const group = HANDLES_IN_BRACKETS.exec(plain);
  if (group) return { owner, rest: tidy(`${text.slice(0, group.index)} ${text.slice(group.index + group[0].length)}`) };
  const before = text.slice(0, handle.index);
  const after = text.slice(handle.index + handle[0].length);
  const inBrackets = /\(\s*$/.test(before) && /^\s*[,)]/.test(after);
  const trailing = /^\s*(?:[—–-]\s|[.;,]?\s*$)/.test(after) || /(?:^|\s)(?:cc|by|[—–-])\s*$/i.test(before.trimEnd() + ' ');
  if (!inBrackets && !trailing) return { owner, rest: text };
  const cut = `${before.replace(/\s*(?:\(|\b(?:cc|by)\s*)$/i, '')} ${after.replace(/^\s*\)?/, '')}`;
  return { owner, rest: tidy(cut) };
}

/** A cell of an Owner column: "@alice", "@alice, @bob" (the first), "Dana (CTO)". */
export function ownerOfCell(text: string): string | undefined {
  const handle = HANDLE.exec(outsideCode(text));
  return handle ? handle[1] : text.trim() || undefined;
}

function tidy(text: string): string {
  return text
    .replace(/\(\s*\)/g, '')
    .replace(/[,;]\s*([—–-]\s)/g, ' $1')
    .replace(/\s+([,;.)])/g, '$1')
    .replace(/(\s[—–-])(\s+[—–-])+/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,;:—–-]+|[\s,;:—–-]+$/g, '')
    .trim();
}
