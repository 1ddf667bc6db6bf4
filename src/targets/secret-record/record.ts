import { objectsOfFile, type K8sObject } from '../k8s/objects.js';
import type { Workspace } from '../repo/workspace.js';
import type { Target } from '../target.js';
import { escapesRoot } from '../repo/tree-globs.js';
import { K8S_REF, type SecretRecordInput } from './schema.js';

/** Kinds whose object is a secret or stands for one in the repository. */
const SECRET_KINDS = ['Secret', 'SealedSecret', 'ExternalSecret', 'VaultStaticSecret', 'VaultDynamicSecret', 'SopsSecret'];

/** A secret of the plan's `secrets:` section. */
export interface SecretRecordTarget extends Target {
  readonly name: string;
  readonly lives: string | undefined;
  /** 00:00 UTC of the recorded rotation day; undefined when the plan records none. */
  readonly rotated: Date | undefined;
  readonly maxAgeMs: number;
  /** The run's clock (--now, HARDEN_NOW). */
  readonly now: Date;
  /** The `evidence:` file (relative to the repository root), when the plan names one. */
  readonly evidenceFile: string | undefined;
  /**
   * The Kubernetes object showing the secret: in the evidence file when named, else among the
   * repository's manifests, matched by `lives: k8s:namespace/name` (or the secret's name).
   * `missing` says why none was found when the plan named a file.
   */
  object(): { object?: K8sObject; missing?: string };
}

/** `k8s:namespace/name` or `k8s:name` → its parts. */
export function k8sRef(lives: string | undefined): { namespace?: string; name: string } | undefined {
  const match = K8S_REF.exec(lives?.trim() ?? '');
  if (!match) return undefined;
  return { ...(match[1] ? { namespace: match[1] } : {}), name: match[2]! };
}

export function secretRecordTargets(workspace: Workspace, inputs: readonly SecretRecordInput[], manifests: () => K8sObject[]): SecretRecordTarget[] {
  return inputs.map(({ config, maxAgeMs, at, index, now }) => {
    const evidenceFile = config.evidence?.slice('file:'.length).replace(/^\.\//, '');
    const ref = k8sRef(config.lives) ?? { name: config.name };
    const matches = (object: K8sObject) =>
      SECRET_KINDS.includes(object.kind) && object.name === ref.name && (ref.namespace === undefined || object.namespace === undefined || object.namespace === ref.namespace);
    // A Secret itself before what stands for it (a SealedSecret's creation is not the value's).
    const pick = (objects: K8sObject[]) => objects.filter(matches).sort((a, b) => Number(b.kind === 'Secret') - Number(a.kind === 'Secret'))[0];
    return {
      identity: `secret:${config.name}`,
      name: config.name,
      lives: config.lives,
      rotated: config.rotated === undefined ? undefined : new Date(`${config.rotated}T00:00:00Z`),
      maxAgeMs,
      now,
      evidenceFile,
      location: at,
      declaredAt: ['secrets', index],
      object: () => {
        if (evidenceFile === undefined) {
          const object = pick(manifests());
          return object ? { object } : {};
        }
        if (escapesRoot(evidenceFile)) return { missing: `the evidence file ${evidenceFile} is outside the repository root` };
        if (workspace.text(evidenceFile) === undefined) return { missing: `the evidence file ${evidenceFile} cannot be read` };
        const object = pick(objectsOfFile(evidenceFile, workspace.yaml(evidenceFile)));
        const wanted = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
        return object ? { object } : { missing: `${evidenceFile} holds no Secret ${wanted}` };
      },
    };
  });
}
