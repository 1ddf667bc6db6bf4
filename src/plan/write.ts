import { Document, isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';

/** What an import contributes to a plan: plain data in the plan's input shape. */
export interface PlanFragment {
  stages: { id: string; title?: string }[];
  themes: { id: string; title: string; closes: string[] }[];
  items: ({ id: string } & Record<string, unknown>)[];
}

/** Objects two items share (one decision for "L-14/L15") are written in full under each: no anchors or aliases. */
const PLAIN = { aliasDuplicateObjects: false } as const;

/** Fields an import owns: re-importing updates these and leaves the rest of an item (checks, notes) alone. */
const IMPORTED_FIELDS = ['title', 'kind', 'severity', 'stage', 'status', 'inRepo', 'owner', 'due', 'found', 'effort', 'acceptance', 'decision', 'source'];

export function newPlanText(fragment: PlanFragment, header: string): string {
  const doc = new Document({ version: 1, stages: fragment.stages, themes: fragment.themes, items: fragment.items.map(compact) }, PLAIN);
  doc.commentBefore = header;
  return doc.toString({ lineWidth: 120 });
}

/**
 * Merges imported stages, themes and items into an existing plan's text, keeping its
 * comments, targets, waivers and each item's checks. Items match by id.
 */
export function mergePlanText(existing: string, fragment: PlanFragment): { text: string; added: number; updated: number } {
  const doc: Document = parseDocument(existing);
  if (!isMap(doc.contents)) doc.contents = doc.createNode({});
  const root = doc.contents as YAMLMap;
  const seq = (key: string): YAMLSeq => {
    const node = root.get(key, true);
    if (isSeq(node)) return node;
    const created = doc.createNode([]) as YAMLSeq;
    root.set(key, created);
    return created;
  };
  const idsOf = (list: YAMLSeq) => new Map(list.items.flatMap((node) => (isMap(node) ? [[String(node.get('id')), node] as const] : [])));

  const stages = seq('stages');
  const stageIds = new Set(stages.items.map((node) => String(isMap(node) ? node.get('id') : (node as { value?: unknown }).value)));
  for (const stage of fragment.stages) if (!stageIds.has(stage.id)) stages.add(doc.createNode(stage, PLAIN));

  const themes = seq('themes');
  const themeIds = idsOf(themes);
  for (const theme of fragment.themes) if (!themeIds.has(theme.id)) themes.add(doc.createNode(theme, PLAIN));

  const items = seq('items');
  const itemIds = idsOf(items);
  let added = 0;
  let updated = 0;
  for (const item of fragment.items.map(compact)) {
    const node = itemIds.get(item.id);
    if (!node) {
      items.add(doc.createNode(item, PLAIN));
      added += 1;
      continue;
    }
    for (const field of IMPORTED_FIELDS) if (field in item) node.set(field, doc.createNode(item[field], PLAIN));
    updated += 1;
  }
  return { text: doc.toString({ lineWidth: 120 }), added, updated };
}

/** Drops empty lists and undefined fields so the written plan stays short. */
function compact<T extends Record<string, unknown>>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}
