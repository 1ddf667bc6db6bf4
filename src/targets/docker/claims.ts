import type { Claim } from '../../claim.js';

/*
 * What plan items claim about images and containers, whoever runs them: the Kubernetes,
 * compose and Dockerfile checks that measure the same claim share these names, so the
 * synonyms stay in one place. Each check scopes them to its own messages.
 */

/** Deployed images pinned by digest ("pin images by digest", "@sha256", "immutable image tags"). */
export const IMAGE_DIGEST_NAMES: Claim['names'] = [
  ['image*', 'digest*'],
  ['image*', 'pin*'],
  ['image*', 'unpinned'],
  ['image*', 'sha256'],
  ['image*', 'mutable tag*'],
  ['image*', 'immutable'],
  ['image*', 'by tag'],
  ['image*', 'floating'],
  'floating tag*',
  ['digest', 'pin*'],
  ['tag*', 'not digest*'],
];

/** An item that names the Dockerfile or the base image is about base images (docker/floating-base-image), not deployed ones. */
export const DEPLOYED_IMAGE_UNLESS: Claim['names'] = ['Dockerfile*', 'base image*', 'parent image*'];

/** Base images in Dockerfiles pinned by digest. */
export const BASE_IMAGE_DIGEST_NAMES: Claim['names'] = [
  ['base image*', 'digest*'],
  ['base image*', 'pin*'],
  ['base image*', 'unpinned'],
  ['base image*', 'tag*'],
  ['base image*', 'floating'],
  ['base image*', 'latest'],
  ['parent image*', 'pin*'],
  ['Dockerfile*', 'digest*'],
  ['Dockerfile*', 'pin*'],
  ['Dockerfile*', 'unpinned'],
  ['Dockerfile*', 'floating'],
  ['Dockerfile*', 'latest'],
  ['Dockerfile*', 'mutable'],
  ['FROM', 'sha256'],
];

/** No image runs by :latest or without a tag. */
export const LATEST_TAG_NAMES: Claim['names'] = ['latest tag*', ['latest', 'tag*'], ['image*', 'untagged'], ['image*', 'no tag'], ['image*', 'without a tag']];

/** Containers run as a non-root user ("run as non-root", "containers run as root", "non-root user"). */
export const NON_ROOT_NAMES: Claim['names'] = [
  'non-root',
  'nonroot',
  'rootless container*',
  ['run* as root', 'container*'],
  ['run* as root', 'image*'],
  ['run* as root', 'pod*'],
  ['run* as root', 'Dockerfile*'],
  ['root user', 'container*'],
  ['root user', 'image*'],
  ['root user', 'Dockerfile*'],
  ['root user', 'pod*'],
  'root container*',
  ['unprivileged user', 'container*'],
  ['unprivileged user', 'image*'],
  'UID 0',
];

/** Containers are not privileged (`privileged: true`, `--privileged`). */
export const PRIVILEGED_NAMES: Claim['names'] = [
  'privileged: true',
  'privileged mode',
  ['privileged', 'container*'],
  ['privileged', 'pod*'],
  ['privileged', 'Docker'],
  ['privileged', 'compose'],
];

/** No capability that container escapes are built on is added. */
export const DANGEROUS_CAPABILITY_NAMES: Claim['names'] = [
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'DAC_READ_SEARCH',
  'cap_add',
  'dangerous capabilit*',
  ['capabilit*', 'added'],
  ['capabilit*', 'escalat*'],
];

/** A seccomp profile confines the container. */
export const SECCOMP_NAMES: Claim['names'] = ['seccomp', 'RuntimeDefault', 'seccompProfile', ['syscall*', 'filter*']];

/** Containers share no namespace with the host: its network, its processes, its shared memory. */
export const HOST_NETWORK_NAMES: Claim['names'] = ['hostNetwork', 'host network*', ['host', 'network namespace'], 'network_mode: host', 'network=host', 'net=host'];
export const HOST_PID_NAMES: Claim['names'] = ['hostPID', 'host PID', ['host', 'PID namespace'], ['host', 'process ID namespace'], 'pid: host', 'host process namespace'];
export const HOST_IPC_NAMES: Claim['names'] = ['hostIPC', 'host IPC', ['host', 'IPC namespace'], 'ipc: host'];
/** The namespaces together ("containers share no host namespaces"). */
export const HOST_NAMESPACE_NAMES: Claim['names'] = ['host namespace*', 'node namespace*', ['namespace*', 'shared with the host']];

/** The container runtime socket is not mounted (`/var/run/docker.sock`). */
export const RUNTIME_SOCKET_NAMES: Claim['names'] = ['docker.sock', 'docker socket', 'containerd.sock', 'podman.sock', 'cri-o.sock', 'runtime socket', 'daemon socket', ['Docker', 'socket', 'mount*'], ['Docker API', 'mount*']];
