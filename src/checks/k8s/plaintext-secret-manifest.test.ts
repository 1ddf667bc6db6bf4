import { describe, expect, it } from 'vitest';
import { checkCases, runCheckOn } from '../../testing/check-cases.js';
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
      name: 'a Secret holding only who and where: no credential value',
      input: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: registry-location }
        stringData:
          username: deploy
          apiAddress: tcp://127.0.0.1:5705
          ca.crt: "-----BEGIN CERTIFICATE-----"`,
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
      failures: [{ messageId: 'plaintextValue', line: 10 }],
    },
    {
      name: 'one finding per Secret, naming only the keys that hold credentials (kubernetes/examples storageos, iscsi, azure)',
      input: {
        'volumes/storageos/storageos-secret.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: storageos-secret }
          type: kubernetes.io/storageos
          data:
            apiAddress: ${Buffer.from('tcp://127.0.0.1:5705').toString('base64')}
            apiUsername: ${Buffer.from('storageos').toString('base64')}
            apiPassword: ${BASE64_PASSWORD}`,
        'volumes/iscsi/chap-secret.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: chap-secret }
          type: kubernetes.io/iscsi-chap
          data:
            discovery.sendtargets.auth.username: ${Buffer.from('user').toString('base64')}
            discovery.sendtargets.auth.password: ${BASE64_PASSWORD}
            discovery.sendtargets.auth.username_in: ${Buffer.from('muser').toString('base64')}
            discovery.sendtargets.auth.password_in: ${BASE64_PASSWORD}
            node.session.auth.username: ${Buffer.from('user').toString('base64')}
            node.session.auth.password: ${BASE64_PASSWORD}`,
        'volumes/azure/azure-secret.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: azure-secret }
          data:
            azurestorageaccountname: ${Buffer.from('k8stest').toString('base64')}
            azurestorageaccountkey: ${BASE64_PASSWORD}`,
        'examples/demo-secret.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: demo }
          stringData:
            username: admin
            endpoint: postgres://admin:${PASSWORD}@db/app`,
      },
      failures: [
        { messageId: 'inSample', line: 6 },
        { messageId: 'plaintextValue', line: 6 },
        { messageId: 'plaintextValue', line: 7 },
        { messageId: 'plaintextValue', line: 8 },
      ],
    },
  ],
});

describe('k8s/plaintext-secret-manifest, one finding per Secret', () => {
  it('lists the credential keys, masked, with the others as related places', async () => {
    const results = await runCheckOn(plaintextSecretManifest, {
      'chap-secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata: { name: chap }\ndata:\n  node.session.auth.username_in: ${Buffer.from('user').toString('base64')}\n  node.session.auth.password: ${BASE64_PASSWORD}\n  node.session.auth.password_in: ${BASE64_PASSWORD}\n`,
    });
    const [failure, ...more] = results.filter((result) => result.status === 'fail');
    expect(more).toEqual([]);
    expect(failure?.message).toBe('Secret "chap" is committed with the credential values of data.node.session.auth.password, data.node.session.auth.password_in');
    expect(failure?.evidence).toBe(`data.node.session.auth.password: ${BASE64_PASSWORD.slice(0, 4)}…; data.node.session.auth.password_in: ${BASE64_PASSWORD.slice(0, 4)}…`);
    expect(failure?.related?.map((place) => place.location.kind === 'file' && place.location.line)).toEqual([7]);
  });
});
