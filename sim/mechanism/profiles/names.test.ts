import { describe, expect, it } from 'vitest';
import { PROFILE_NAMES, knownProfileNames, resolveProfileName } from './names.ts';

describe('runtime profile names', () => {
  it('are the fixed set: raonet, dtao-launch, one spec<N> per later era, aliases taoflow/netflow/current', () => {
    expect(PROFILE_NAMES.map((p) => p.name)).toEqual([
      'raonet', 'dtao-launch', 'spec238', 'spec252', 'spec257', 'spec283', 'spec298', 'spec334', 'spec348', 'spec411', 'spec421', 'current',
    ]);
    expect(resolveProfileName('taoflow').specVersion).toBe(334);
    expect(resolveProfileName('netflow').specVersion).toBe(411);
    expect(resolveProfileName('current').specVersion).toBe(425);
    expect(resolveProfileName('spec425').name).toBe('current');
    expect(resolveProfileName('raonet').specVersion).toBe(218);
  });
  it('are unique and in chain order; unknown names are refused with the list', () => {
    const all = knownProfileNames();
    expect(new Set(all).size).toBe(all.length);
    const specs = PROFILE_NAMES.map((p) => p.specVersion);
    expect(specs).toEqual([...specs].sort((a, b) => a - b));
    expect(() => resolveProfileName('spec999')).toThrow(/unknown runtime profile 'spec999' \(known: raonet, dtao-launch/);
  });
});
