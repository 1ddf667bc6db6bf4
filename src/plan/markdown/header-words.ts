/**
 * The words tracker tables use for their columns. A header written exactly as one of
 * HEADER_PHRASES has that role; any other header is scored word by word with HEADER_WORDS
 * ("Remediation status" is a status, "Control owner" an owner, "Date identified" when it
 * was found), its last word, the head of the phrase, counting most.
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
  | 'doneOn'
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
  | 'acceptance'
  /** Jira's "Resolution" beside its status: "Won't Do" and "Duplicate" close an issue without fixing it. */
  | 'resolution'
  /** A column harden writes itself and reads back as nothing: the register's "Measured". */
  | 'ignored';

export const HEADER_PHRASES: Record<ColumnRole, readonly string[]> = {
  id: [
    '#', 'id', 'ref', 'ref id', 'ref #', 'key', 'no', 'nr', 'number', 'item id', 'finding id', 'task id', 'risk id', 'ticket',
    'identifier', 'control id', 'control #', 'req id', 'requirement id', 'issue id', 'issue #', 'vuln id', 'finding #', 'item #',
  ],
  severity: [
    'sev', 'severity', 'priority', 'prio', 'pri', 'risk level', 'criticality', 'cvss severity', 'risk rating', 'rating',
    'urgency', 'importance', 'level', 'severity level', 'priority level',
  ],
  title: [
    'finding', 'title', 'task', 'item', 'issue', 'summary', 'name', 'vulnerability', 'problem', 'gap', 'control', 'risk',
    'action', 'todo', 'to do', 'work item', 'description', 'what', 'concern', 'topic', 'requirement', 'measure',
    'recommendation', 'observation', 'weakness', 'subject', 'objective', 'activity', 'deliverable', 'improvement',
    'safeguard', 'threat', 'question', 'story', 'goal', 'step', 'change', 'hardening item', 'security control',
  ],
  status: [
    'status', 'state', 'progress', 'done', 'done?', 'complete', 'completed', 'fixed', 'fixed?', 'resolved', 'current status',
    'compliance', 'compliant', 'compliant?', 'implemented', 'implemented?', 'met', 'met?', 'result', 'outcome',
  ],
  owner: [
    'owner', 'assignee', 'assigned', 'assigned to', 'who', 'responsible', 'dri', 'owners', 'assignees', 'lead', 'accountable',
    'team', 'owner(s)',
  ],
  due: ['due', 'due date', 'deadline', 'target', 'target date', 'eta', 'by when', 'fix by', 'due by', 'due on', 'when', 'sla'],
  effort: ['effort', 'estimate', 'est', 'size', 'time', 'cost estimate', 'points', 'story points', 'hours'],
  inRepo: ['in repo', 'in repo?', 'repo', 'repo?', 'in code', 'fixable in repo', 'code change'],
  found: ['found', 'reported', 'opened', 'discovered', 'date found', 'identified', 'raised', 'created', 'logged', 'detected'],
  doneOn: ['closed on', 'date closed', 'fixed on', 'date fixed', 'resolved on', 'date resolved', 'completed on', 'done on', 'completion date'],
  refs: ['refs', 'references', 'reference', 'links', 'link', 'cve', 'cwe', 'pr', 'prs', 'see', 'pull request', 'standard', 'framework'],
  tags: ['tags', 'labels', 'label', 'category', 'area', 'domain', 'component', 'source', 'audit', 'type', 'kind'],
  stage: ['stage', 'phase', 'sprint', 'milestone', 'wave', 'release', 'quarter'],
  notes: [
    'notes', 'note', 'comment', 'comments', 'details', 'remarks', 'context', 'evidence', 'remediation', 'verification',
    'verify', 'how to verify', 'location', 'affected', 'affected asset', 'affected assets', 'asset', 'assets', 'impact',
    'likelihood', 'probability', 'update', 'updates', 'latest update', 'next steps', 'explanation', 'steps',
  ],
  closes: ['also closes', 'closes', 'closes items', 'covers', 'members', 'items closed', 'fixes', 'related items', 'resolves'],
  theme: ['theme', 'work package', 'consolidated item', 'fix'],
  anchor: ['anchor', 'approach', 'how', 'where', 'plan'],
  decision: ['decision', 'rationale', 'reason', 'justification', 'why', 'compensating control', 'mitigation'],
  decidedBy: ['accepted by', 'decided by', 'approved by', 'approver', 'signed off by', 'by'],
  decidedOn: ['date', 'accepted on', 'decided on', 'decided', 'accepted', 'approved on', 'on'],
  acceptance: ['acceptance', 'acceptance type', 'treatment', 'disposition'],
  revisit: ['revisit', 'revisit by', 'review', 'review by', 'review date', 'next review', 'expires', 'expiry', 're-review'],
  resolution: ['resolution', 'resolved as', 'close reason', 'closed as'],
  ignored: ['measured', 'verdict'],
};

/** Scores ("CVSS 7.5"): the severity only when no column gives it in words. */
export const SCORE_HEADERS = ['cvss', 'cvss score', 'cvss v3', 'cvss v31', 'cvss v4', 'cvss base score', 'score', 'risk score', 'base score'];

/** Title words that name the item itself; a column of the others ("Description") is its notes when one of these is there. */
export const PRIMARY_TITLE_WORDS = new Set(
  HEADER_PHRASES.title.filter((word) => !['description', 'recommendation', 'summary', 'name', 'what'].includes(word)),
);

/** Single words and what they say about a column, with a weight. */
export const HEADER_WORDS: Record<string, Partial<Record<ColumnRole, number>>> = {
  id: { id: 3 }, ref: { id: 3 }, '#': { id: 3 }, no: { id: 2 }, nr: { id: 2 }, number: { id: 2 }, identifier: { id: 3 }, key: { id: 2 },
  status: { status: 3 }, state: { status: 3 }, progress: { status: 3 }, compliance: { status: 3 }, compliant: { status: 3 },
  implemented: { status: 2 }, resolution: { resolution: 3 },
  severity: { severity: 3 }, sev: { severity: 3 }, priority: { severity: 3 }, prio: { severity: 3 }, criticality: { severity: 3 },
  rating: { severity: 3 }, cvss: { severity: 3 }, urgency: { severity: 3 }, level: { severity: 1 },
  owner: { owner: 3 }, owners: { owner: 3 }, assignee: { owner: 3 }, assigned: { owner: 3 }, responsible: { owner: 3 },
  accountable: { owner: 3 }, dri: { owner: 3 },
  due: { due: 3 }, deadline: { due: 3 }, eta: { due: 3 }, target: { due: 2 },
  found: { found: 3 }, reported: { found: 3 }, opened: { found: 3 }, discovered: { found: 3 }, identified: { found: 3 },
  raised: { found: 3 }, detected: { found: 3 }, created: { found: 2 }, logged: { found: 2 },
  closed: { doneOn: 2, status: 1 }, fixed: { doneOn: 2, status: 1 }, resolved: { doneOn: 2, status: 1 }, completed: { doneOn: 2, status: 1 },
  date: { decidedOn: 1 }, on: { decidedOn: 1 }, day: { decidedOn: 1 },
  accepted: { decidedOn: 1, decidedBy: 1 }, approved: { decidedOn: 1, decidedBy: 1 }, decided: { decidedOn: 1 },
  effort: { effort: 3 }, estimate: { effort: 3 }, hours: { effort: 2 }, points: { effort: 2 },
  phase: { stage: 3 }, stage: { stage: 3 }, sprint: { stage: 3 }, milestone: { stage: 3 },
  notes: { notes: 3 }, note: { notes: 3 }, comment: { notes: 3 }, comments: { notes: 3 }, remarks: { notes: 3 }, details: { notes: 3 },
  evidence: { notes: 3 }, remediation: { notes: 2 }, recommended: { notes: 2 }, mitigation: { notes: 2 }, impact: { notes: 2 },
  verification: { notes: 3 }, verify: { notes: 3 }, affected: { notes: 3 }, asset: { notes: 2 }, assets: { notes: 2 },
  location: { notes: 3 }, steps: { notes: 2 }, fix: { notes: 2 }, how: { notes: 2 }, update: { notes: 2 }, reviewed: { notes: 2 },
  description: { title: 2, notes: 2 }, text: { title: 1 }, summary: { title: 2 }, title: { title: 3 }, name: { title: 2 },
  finding: { title: 3 }, issue: { title: 3 }, vulnerability: { title: 3 }, concern: { title: 3 }, topic: { title: 3 },
  requirement: { title: 3 }, measure: { title: 3 }, control: { title: 3 }, item: { title: 3 }, task: { title: 3 },
  risk: { title: 3 }, observation: { title: 3 }, weakness: { title: 3 }, gap: { title: 3 }, action: { title: 3 },
  objective: { title: 3 }, problem: { title: 3 }, threat: { title: 3 }, safeguard: { title: 3 }, recommendation: { title: 2, notes: 1 },
  reason: { decision: 3 }, rationale: { decision: 3 }, justification: { decision: 3 },
  tags: { tags: 3 }, labels: { tags: 3 }, category: { tags: 3 }, component: { tags: 3 }, area: { tags: 2 },
  references: { refs: 3 }, reference: { refs: 3 }, links: { refs: 3 }, cve: { refs: 3 }, cwe: { refs: 3 },
  revisit: { revisit: 3 }, expires: { revisit: 3 }, expiry: { revisit: 3 },
};

/** Words a title column header uses for roadmap work rather than findings. */
export const TASK_TITLE_WORDS = ['task', 'action', 'todo', 'to do', 'work item', 'activity', 'deliverable', 'step', 'story', 'change'];
