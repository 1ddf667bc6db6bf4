/**
 * What a tracker table's columns mean, read from their header words. Trackers
 * name the same column many ways ("#", "ID", "Ref"; "Sev", "Priority"; ...).
 */

export type ColumnRole =
  | 'id'
  | 'severity'
  | 'title'
  | 'status'
  | 'owner'
  | 'due'
  | 'effort'
  | 'inRepo'
  | 'found'
  | 'refs'
  | 'tags'
  | 'stage'
  | 'notes'
  | 'closes'
  | 'theme'
  | 'anchor'
  | 'decision'
  | 'decidedBy'
  | 'decidedOn'
  | 'revisit'
  | 'acceptance';

const HEADER_WORDS: Record<ColumnRole, readonly string[]> = {
  id: ['#', 'id', 'ref', 'ref id', 'key', 'no', 'nr', 'number', 'item id', 'finding id', 'task id', 'risk id', 'ticket'],
  severity: ['sev', 'severity', 'priority', 'prio', 'pri', 'risk level', 'criticality', 'cvss severity'],
  title: [
    'finding', 'title', 'task', 'item', 'issue', 'summary', 'name', 'vulnerability', 'problem', 'gap', 'control',
    'risk', 'action', 'todo', 'to do', 'work item', 'description', 'what',
  ],
  status: ['status', 'state', 'progress', 'done', 'done?', 'complete', 'completed', 'fixed', 'fixed?', 'resolved'],
  owner: ['owner', 'assignee', 'assigned', 'assigned to', 'who', 'responsible', 'dri'],
  due: ['due', 'due date', 'deadline', 'target', 'target date', 'eta', 'by when', 'fix by'],
  effort: ['effort', 'estimate', 'est', 'size', 'time', 'cost estimate'],
  inRepo: ['in repo', 'in repo?', 'repo', 'repo?', 'in code', 'fixable in repo', 'code change'],
  found: ['found', 'reported', 'opened', 'discovered', 'date found', 'identified', 'raised'],
  refs: ['refs', 'references', 'reference', 'links', 'link', 'cve', 'cwe', 'pr', 'prs', 'see'],
  tags: ['tags', 'labels', 'category', 'area', 'domain', 'component', 'source', 'audit'],
  stage: ['stage', 'phase', 'sprint', 'milestone', 'wave'],
  notes: ['notes', 'note', 'comment', 'comments', 'details', 'remarks', 'context'],
  closes: ['also closes', 'closes', 'closes items', 'covers', 'members', 'items closed', 'fixes', 'related items', 'resolves'],
  theme: ['theme', 'work package', 'consolidated item', 'fix'],
  anchor: ['anchor', 'approach', 'how', 'where', 'plan'],
  decision: ['decision', 'rationale', 'reason', 'justification', 'why', 'compensating control', 'mitigation'],
  decidedBy: ['accepted by', 'decided by', 'approved by', 'approver', 'signed off by', 'by'],
  decidedOn: ['date', 'accepted on', 'decided on', 'decided', 'accepted', 'approved on', 'on'],
  acceptance: ['acceptance', 'acceptance type', 'treatment', 'disposition'],
  revisit: ['revisit', 'revisit by', 'review', 'review by', 'review date', 'next review', 'expires', 'expiry', 're-review'],
};

const ROLE_BY_WORD = new Map<string, ColumnRole>(
  (Object.entries(HEADER_WORDS) as [ColumnRole, readonly string[]][]).flatMap(([role, words]) =>
    words.map((word) => [word, role] as const),
  ),
);

/** "In-repo?" → "in repo?", "**Sev.**" → "sev". */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[-_/]+/g, ' ')
    .replace(/[^\p{L}\p{N}#? ]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function roleOfHeader(header: string): ColumnRole | undefined {
  const word = normalizeHeader(header);
  return ROLE_BY_WORD.get(word) ?? ROLE_BY_WORD.get(word.replace(/\?$/, ''));
}

/** Column index by role; the first column wins when two share a role. */
export type ColumnMap = Partial<Record<ColumnRole, number>>;

export function mapColumns(headers: readonly string[]): ColumnMap {
  const columns: ColumnMap = {};
  headers.forEach((header, index) => {
    const role = roleOfHeader(header);
    if (role && columns[role] === undefined) columns[role] = index;
  });
  // A "Description" next to a real title column holds notes.
  const description = columns.title;
  if (description !== undefined && normalizeHeader(headers[description] ?? '') === 'description') {
    const betterTitle = headers.findIndex((h, i) => i !== description && roleOfHeader(h) === 'title');
    if (betterTitle >= 0) {
      columns.title = betterTitle;
      columns.notes ??= description;
    }
  }
  return columns;
}

export type TableKind = 'tracker' | 'theme' | 'accepted-risk';

/**
 * Which kind of table this is, from its columns and the heading it sits under;
 * undefined for tables that are not part of a tracker (costs, triggers, ...).
 */
export function tableKind(columns: ColumnMap, headingText: string): TableKind | undefined {
  const titleColumn = columns.title ?? columns.theme;
  if (columns.closes !== undefined && titleColumn !== undefined) return 'theme';
  const underAcceptedHeading = /\baccept|\bwaive|risk register|\bwon'?t fix/i.test(headingText);
  const hasDecisionColumns = columns.decidedBy !== undefined || columns.revisit !== undefined;
  if (columns.title !== undefined && columns.status === undefined && (underAcceptedHeading || hasDecisionColumns)) {
    if (columns.decision !== undefined || hasDecisionColumns) return 'accepted-risk';
  }
  if (columns.title !== undefined && (columns.id !== undefined || columns.status !== undefined || columns.severity !== undefined))
    return 'tracker';
  return undefined;
}

/** Words a title column header uses for roadmap work rather than findings. */
export function titleHeaderMeansTask(header: string): boolean {
  return ['task', 'action', 'todo', 'to do', 'work item'].includes(normalizeHeader(header));
}
