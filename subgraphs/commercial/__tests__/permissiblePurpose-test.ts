import type { PermissiblePurpose } from '../../../policy/permissiblePurposes';
import { decidePermissiblePurpose } from '../permissiblePurpose';

/** [P3] DPPA purpose and GLBA exception: both required, each one the provider accepts. */
describe('decidePermissiblePurpose', () => {
  const provider = { acceptedDppa: ['DPPA_B1', 'DPPA_B4'], acceptedGlba: ['GLBA_E5'] } as const;
  const cases: [string, PermissiblePurpose | undefined, object][] = [
    ['both, accepted', { dppa: 'DPPA_B1', glba: 'GLBA_E5' }, { allowed: true, purpose: { dppa: 'DPPA_B1', glba: 'GLBA_E5' } }],
    ['another accepted DPPA clause', { dppa: 'DPPA_B4', glba: 'GLBA_E5' }, { allowed: true }],
    ['none declared', undefined, { allowed: false, missing: ['X-Permissible-Purpose', 'X-GLBA-Exception'], notAccepted: [] }],
    ['no GLBA exception', { dppa: 'DPPA_B1' }, { allowed: false, missing: ['X-GLBA-Exception'], notAccepted: [] }],
    ['no DPPA purpose', { glba: 'GLBA_E5' }, { allowed: false, missing: ['X-Permissible-Purpose'], notAccepted: [] }],
    ['a DPPA clause this provider does not accept', { dppa: 'DPPA_B3', glba: 'GLBA_E5' }, { allowed: false, missing: [], notAccepted: ['DPPA_B3'] }],
    ['a GLBA exception this provider does not accept', { dppa: 'DPPA_B1', glba: 'GLBA_E8' }, { allowed: false, missing: [], notAccepted: ['GLBA_E8'] }],
    ['one missing, the other not accepted', { dppa: 'DPPA_B13' }, { allowed: false, missing: ['X-GLBA-Exception'], notAccepted: ['DPPA_B13'] }],
  ];
  it.each(cases)('%s', (_name, declared, expected) => {
    expect(decidePermissiblePurpose(provider, declared)).toMatchObject(expected);
  });
});
