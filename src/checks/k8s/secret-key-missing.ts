import { creatorKind, secretCreatorsIndex, secretReferencesOf, type SecretCreator } from '../../targets/k8s/secret-references.js';
import { fileLocation } from '../../targets/location.js';
import { defineCheck } from '../define.js';

const MAX_LISTED_KEYS = 8;

export const secretKeyMissing = defineCheck({
  id: 'k8s/secret-key-missing',
  title: 'Every Secret key a manifest reads is written by whatever creates the Secret',
  severity: 'high',
  target: 'k8s-object',
  why:
    'A secretKeyRef or a volume item naming a key the Secret does not have stops the pod from starting ' +
    '(CreateContainerConfigError), and with `optional: true` it is worse: the pod starts with the variable unset, the ' +
    'feature fails at run time (uploads, sign-in, payments), and an empty password can quietly become "no ' +
    'authentication". The key names live in two places — the manifest and the script or manifest that creates the ' +
    'Secret — and drift apart on every rename. This check compares them when the creator is in the repository and its ' +
    'keys are known (`--from-literal`, `--from-file=KEY=...`, data/stringData, SealedSecret encryptedData, ' +
    'ExternalSecret data); creators whose keys are decided at run time (`--from-env-file`, a directory) are trusted.',
  fix: [
    'Write the key where the Secret is created, and refuse to create the Secret without it:',
    '',
    '    : "${B2_APP_KEY:?B2_APP_KEY is required}"',
    '    kubectl -n "$NS" create secret generic honeydue-secrets \\',
    '      --from-file=B2_APP_KEY="$WORK/B2_APP_KEY" ... --dry-run=client -o yaml | kubectl apply -f -',
    '',
    'or correct the key name in the manifest. Do not paper over a missing key with `optional: true`.',
  ].join('\n'),
  refs: [
    'Kubernetes documentation, Secrets: "Optional Secrets" and "Using a Secret as environment variables"',
    'Kubernetes documentation, Projection of Secret keys to specific paths (items)',
  ],
  messages: {
    keyMissing: '{use} reads key "{key}" of Secret "{secret}", but {creator} writes only {keys}',
    optionalKeyMissing: {
      text: '{use} reads key "{key}" of Secret "{secret}" with optional: true, but {creator} writes only {keys}: the value is silently empty',
      severity: 'medium',
    },
  },
  claims: [
    {
      about: 'every Secret key read is written',
      names: [['secretKeyRef', 'missing'], ['secretKeyRef', 'mismatch'], ['secretKeyRef', 'optional'], ['Secret', 'keys', 'drift*'], ['Secret', 'key names', 'mismatch']],
    },
  ],
  evaluate(object, ctx) {
    const references = secretReferencesOf(object).filter((reference) => reference.key !== undefined && reference.keyPath);
    if (references.length === 0) return ctx.notApplicable();
    const creators = ctx.shared(secretCreatorsIndex);
    for (const reference of references) {
      const found = creators.find(reference.secret, object, reference.namespaceNamed);
      if (found.length === 0) continue;
      if (found.some((creator) => creator.keys === 'unknown' || creator.keys.has(reference.key!))) continue;
      const creator = found.map((entry) => `${entry.file}:${entry.line}`).join(', ');
      const related = found.map((entry) => {
        const keys = listed([entry]);
        return { at: fileLocation(entry.file, entry.line), message: `Secret "${reference.secret}" is created here (${creatorKind(entry)}), with ${keys === 'no keys' ? keys : `keys ${keys}`}` };
      });
      ctx.fail(
        object.at(reference.keyPath!),
        reference.optional ? 'optionalKeyMissing' : 'keyMissing',
        { use: reference.use, key: reference.key!, secret: reference.secret, creator, keys: listed(found) },
        { related },
      );
    }
  },
});

/** The keys the creators write (all known), for a message: `a, b` or `no keys`. */
function listed(creators: readonly SecretCreator[]): string {
  const keys = [...new Set(creators.flatMap((creator) => [...(creator.keys as ReadonlySet<string>)]))].sort();
  return keys.length === 0 ? 'no keys' : keys.slice(0, MAX_LISTED_KEYS).join(', ') + (keys.length > MAX_LISTED_KEYS ? ', ...' : '');
}
