import type { ProviderTruth } from '../providerTruth';
import type { SimulatorDefinition, SimulatorRequest } from '../serveSimulator';

/**
 * SkopeNow as a simulator: an open-source search posted as snake_case JSON with a `Token` API
 * key, answered complete (the real service may answer asynchronously), profiles with a match
 * confidence, and the permissible purpose as statutory citations (`2721(b)(1)`, `6802(e)(5)`).
 */
const COVERAGE = 0.6;
const CITATION = { dppa: /^2721\(b\)\(\d{1,2}\)$/, glba: /^6802\(e\)\(\d\)$/ };

export function skopeNowSimulator(truth: ProviderTruth): SimulatorDefinition {
  let searches = 0;
  return {
    provider: 'SKOPENOW',
    authenticated: (headers, apiKey) => headers.authorization === `Token ${apiKey}`,
    errorBody: (status, message) => ({ detail: message, status_code: status }),
    answer(request: SimulatorRequest) {
      if (request.method !== 'POST' || request.path !== '/api/v1/searches') return null;
      const body = (request.body ?? {}) as { subject?: Record<string, unknown>; permissible_purpose?: Record<string, unknown> };
      const purpose = body.permissible_purpose ?? {};
      if (!CITATION.dppa.test(String(purpose.dppa ?? '')) || !CITATION.glba.test(String(purpose.glba ?? ''))) {
        return { status: 400, body: { detail: 'permissible_purpose.dppa and .glba are required', status_code: 400 } };
      }
      const subject = body.subject ?? {};
      if (typeof subject.first_name !== 'string' || typeof subject.last_name !== 'string') return { status: 400, body: { detail: 'subject.first_name and subject.last_name are required', status_code: 400 } };
      const profiles = truth.socialProfiles(
        { firstName: subject.first_name, lastName: subject.last_name, dateOfBirth: typeof subject.date_of_birth === 'string' ? subject.date_of_birth : null },
        COVERAGE,
      );
      return {
        status: 200,
        body: {
          search_id: `sn_${Date.now().toString(36)}${++searches}`,
          status: 'complete',
          results: {
            social_profiles: profiles.map((p) => ({
              network: p.platform.toLowerCase(), handle: p.username, profile_url: p.url, name: p.displayName,
              last_seen_at: `${p.lastActivity}T00:00:00Z`, match_confidence: p.confidence,
            })),
          },
        },
      };
    },
  };
}
