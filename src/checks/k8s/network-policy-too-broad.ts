import { datastoreOfImage } from '../../targets/datastores.js';
import { networkPolicyOf } from '../../targets/k8s/network-policies.js';
import { podTemplateIndex } from '../../targets/k8s/pod-templates.js';
import { UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { asArray, asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** IPv4 private ranges: a block this wide inside them is a whole pod, service or node network. */
const PRIVATE_V4 = [/^10\./, /^172\.(1[6-9]|2\d|3[01])\./, /^192\.168\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./];
const WIDE_PREFIX = 16;

/*
 * Ingress rules only (open egress is k8s/namespace-default-deny-egress). A peer is too broad when
 * it is `namespaceSelector: {}` without a pod restriction (every pod of the cluster), an ipBlock of
 * a private range /16 or wider (a whole pod or node network), or, for a policy whose pods run a
 * datastore image, `podSelector: {}` (every pod of the namespace may reach the database) or a rule
 * without `from` (every source at all).
 */
export const networkPolicyTooBroad = defineCheck({
  id: 'k8s/network-policy-too-broad',
  title: 'NetworkPolicy ingress rules admit specific peers, not whole namespaces or networks',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['networking.k8s.io/NetworkPolicy'],
  why:
    'A NetworkPolicy is only as strong as its narrowest rule. `namespaceSelector: {}` admits every pod of every ' +
    'namespace; an ipBlock such as 10.42.0.0/16 is the whole pod network of the cluster; `podSelector: {}` in front ' +
    'of a database lets the web frontend, the metrics agent and any future workload of the namespace connect to it. ' +
    'Such a rule turns the policy back into "allow all" for an attacker who controls any of those pods.',
  fix: [
    'Name the clients by label (and namespace when they live elsewhere):',
    '',
    '    ingress:',
    '      - from:',
    '          - podSelector:',
    '              matchExpressions:',
    '                - { key: app.kubernetes.io/name, operator: In, values: [api, worker] }',
    '        ports: [{ protocol: TCP, port: 6379 }]',
    '',
    'For traffic from outside the pod network (a hostNetwork proxy), list the node addresses as /32 blocks.',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: ['NSA/CISA Kubernetes Hardening Guide: network policies, least privilege between pods', 'Kubernetes documentation: Network Policies (behavior of to and from selectors)'],
  messages: {
    allNamespaces: 'NetworkPolicy "{policy}" admits every pod of every namespace (namespaceSelector: any) in ingress rule {rule}',
    wideBlock: 'NetworkPolicy "{policy}" admits the whole network {cidr} in ingress rule {rule}',
    allPodsToDatastore: 'NetworkPolicy "{policy}" lets every pod of the namespace reach {store} ({workload}) in ingress rule {rule}',
    anySourceToDatastore: 'NetworkPolicy "{policy}" lets any source reach {store} ({workload}): ingress rule {rule} has no from',
  },
  claims: [
    {
      about: 'NetworkPolicies admit specific peers',
      names: [
        ['NetworkPolic*', 'too broad'],
        ['network polic*', 'too broad'],
        ['NetworkPolic*', 'overly'],
        ['network polic*', 'overly'],
        ['NetworkPolic*', 'permissive'],
        ['network polic*', 'permissive'],
        ['NetworkPolic*', 'allow all'],
        ['network polic*', 'allow all'],
        ['NetworkPolic*', 'tighten*'],
        ['network polic*', 'tighten*'],
        ['namespaceSelector', 'any'],
        ['namespaceSelector', 'empty'],
        ['ipBlock', 'wide'],
        ['ipBlock', 'pod CIDR'],
      ],
      messages: ['allNamespaces', 'wideBlock', 'allPodsToDatastore', 'anySourceToDatastore'],
    },
    {
      about: 'only named clients reach the datastore',
      names: [
        ['NetworkPolic*', 'database*'],
        ['network polic*', 'database*'],
        ['NetworkPolic*', 'datastore*'],
        ['network polic*', 'datastore*'],
        ['NetworkPolic*', 'Redis'],
        ['network polic*', 'Redis'],
        ['NetworkPolic*', 'Postgre*'],
        ['network polic*', 'Postgre*'],
      ],
      messages: ['allPodsToDatastore', 'anySourceToDatastore'],
    },
  ],
  evaluate(object, ctx) {
    const policy = networkPolicyOf(object);
    if (!policy || !policy.directions.has('Ingress')) return ctx.notApplicable();
    let datastore: { store: string; workload: string } | undefined | null = null;
    const datastoreTarget = () => {
      if (datastore !== null) return datastore;
      datastore = undefined;
      for (const template of ctx.shared(podTemplateIndex).selectedBy(policy.podSelector, policy.object)) {
        for (const container of template.workload.containers) {
          const store = datastoreOfImage(asString(container.spec.image));
          if (store) return (datastore = { store, workload: `${template.workload.kind}/${template.workload.name}` });
        }
      }
      return datastore;
    };
    asArray(asRecord(object.data.spec)?.ingress).forEach((item, r) => {
      const rule = asRecord(item);
      if (rule && asArray(rule.from).length === 0) {
        // No `from`: every source, in the cluster or not, on the rule's ports.
        const target = datastoreTarget();
        if (target) ctx.fail(object.at(['spec', 'ingress', r]), 'anySourceToDatastore', { policy: object.name, rule: r + 1, ...target });
        return;
      }
      asArray(rule?.from).forEach((raw, p) => {
        const peer = asRecord(raw);
        if (!peer) return;
        const data = { policy: object.name, rule: r + 1 };
        const path = ['spec', 'ingress', r, 'from', p];
        const namespaceSelector = asRecord(peer.namespaceSelector);
        const podSelector = asRecord(peer.podSelector);
        const ipBlock = asRecord(peer.ipBlock);
        if (namespaceSelector && isEmptySelector(namespaceSelector) && (!podSelector || isEmptySelector(podSelector))) {
          ctx.fail(object.at([...path, 'namespaceSelector']), 'allNamespaces', data);
        } else if (ipBlock) {
          const cidr = asString(ipBlock.cidr);
          if (cidr && isWidePrivate(cidr) && asArray(ipBlock.except).length === 0) ctx.fail(object.at([...path, 'ipBlock', 'cidr']), 'wideBlock', { ...data, cidr });
        } else if (!namespaceSelector && podSelector && isEmptySelector(podSelector)) {
          const target = datastoreTarget();
          if (target) ctx.fail(object.at([...path, 'podSelector']), 'allPodsToDatastore', { ...data, ...target });
        }
      });
    });
  },
});

function isEmptySelector(selector: Record<string, unknown>): boolean {
  return Object.keys(asRecord(selector.matchLabels) ?? {}).length === 0 && asArray(selector.matchExpressions).length === 0;
}

function isWidePrivate(cidr: string): boolean {
  const match = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(cidr.trim());
  if (!match) return false;
  return Number(match[2]) <= WIDE_PREFIX && PRIVATE_V4.some((range) => range.test(match[1]!));
}
