import { creatorKind, secretCreatorsIndex, secretReferencesOf, type SecretCreator } from '../../targets/k8s/secret-references.js';
import { fileLocation } from '../../targets/location.js';
import { defineCheck } from '../define.js';

export const secretNotCreated = defineCheck({
  id: 'k8s/secret-not-created',
  title: 'Every Secret a manifest references is created by the repository',
  severity: 'high',
  target: 'k8s-object',
  why:
    'A pod that names a Secret nobody creates does not start (CreateContainerConfigError for env, a volume that never ' +
    'mounts), an imagePullSecret that does not exist makes every pull from a private registry fail as soon as a node ' +
    'has not cached the image, and an Ingress or Traefik middleware whose TLS or basic-auth Secret is missing falls ' +
    'back to a default certificate or answers 503/500. These break late — on a fresh node, after a rename, on the next ' +
    'rollout — and the usual "fix" under pressure is to remove the protection. This check reads every creator the ' +
    'repository has (kind: Secret, SealedSecret, ExternalSecret, cert-manager Certificate, kustomize secretGenerator, ' +
    '`kubectl create secret` and `kind: Secret` here-documents in shell scripts) and reports references to anything else. ' +
    'References marked `optional: true` are left alone; a repository that creates no Secret at all is not checked.',
  fix: [
    'Make the names agree: either reference the Secret the repository creates, e.g.',
    '',
    '    imagePullSecrets:',
    '      - name: gitea-credentials   # the name scripts/02-setup-secrets.sh creates',
    '',
    'or create the missing one where the others are created, e.g. in the setup script:',
    '',
    '    kubectl -n "$NS" create secret generic admin-basic-auth --from-file=users="$WORK/users" \\',
    '      --dry-run=client -o yaml | kubectl apply -f -',
    '',
    'If it comes from outside the repository (an operator, a manual step), mark the reference `optional: true` only if the',
    'workload truly works without it, or waive this check with the reason.',
  ].join('\n'),
  refs: [
    'Kubernetes documentation, Secrets: "Using Secrets" (a pod referencing a missing Secret does not start unless optional)',
    'Kubernetes documentation, Pull an Image from a Private Registry (imagePullSecrets)',
    'Traefik documentation, Middleware BasicAuth (secret)',
    'kube-linter env-value-from (optional check; env references only), Monokle LNK001',
  ],
  messages: {
    notCreated: '{use} references Secret "{secret}", which no manifest or script in the repository creates',
    notCreatedSimilar: '{use} references Secret "{secret}", which nothing in the repository creates; the repository creates "{similar}" ({creator})',
  },
  claims: [
    {
      about: 'every referenced Secret is created',
      names: [
        ['Secret', 'never created'],
        ['Secret', 'not created'],
        ['Secret', 'does not exist'],
        ['Secret', 'name mismatch'],
        ['imagePullSecret*', 'missing'],
        ['imagePullSecret*', 'mismatch'],
        ['imagePullSecret*', 'not found'],
        ['imagePullSecret*', 'does not exist'],
        ['image pull secret*', 'missing'],
        ['image pull secret*', 'mismatch'],
        ['referenced', 'Secret*', 'missing'],
        'missing Secret',
        'CreateContainerConfigError',
      ],
    },
  ],
  evaluate(object, ctx) {
    const references = secretReferencesOf(object).filter((reference) => !reference.optional && !reference.keyOnly);
    if (references.length === 0) return ctx.notApplicable();
    const creators = ctx.shared(secretCreatorsIndex);
    if (!creators.any) return ctx.notApplicable();
    for (const reference of references) {
      if (creators.find(reference.secret, object, reference.namespaceNamed).length > 0) continue;
      const similar = similarCreator(reference.secret, reference.use === 'imagePullSecrets', creators.named(object, reference.namespaceNamed));
      const data = { use: reference.use, secret: reference.secret };
      if (similar)
        ctx.fail(object.at(reference.path), 'notCreatedSimilar', { ...data, similar: similar.name as string, creator: `${similar.file}:${similar.line}` }, {
          related: [{ at: fileLocation(similar.file, similar.line), message: `Secret "${similar.name as string}" is created here (${creatorKind(similar)})` }],
        });
      else ctx.fail(object.at(reference.path), 'notCreated', data);
    }
  },
});

/** A created Secret the reference probably meant: the only pull secret, or a name one or two edits away. */
function similarCreator(name: string, pullSecret: boolean, candidates: SecretCreator[]): SecretCreator | undefined {
  if (pullSecret) {
    const pull = candidates.filter((creator) => creator.keys !== 'unknown' && (creator.keys.has('.dockerconfigjson') || creator.keys.has('.dockercfg')));
    const names = new Set(pull.map((creator) => creator.name));
    if (names.size === 1) return pull[0];
  }
  return candidates.find((creator) => typeof creator.name === 'string' && editDistanceAtMost(name, creator.name, 2));
}

function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]! <= limit;
}
