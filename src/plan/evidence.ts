/**
 * Where the evidence for an item's claim lives when no harden check reads it (yet): on the
 * hosts, in the live cluster, at a cloud provider, in backups, in the secrets' history, in
 * the monitoring, in the API's behaviour, in the application's code, or nowhere (a decision
 * or a document). `harden link` sets it on the items it cannot link; `verify` and `report`
 * group the items they cannot measure by it.
 */
export const EVIDENCE_KINDS = ['host', 'cluster', 'cloud-provider', 'backup', 'secret-rotation', 'monitoring', 'api-behaviour', 'application-code', 'decision'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** How `verify` and `report` name each kind in their summaries. */
export const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  host: 'host configuration',
  cluster: 'the live cluster',
  'cloud-provider': 'cloud provider settings',
  backup: 'backups',
  'secret-rotation': 'secret rotation',
  monitoring: 'monitoring',
  'api-behaviour': 'API behaviour',
  'application-code': 'application code',
  decision: 'decisions and documents',
};
