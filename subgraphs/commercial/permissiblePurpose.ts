import type { ProviderConfig } from '../../platform/config/loadCommercialConfig';
import type { DppaPurpose, GlbaException, PermissiblePurpose } from '../../policy/permissiblePurposes';
import type { SearchPurpose } from './providers/ProviderAdapter';

export type PermissiblePurposeDecision =
  | { allowed: true; purpose: SearchPurpose }
  | {
      allowed: false;
      /** Headers not sent. */
      missing: string[];
      /** Codes sent that this provider does not accept. */
      notAccepted: (DppaPurpose | GlbaException)[];
      accepted: { dppa: readonly DppaPurpose[]; glba: readonly GlbaException[] };
    };

/**
 * [P3] Every commercial search carries a DPPA permissible purpose (18 U.S.C. 2721(b)) and a GLBA
 * exception (15 U.S.C. 6802(e)), each one this provider accepts (configuration). Pure: the
 * provider's table is data, the decision a value.
 */
export function decidePermissiblePurpose(config: Pick<ProviderConfig, 'acceptedDppa' | 'acceptedGlba'>, declared: PermissiblePurpose | undefined): PermissiblePurposeDecision {
  const { dppa, glba } = declared ?? {};
  const missing = [!dppa && 'X-Permissible-Purpose', !glba && 'X-GLBA-Exception'].filter((header): header is string => !!header);
  const notAccepted = [
    ...(dppa && !config.acceptedDppa.includes(dppa) ? [dppa] : []),
    ...(glba && !config.acceptedGlba.includes(glba) ? [glba] : []),
  ];
  if (dppa && glba && notAccepted.length === 0) return { allowed: true, purpose: { dppa, glba } };
  return { allowed: false, missing, notAccepted, accepted: { dppa: config.acceptedDppa, glba: config.acceptedGlba } };
}
