import { secretValueKind } from '../../targets/config/secret-values.js';
import { credentialIn } from '../../targets/k8s/literal-secrets.js';
import type { Location } from '../../targets/location.js';
import { HARDCODED_SECRET_NAMES, HARDCODED_SECRET_UNLESS } from '../../targets/secrets/claims.js';
import { isSecretDataKey } from '../../targets/secrets/credential-names.js';
import { maskSecret } from '../../targets/secrets/mask.js';
import { sampleAreaOf } from '../../targets/secrets/sample-paths.js';
import { asRecord } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}$/;

/** The value a `data` entry stands for: base64 decoded when it is valid base64 of text. */
function decoded(value: string): string {
  if (!BASE64.test(value)) return value;
  const text = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
  return text.includes('\uFFFD') ? value : text;
}

export const plaintextSecretManifest = defineCheck({
  id: 'k8s/plaintext-secret-manifest',
  title: 'No Secret manifest with its values is committed',
  severity: 'high',
  target: 'k8s-object',
  kinds: ['v1/Secret'],
  why:
    'A `kind: Secret` manifest in git holds its values in clear: `stringData` literally, `data` as base64, which is an ' +
    'encoding, not encryption (`base64 -d` reads it). Everyone with read access to the repository, every fork, clone ' +
    'and CI runner has the credentials, and they stay in history after the file is deleted. Commit an encrypted form ' +
    '(SealedSecret, SOPS, an ExternalSecret pointing at a secret manager) or create the Secret from a script that reads ' +
    'the values at run time. One finding per Secret lists the keys that hold credentials (`password`, `apiKey`, ' +
    '`tls.key`, unknown keys); keys that name who or where (`username`, `apiAddress`, `accountname`, `ca.crt`) are left ' +
    'out unless their value is a credential by its shape. Values that are interpolations (`${VAR}`), placeholders ' +
    '(`<change-me>`) or empty pass, and SOPS-encrypted files (a top-level `sops:` block, `ENC[...]` values) are not ' +
    'plaintext. In test, example and demo folders the finding is low. Values are masked.',
  fix: [
    'Rotate the values (they are in git history), delete the manifest and create the Secret at deploy time:',
    '',
    '    kubectl -n "$NS" create secret generic app-secrets --from-file="$WORK/app" \\',
    '      --dry-run=client -o yaml | kubectl apply -f -',
    '',
    'or commit it encrypted: `kubeseal -o yaml < secret.yaml > sealed-secret.yaml` (SealedSecret), `sops -e -i secret.yaml`,',
    'or an ExternalSecret that reads the values from Vault / AWS Secrets Manager / 1Password.',
  ].join('\n'),
  refs: [
    'Kubernetes documentation, Good practices for Kubernetes Secrets: "avoid sharing Secret manifests", base64 is not encryption',
    'CIS Kubernetes Benchmark 5.4.2 (consider external secret storage)',
    'OWASP Secrets Management Cheat Sheet; CWE-312: Cleartext Storage of Sensitive Information',
  ],
  messages: {
    plaintextValue: 'Secret "{secret}" is committed with the credential values of {keys}',
    inSample: {
      text: 'Secret "{secret}" is committed with the credential values of {keys} in a {area} folder (low, not high, in tests, examples and demos: rotate them if they are real)',
      severity: 'low',
    },
  },
  claims: [
    {
      about: 'no Secret manifest with values committed', risk: true,
      names: [
        ...HARDCODED_SECRET_NAMES,
        ['plaintext', 'secret*', 'manifest*'],
        ['plain text', 'secret*', 'manifest*'],
        ['Secret manifest*', 'plaintext'],
        ['Secret manifest*', 'commit*'],
        ['Secret*', 'base64'],
        ['Secret*', 'YAML', 'commit*'],
        'secrets.yaml',
        'kind: Secret',
        'stringData',
        'SealedSecret*',
        'Sealed Secrets',
        'SOPS',
        'ExternalSecret*',
        'External Secrets',
      ],
      unless: HARDCODED_SECRET_UNLESS,
    },
  ],
  evaluate(object, ctx) {
    if (asRecord(object.document.data)?.sops !== undefined) return ctx.notApplicable();
    const found: { name: string; masked: string; at: Location }[] = [];
    for (const field of ['data', 'stringData'] as const) {
      const values = asRecord(object.data[field]);
      if (!values) continue;
      for (const [key, raw] of Object.entries(values)) {
        if (typeof raw !== 'string' && typeof raw !== 'number') continue;
        const written = String(raw);
        if (written.startsWith('ENC[')) continue;
        const value = field === 'data' ? decoded(written) : written;
        const kind = secretValueKind(value);
        if (kind === 'empty' || kind === 'reference' || kind === 'placeholder') continue;
        if (!isSecretDataKey(key) && !credentialIn(value)) continue;
        found.push({ name: `${field}.${key}`, masked: maskSecret(written.trim()), at: object.at([field, key]) });
      }
    }
    const [first, ...others] = found;
    if (!first) return;
    const keys = found.map((entry) => entry.name).join(', ');
    const area = sampleAreaOf(object.file);
    const details = {
      evidence: found.map((entry) => `${entry.name}: ${entry.masked}`).join('; '),
      related: others.map((entry) => ({ at: entry.at, message: `${entry.name}: ${entry.masked}` })),
    };
    if (area) ctx.fail(first.at, 'inSample', { secret: object.name, keys, area }, details);
    else ctx.fail(first.at, 'plaintextValue', { secret: object.name, keys }, details);
  },
});
