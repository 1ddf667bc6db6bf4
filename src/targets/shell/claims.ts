import type { Claim } from '../../claim.js';

/** A download is not piped into a shell, in a script or in a Dockerfile's RUN. */
export const PIPE_TO_SHELL_NAMES: Claim['names'] = [
  'curl | sh',
  'curl | bash',
  'wget | sh',
  'wget | bash',
  'curl-pipe-shell',
  'curl-to-shell',
  'curl-pipe-bash',
  'pipe to shell',
  'piped to shell',
  'pipe-to-bash',
  ['curl', 'pipe*', 'shell'],
  ['curl', 'pipe*', 'bash'],
  ['wget', 'pipe*', 'shell'],
  ['install script*', 'pipe*'],
];

/** What is downloaded is checked against a checksum or signature before it is used. */
export const UNVERIFIED_DOWNLOAD_NAMES: Claim['names'] = [
  ['download*', 'checksum*'],
  ['download*', 'sha256sum'],
  ['download*', 'signature*', 'verif*'],
  ['download*', 'unverified'],
  ['install* script*', 'unverified'],
  ['install* script*', 'checksum*'],
  ['installer*', 'checksum*'],
  ['binar*', 'checksum*', 'verif*'],
];
