import { z } from 'zod';
import { clauseNumber } from '../../../policy/permissiblePurposes';
import type { SocialPlatform } from '../ProviderReport';
import type { ProviderAdapter } from './ProviderAdapter';
import { readProviderBody } from './readProviderBody';

/**
 * SkopeNow: social-media and open-source profiles, a search POSTed as snake_case JSON with a
 * `Token` key; the permissible purpose as statutory citations (`2721(b)(1)`, `6802(e)(5)`).
 */
const Answer = z.object({
  search_id: z.string(),
  status: z.literal('complete'),
  results: z.object({
    social_profiles: z.array(z.object({
      network: z.string(), handle: z.string(), profile_url: z.string(), name: z.string().nullable().optional(),
      last_seen_at: z.string().nullable().optional(), match_confidence: z.number().min(0).max(1),
    })).default([]),
  }),
});
const PLATFORMS: Record<string, SocialPlatform> = { facebook: 'FACEBOOK', instagram: 'INSTAGRAM', x: 'X', twitter: 'X', tiktok: 'TIKTOK', linkedin: 'LINKEDIN', reddit: 'REDDIT' };

export const skopeNowAdapter: ProviderAdapter = {
  provider: 'SKOPENOW',
  kinds: ['SOCIAL'],
  toRequest(query, purpose, apiKey) {
    if (query.kind !== 'SOCIAL') throw new Error(`SkopeNow offers no ${query.kind} search`);
    const { firstName, lastName, dateOfBirth } = query.person;
    const body = {
      subject: { first_name: firstName, last_name: lastName, ...(dateOfBirth ? { date_of_birth: dateOfBirth } : {}) },
      permissible_purpose: { dppa: `2721(b)(${clauseNumber(purpose.dppa)})`, glba: `6802(e)(${clauseNumber(purpose.glba)})` },
    };
    return { method: 'POST', path: '/api/v1/searches', headers: { authorization: `Token ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) };
  },
  fromResponse(_query, response) {
    const answer = readProviderBody('SKOPENOW', response, Answer);
    return {
      kind: 'SOCIAL',
      reference: answer.search_id,
      profiles: answer.results.social_profiles.map((p) => ({
        platform: PLATFORMS[p.network.toLowerCase()] ?? 'OTHER',
        username: p.handle,
        url: p.profile_url,
        displayName: p.name ?? null,
        lastActivity: p.last_seen_at ? p.last_seen_at.slice(0, 10) : null,
        confidence: p.match_confidence,
      })),
    };
  },
};
