import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ermsError, rateLimited } from '../../../platform/errors/ErrorCode';
import type { AgreementScope, DeclaredPurpose, Subject } from '../../../policy/Subject';
import type { Agreement } from '../../../subgraphs/governance/agreements/AgreementStore';
import type { AgreementsInForce } from './AgreementsInForce';

export interface PartnerAdmission {
  agreements: AgreementsInForce;
  /** Counts one request against the agreement's day; returns the day's count. */
  countRequest: (number: string) => Promise<number>;
  now?: () => Date;
}

const outside = (message: string, reason: string, agreement?: Agreement) =>
  ermsError('AGREEMENT_SCOPE', message, { reason, ...(agreement ? { agreement: agreement.number } : {}) });

/** The SHA-256 fingerprint of the client certificate on this connection (lower-case hex), if any. */
function clientCertificateSha256(request: IncomingMessage): string | null {
  const socket = request.socket as Partial<TLSSocket>;
  const fingerprint = socket.getPeerCertificate?.()?.fingerprint256;
  return fingerprint ? fingerprint.replace(/:/g, '').toLowerCase() : null;
}

/**
 * [P14] A partner agency's request runs only under an ACTIVE written agreement, in force now,
 * that names the caller (the OAuth client its client-credentials token names, or a partner
 * user), over the agreement's client certificate where one is bound to it, for a purpose it
 * allows, within its daily cap. Refusals: AGREEMENT_SCOPE (with `reason`), UNAUTHENTICATED (a
 * token or certificate not bound to the agreement), RATE_LIMITED (the cap, until 00:00 UTC).
 */
export async function admitPartner(
  admission: PartnerAdmission,
  subject: Subject,
  purpose: DeclaredPurpose | null,
  request: IncomingMessage,
  named: (agreementNumber: string) => void,
): Promise<{ scope: AgreementScope }> {
  const agreement = await admission.agreements.forSubject(subject);
  if (!agreement) throw outside('no written agreement covers this partner: access is refused', 'NO_AGREEMENT');
  // [P18] from here on, the request's event names the agreement, refused or not.
  named(agreement.number);
  const now = admission.now?.() ?? new Date();
  if (agreement.status !== 'ACTIVE') throw outside(`agreement ${agreement.number} is ${agreement.status}: access is refused`, `AGREEMENT_${agreement.status}`, agreement);
  if (now.getTime() < Date.parse(agreement.effectiveFrom)) throw outside(`agreement ${agreement.number} takes effect at ${agreement.effectiveFrom}`, 'AGREEMENT_NOT_YET_EFFECTIVE', agreement);
  if (now.getTime() >= Date.parse(agreement.expiresAt)) throw outside(`agreement ${agreement.number} expired at ${agreement.expiresAt}`, 'AGREEMENT_EXPIRED', agreement);
  // OAuth 2 client credentials: the token must name the agreement's client, not merely its subject.
  if (subject.kind === 'CLIENT' && subject.authentication?.clientId !== agreement.clientId) {
    throw ermsError('UNAUTHENTICATED', `a partner client authenticates with a client-credentials token for ${agreement.clientId}`, { agreement: agreement.number });
  }
  if (agreement.certificateSha256 && clientCertificateSha256(request) !== agreement.certificateSha256) {
    throw ermsError('UNAUTHENTICATED', `agreement ${agreement.number} is bound to a client certificate: connect with it (mutual TLS)`, { agreement: agreement.number });
  }
  if (purpose && !agreement.purposes.includes(purpose.code)) {
    throw outside(`agreement ${agreement.number} does not allow ${purpose.code}; it allows ${agreement.purposes.join(', ')}`, 'PURPOSE', agreement);
  }
  // Every request admitted this far counts against the day, whatever it then sends.
  const count = await admission.countRequest(agreement.number);
  if (count > agreement.dailyRequestCap) {
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    const error = rateLimited(`agreement ${agreement.number} allows ${agreement.dailyRequestCap} requests a day; retry after 00:00 UTC`, Math.max(1, Math.ceil((midnight - now.getTime()) / 1000)));
    error.extensions.agreement = agreement.number;
    throw error;
  }
  return { scope: { number: agreement.number, systems: agreement.systems, categories: agreement.categories, purposes: agreement.purposes } };
}
