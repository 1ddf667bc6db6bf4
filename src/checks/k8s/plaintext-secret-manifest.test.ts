import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { plaintextSecretManifest } from './plaintext-secret-manifest.js';

// Fake values, assembled at run time so this file itself does not trip secret scanners.
const PASSWORD = 'Zq8' + 'v2LmT4nRw';
const BASE64_PASSWORD = Buffer.from(PASSWORD).toString('base64');

checkCases(plaintextSecretManifest, {
  pass: [
    {
      name: 'placeholders, interpolations and empty values',
      input: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: app-secrets }
        stringData:
          SECRET_KEY: "<openssl rand -hex 32>"
          POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
          REDIS_PASSWORD: ""
        data:
          TOKEN: ${Buffer.from('change-me').toString('base64')}`,
    },
    {
      name: 'SOPS-encrypted, sealed, and not a Secret',
      input: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: sops }
        stringData:
          password: ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]
        sops:
          version: 3.8.1
        ---
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata: { name: sealed }
        spec:
          encryptedData: { password: AgBy3i4OJSWK }
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data: { password: ${PASSWORD} }
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: token, annotations: { kubernetes.io/service-account.name: ci } }
        type: kubernetes.io/service-account-token
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: odd }
        data: [1, 2]
        stringData: { nested: { a: b }, nothing: null }`,
    },
  ],
  fail: [
    {
      name: 'stringData and base64 data are both plaintext',
      input: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: app-secrets
          namespace: shop
        type: Opaque
        stringData:
          POSTGRES_PASSWORD: ${PASSWORD}
        data:
          REDIS_PASSWORD: ${BASE64_PASSWORD}
          PIN: 4711`,
      failures: [
        { messageId: 'plaintextValue', line: 8 },
        { messageId: 'plaintextValue', line: 10 },
        { messageId: 'plaintextValue', line: 11 },
      ],
    },
  ],
});
