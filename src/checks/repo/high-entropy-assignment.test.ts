import { checkCases } from '../../testing/check-cases.js';
import { highEntropyAssignment } from './high-entropy-assignment.js';

// Random-looking values assembled at run time so this file does not trip secret scanners.
const TOKEN = 'k9Jd2Lq8Zp4Xw7Rt' + '1Mv6Nb3Hc5Gf0Ys8Ua2Eo4Ti';
const HEX_48 = 'f3a9c0e47b1d8e62a5f9c3b0' + '7d4e1a8c92b6f0d3aa1b2c3d';
const AWS_ID = 'AKIA' + 'QX7ZL3M9TR2VB5ND';

checkCases(highEntropyAssignment, {
  pass: [
    {
      name: 'a Stripe publishable key and price ids are public identifiers; a secret key is repo/secret-in-tree\'s',
      input: {
        'deploy/.env.production': [
          `STRIPE_PUBLISHABLE_KEY=pk_live_${'51HqLyjWDarjtT1zdp7dcQv8Rm3Kx9TbNw2Ls'}`,
          'STRIPE_PRICE_ID=price_1NqLyjWDarjtT1zdp7dcXyz1',
          'STRIPE_PRO_PLAN=price_1OaBcDeFgHiJkLmNoPqRsTu2',
          `STRIPE_RESTRICTED=rk_live_${'51HqLyjWDarjtT1zdp7dcQv8Rm3Kx9TbNw2Ls'}`,
          '',
        ].join('\n'),
      },
    },
    {
      name: 'checksums, digests, UUIDs, host names, versions and words',
      input: {
        'config/config.yaml': [
          'cluster:',
          '  k3s_version: v1.31.4+k3s1',
          '  install_script_sha256: 2c84ebdb1846b39e3d3d9ffed4d59fc78fa1a878c969fa15fadaf347ba60a2b9',
          '  image: ghcr.io/acme/api@sha256:2c84ebdb1846b39e3d3d9ffed4d59fc78fa1a878c969fa15fadaf347ba60a2b9',
          '  digest: sha256:2c84ebdb1846b39e3d3d9ffed4d59fc78fa1a878c969fa15fadaf347ba60a2b9',
          '  commit: 4f3c2a1b0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b',
          '  tenant: 3f1e2d4c-5b6a-4789-8a9b-0c1d2e3f4a5b',
          '  host: ep-fake-meadow-a5k2q9xd-pooler.us-east-2.aws.neon.tech',
          '  bucket: honeydue-exports-prod-2026-eu-central',
          '  apns_key_id: 7QK4M2ZT9C',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'credential-named settings and provider keys are other checks\' findings',
      input: {
        '.env.production': [`API_TOKEN=${TOKEN}`, `AWS_ACCESS_KEY_ID=${AWS_ID}`, `AWS_SECRET_ACCESS_KEY=${TOKEN}`, 'SECRET_KEY=${SECRET_KEY}', ''].join('\n'),
      },
    },
    {
      name: 'references, placeholders, empty values and odd shapes',
      input: {
        '.env.example': ['SIGNING=', 'SALT=${SALT}', 'SESSION=<openssl rand -base64 32>', 'JUNK', '=novalue', ''].join('\n'),
        'settings.ini': '[app]\nname = honeydue\n; comment\nsalt = change-me-in-production-0123456789AB\n',
        'config/odd.yaml': '- 1\n- [a, null]\n---\njust a string\n',
      },
    },
  ],
  fail: [
    {
      name: 'a token under a neutral name, in YAML, dotenv and properties files',
      input: {
        '.env.production': ['APP_ENV=production', `SENTRY_DSN_KEY_MATERIAL=${TOKEN}`, ''].join('\n'),
        'app.properties': `analytics.salt=${HEX_48}\n`,
        'config/config.yaml': `vendor:\n  acme:\n    client: "${TOKEN}"\n`,
      },
      failures: [
        { messageId: 'highEntropy', line: 2 },
        { messageId: 'highEntropy', line: 1 },
        { messageId: 'highEntropy', line: 3 },
      ],
    },
    {
      name: 'a random value in a client-side variable',
      input: { '.env.production': 'NEXT_PUBLIC_POSTHOG_KEY=phc_QPzE7RFAKEC0AKcCBE62bpZDa5X81fhHpMXHbAIJAME\n' },
      failures: [{ messageId: 'publicValue', line: 1, column: 1 }],
    },
  ],
});
