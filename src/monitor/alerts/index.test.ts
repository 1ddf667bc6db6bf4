import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { channelSchema } from './index.js';
import { CHANNELS, channelType } from './index.js';

describe('channel registry', () => {
  it('has one channel per plan channel type, each validating that type\'s configuration', () => {
    expect(Object.keys(CHANNELS).sort()).toEqual(Object.keys(channelSchema.shape).sort());
    for (const [type, channel] of Object.entries(CHANNELS)) {
      expect(channel.type).toBe(type);
      expect(channel.config).toBe(channelSchema.shape[type as keyof typeof channelSchema.shape].unwrap());
    }
  });

  it('lists every module on disk that defines a channel', () => {
    const modules = readdirSync(new URL('.', import.meta.url))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .filter((file) => readFileSync(new URL(file, import.meta.url), 'utf8').includes('defineChannel({'));
    expect(modules.map((file) => file.replace(/\.ts$/, '')).sort()).toEqual(Object.keys(CHANNELS).sort());
  });

  it('picks the type a plan entry configures', () => {
    expect(channelType(channelSchema.parse({ ntfy: { url: 'https://ntfy.sh/ops' } }))).toBe('ntfy');
    expect(channelType(channelSchema.parse({ pagerduty: { routingKey: 'env:PD' } }))).toBe('pagerduty');
  });
});
