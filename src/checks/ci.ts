import { checkoutPersistCredentials } from './ci/checkout-persist-credentials.js';
import { continueOnErrorSecurity } from './ci/continue-on-error-security.js';
import { deployJobNoEnvironment } from './ci/deploy-job-no-environment.js';
import { expressionInjection } from './ci/expression-injection.js';
import { permissions } from './ci/permissions.js';
import { pullRequestTargetCheckout } from './ci/pull-request-target-checkout.js';
import { secretsEchoed } from './ci/secrets-echoed.js';
import { unpinnedAction } from './ci/unpinned-action.js';
import { unpinnedImage } from './ci/unpinned-image.js';
import type { AnyCheck } from './define.js';

/** The ci checks: one line per module under src/checks/ci/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  checkoutPersistCredentials,
  continueOnErrorSecurity,
  deployJobNoEnvironment,
  expressionInjection,
  permissions,
  pullRequestTargetCheckout,
  secretsEchoed,
  unpinnedAction,
  unpinnedImage,
];
