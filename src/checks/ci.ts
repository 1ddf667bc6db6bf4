import { cachePoisoning } from './ci/cache-poisoning.js';
import { checkoutPersistCredentials } from './ci/checkout-persist-credentials.js';
import { continueOnErrorSecurity } from './ci/continue-on-error-security.js';
import { deployJobNoEnvironment } from './ci/deploy-job-no-environment.js';
import { expressionInjection } from './ci/expression-injection.js';
import { githubEnv } from './ci/github-env.js';
import { insecureCommands } from './ci/insecure-commands.js';
import { permissions } from './ci/permissions.js';
import { pullRequestTargetCheckout } from './ci/pull-request-target-checkout.js';
import { secretsEchoed } from './ci/secrets-echoed.js';
import { secretsInherit } from './ci/secrets-inherit.js';
import { trustedPublishing } from './ci/trusted-publishing.js';
import { unpinnedAction } from './ci/unpinned-action.js';
import { unpinnedImage } from './ci/unpinned-image.js';
import type { AnyCheck } from './define.js';

/** The ci checks: one line per module under src/checks/ci/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  cachePoisoning,
  checkoutPersistCredentials,
  continueOnErrorSecurity,
  deployJobNoEnvironment,
  expressionInjection,
  githubEnv,
  insecureCommands,
  permissions,
  pullRequestTargetCheckout,
  secretsEchoed,
  secretsInherit,
  trustedPublishing,
  unpinnedAction,
  unpinnedImage,
];
