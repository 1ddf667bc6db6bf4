import { datastoreOfImage, datastoreOfPort } from '../../targets/datastores.js';
import { podTemplateIndex } from '../../targets/k8s/pod-templates.js';
import { parseMapSelector, UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { externalExposure, serviceOf } from '../../targets/k8s/services.js';
import { DATASTORE_EXPOSED_NAMES, DATASTORE_EXPOSED_UNLESS } from '../../targets/net/claims.js';
import { asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/*
 * A datastore is recognised by the image of a pod the Service selects (postgres, redis, mongo, ...;
 * namespaces match when equal or when either is unset) or, failing that, by a well-known port among
 * the Service's port / targetPort numbers. Internal load balancers (cloud annotations) and load
 * balancers restricted by loadBalancerSourceRanges are not external.
 */
export const serviceExposesDatastore = defineCheck({
  id: 'k8s/service-exposes-datastore',
  title: 'Datastores are not exposed outside the cluster by a NodePort or LoadBalancer Service',
  severity: 'high',
  target: 'k8s-object',
  kinds: ['Service'],
  why:
    'A NodePort Service listens on every node address, a LoadBalancer Service on a public address. Databases, caches ' +
    'and queues (PostgreSQL, Redis, MongoDB, Elasticsearch, ...) are built to be reached by their own applications, ' +
    'often run without authentication or with default credentials, and are found by internet-wide scanners within ' +
    'hours: an exposed Redis is read, flushed or turned into a file write on the host (CONFIG SET dir).',
  fix: [
    'Keep the datastore cluster-internal and reach it through the Service name from the application pods:',
    '',
    '    spec:',
    '      type: ClusterIP',
    '',
    'Administrators connect with `kubectl port-forward svc/redis 6379` or through a VPN; if a load balancer is truly',
    'needed, make it internal and set loadBalancerSourceRanges to the client networks.',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: [
    'NSA/CISA Kubernetes Hardening Guide: network separation, limit exposed services',
    'CIS Kubernetes Benchmark 5.3 (network policies and CNI): minimise external exposure',
    'OWASP Kubernetes Top 10 K07: missing network segmentation controls',
    'kube-linter exposed-services',
  ],
  messages: {
    datastoreImage: 'Service "{service}" ({type}) exposes {workload}, which runs {store}, outside the cluster',
    datastorePort: 'Service "{service}" ({type}) exposes {store} port {port} outside the cluster',
  },
  claims: [
    {
      about: 'datastores not exposed outside the cluster',
      names: [
        ...DATASTORE_EXPOSED_NAMES,
        ['NodePort', 'database*'],
        ['NodePort', 'datastore*'],
        ['NodePort', 'Redis'],
        ['NodePort', 'Postgre*'],
        ['LoadBalancer', 'database*'],
        ['LoadBalancer', 'datastore*'],
        ['LoadBalancer', 'Redis'],
        ['LoadBalancer', 'Postgre*'],
      ],
      unless: DATASTORE_EXPOSED_UNLESS,
    },
  ],
  evaluate(object, ctx) {
    const service = serviceOf(object);
    if (!service) return ctx.notApplicable();
    const exposure = externalExposure(service);
    if (!exposure) return;
    const at = object.at('spec.type');
    if (service.selector) {
      for (const template of ctx.shared(podTemplateIndex).selectedBy(parseMapSelector(service.selector), object)) {
        for (const container of template.workload.containers) {
          const store = datastoreOfImage(asString(container.spec.image));
          if (store) return ctx.fail(at, 'datastoreImage', { service: object.name, type: exposure, workload: `${template.workload.kind}/${template.workload.name}`, store });
        }
      }
    }
    for (const port of service.ports) {
      for (const number of [port.port, typeof port.targetPort === 'number' ? port.targetPort : undefined]) {
        const store = number === undefined ? undefined : datastoreOfPort(number);
        if (store) return ctx.fail(at, 'datastorePort', { service: object.name, type: exposure, store, port: number! });
      }
    }
  },
});
