import { manifestObjects } from './manifest-targets.js';
import { defineIndex, useIndex } from '../repo/shared-index.js';
import { asRecord } from '../yaml/read.js';
import type { K8sObject } from './objects.js';
import { podTemplateIndex, type PodTemplate, type PodTemplateIndex } from './pod-templates.js';
import { parseLabelSelector } from './selectors.js';
import type { K8sWorkload } from './workloads.js';

export function isPodDisruptionBudget(object: K8sObject): boolean {
  return object.kind === 'PodDisruptionBudget';
}

/**
 * The pod templates a PodDisruptionBudget selects where it is deployed (see ScopeIndex). An absent selector selects nothing; an empty one selects every pod (policy/v1).
 */
export function templatesOfBudget(budget: K8sObject, templates: PodTemplateIndex): PodTemplate[] {
  const selector = asRecord(budget.data.spec)?.selector;
  if (selector === undefined || selector === null) return [];
  return templates.selectedBy(parseLabelSelector(selector), budget);
}

export interface BudgetIndex {
  /** The PodDisruptionBudgets selecting the workload's pods. */
  budgetsOf(workload: K8sWorkload): readonly K8sObject[];
}

/** Which workloads some PodDisruptionBudget covers, built once by matching each budget against the pod templates. */
export const budgetIndex = defineIndex<BudgetIndex>('k8s/pod-disruption-budgets', (workspace) => {
  const templates = useIndex(workspace, podTemplateIndex);
  const byWorkload = new Map<K8sWorkload, K8sObject[]>();
  for (const object of manifestObjects(workspace)) {
    if (!isPodDisruptionBudget(object)) continue;
    for (const template of templatesOfBudget(object, templates)) {
      const list = byWorkload.get(template.workload);
      if (list) list.push(object);
      else byWorkload.set(template.workload, [object]);
    }
  }
  return { budgetsOf: (workload) => byWorkload.get(workload) ?? [] };
});
