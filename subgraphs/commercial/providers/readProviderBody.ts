import type { z } from 'zod';
import type { CommercialProvider } from './providerNames';
import { ProviderFailure } from './ProviderFailure';
import type { ProviderHttpResponse } from './providerClient';

/**
 * A provider's answer, validated at the edge: a refusal (4xx) becomes REJECTED, a body that is
 * not the provider's documented shape BAD_RESPONSE. Nothing unchecked reaches the mapping.
 */
export function readProviderBody<Shape extends z.ZodTypeAny>(provider: CommercialProvider, response: ProviderHttpResponse, shape: Shape): z.infer<Shape> {
  if (response.status >= 400) {
    throw new ProviderFailure(provider, 'REJECTED', `${provider} refused the search (HTTP ${response.status})`, { status: response.status });
  }
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    throw new ProviderFailure(provider, 'BAD_RESPONSE', `${provider} answered something that is not JSON`);
  }
  const parsed = shape.safeParse(json);
  if (!parsed.success) throw new ProviderFailure(provider, 'BAD_RESPONSE', `${provider} answered in an unexpected format`);
  return parsed.data;
}

/** `MM/DD/YYYY` → `YYYY-MM-DD`. */
export const fromUsDate = (value: string | null | undefined): string | null =>
  value && /^\d\d\/\d\d\/\d{4}$/.test(value) ? `${value.slice(6)}-${value.slice(0, 2)}-${value.slice(3, 5)}` : null;

/** `YYYY-MM-DD` → `MM/DD/YYYY`. */
export const toUsDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

/** Digits only, the last ten (a North American number). */
export const tenDigits = (phone: string) => phone.replace(/\D/g, '').slice(-10);
