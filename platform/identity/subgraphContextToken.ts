import { createLocalJWKSet, errors, jwtVerify, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { DPPA_CODES, GLBA_CODES, type DppaPurpose, type GlbaException } from '../../policy/permissiblePurposes';
import { STATUTORY_EXCEPTION_CODES, type StatutoryExceptionCode } from '../../policy/statutoryExceptions';
import type { DeclaredPurpose, Subject } from '../../policy/Subject';
import { CATEGORY_NAMES, PURPOSES, ROLES, type Category, type Purpose, type Role } from '../../policy/vocabulary';
import type { KeyPair } from './localKeys';
import { CallRefusal } from './subgraphCallSignature';

/**
 * The short-lived signed context the gateway attaches to every subgraph request (header
 * `x-erms-context`): who asks, with which roles and command, for which purpose and case (and,
 * for commercial searches, which DPPA purpose and GLBA exception [P3]), with which current
 * training [P8], in which request. It is reused across a caller's requests: each call also
 * carries its own signature binding it to one subgraph and one body (subgraphCallSignature.ts).
 * Subgraphs trust nothing else: no valid signature, no answer.
 */
export const CONTEXT_HEADER = 'x-erms-context';
const ISSUER = 'urn:erms:gateway';
const AUDIENCE = 'urn:erms:subgraphs';
const LIFETIME_SECONDS = 60;

export interface SubgraphCallContext {
  requestId: string;
  subject: Pick<Subject, 'id' | 'kind' | 'roles' | 'command' | 'assignment' | 'agency' | 'currentTrainings' | 'agreement'>;
  purpose: Pick<DeclaredPurpose, 'code' | 'caseNumber' | 'permissiblePurpose' | 'exception'> | null;
}

/** What a token says of its caller and purpose: every claim but the request id. */
function callerClaims({ subject, purpose }: SubgraphCallContext) {
  return {
    sub: subject.id,
    kind: subject.kind,
    roles: subject.roles,
    cmd: subject.command,
    asg: subject.assignment,
    ori: subject.agency.ori,
    agency: subject.agency.name,
    // [P8] so each subgraph can refuse a caller not trained for its records, as the gateway does.
    trn: [...subject.currentTrainings].sort(),
    // [P14] a partner's agreement in force: each subgraph applies its scope as the gateway does.
    agr: subject.agreement ? { n: subject.agreement.number, sys: subject.agreement.systems, cat: subject.agreement.categories, pur: subject.agreement.purposes } : null,
    purpose: purpose?.code ?? null,
    case: purpose?.caseNumber ?? null,
    dppa: purpose?.permissiblePurpose?.dppa ?? null,
    glba: purpose?.permissiblePurpose?.glba ?? null,
    // [P12] so each subgraph opens a sealed record only under the exception the gateway admitted.
    sx: purpose?.exception?.code ?? null,
    sxr: purpose?.exception?.reference ?? null,
  };
}

export function signSubgraphContext(key: KeyPair, context: SubgraphCallContext, lifetimeSeconds = LIFETIME_SECONDS): Promise<string> {
  return new SignJWT({ rid: context.requestId, ...callerClaims(context) })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${lifetimeSeconds}s`)
    .sign(key.privateKey);
}

/**
 * Signs contexts, reusing one token per caller and purpose for `reuseSeconds` (well inside its
 * 60 s lifetime): signing per request, and verifying per request in every subgraph, costs CPU
 * on both sides for the same claims. The token's `rid` then names the first request that used
 * it; subgraphs read each request's id from the `x-request-id` header the gateway sends with it.
 */
export function reusingContextSigner(key: KeyPair, reuseSeconds = 20): (context: SubgraphCallContext) => Promise<string> {
  const tokens = new Map<string, { token: Promise<string>; until: number }>();
  return (context) => {
    // Keyed by exactly the claims signed (not the whole subject): the same claims, the same token.
    const cacheKey = JSON.stringify(callerClaims(context));
    const now = Date.now();
    const known = tokens.get(cacheKey);
    if (known && known.until > now) return known.token;
    const token = signSubgraphContext(key, context);
    // Stryker disable next-line all: a bound on the cache's memory; clearing it sooner, later or never changes only how often a context is signed
    if (tokens.size >= 10_000) tokens.clear();
    tokens.set(cacheKey, { token, until: now + reuseSeconds * 1000 });
    token.catch(() => tokens.delete(cacheKey));
    return token;
  };
}

/**
 * Verifies a context token with the gateway's public key(s); the result is all a subgraph knows
 * of the caller. Throws `CallRefusal` (missing, expired, bad-signature).
 */
export function createSubgraphContextVerifier(gatewayKeys: readonly JWK[]): (token: string | undefined) => Promise<SubgraphCallContext> {
  const keys: JWTVerifyGetKey = createLocalJWKSet({ keys: [...gatewayKeys] });
  const algorithms = [...new Set(gatewayKeys.map((key) => key.alg).filter((alg): alg is string => !!alg))];
  // Verified tokens are reused by the gateway for every subgraph call of one request.
  const recent = new Map<string, { context: SubgraphCallContext; exp: number }>();
  return async (token) => {
    if (!token) throw new CallRefusal('missing');
    const cached = recent.get(token);
    if (cached && cached.exp * 1000 > Date.now()) return cached.context;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer: ISSUER, audience: AUDIENCE, algorithms, requiredClaims: ['sub', 'exp', 'rid'] }));
    } catch (error) {
      throw new CallRefusal(error instanceof errors.JWTExpired ? 'expired' : 'bad-signature');
    }
    const roles = (Array.isArray(payload.roles) ? payload.roles : []).filter((r): r is Role => (ROLES as readonly unknown[]).includes(r));
    const purpose = (PURPOSES as readonly unknown[]).includes(payload.purpose) ? (payload.purpose as Purpose) : null;
    // Only codes of the vocabulary pass; anything else is as good as absent (refused downstream).
    const dppa = (DPPA_CODES as readonly unknown[]).includes(payload.dppa) ? (payload.dppa as DppaPurpose) : undefined;
    const glba = (GLBA_CODES as readonly unknown[]).includes(payload.glba) ? (payload.glba as GlbaException) : undefined;
    const exception = (STATUTORY_EXCEPTION_CODES as readonly unknown[]).includes(payload.sx) && typeof payload.sxr === 'string' && payload.sxr
      ? { code: payload.sx as StatutoryExceptionCode, reference: payload.sxr }
      : undefined;
    const context: SubgraphCallContext = {
      requestId: String(payload.rid),
      subject: {
        id: payload.sub!,
        kind: payload.kind === 'CLIENT' ? 'CLIENT' : 'USER',
        roles,
        command: String(payload.cmd ?? ''),
        assignment: String(payload.asg ?? ''),
        agency: { ori: String(payload.ori ?? ''), name: String(payload.agency ?? '') },
        currentTrainings: (Array.isArray(payload.trn) ? payload.trn : []).filter((course): course is string => typeof course === 'string'),
        ...agreementClaim(payload.agr),
      },
      purpose: purpose
        ? {
            code: purpose,
            caseNumber: String(payload.case ?? ''),
            ...(dppa || glba ? { permissiblePurpose: { ...(dppa ? { dppa } : {}), ...(glba ? { glba } : {}) } } : {}),
            ...(exception ? { exception } : {}),
          }
        : null,
    };
    // Stryker disable next-line all: a bound on the cache's memory; clearing it sooner, later or never changes only how often a context is verified
    if (recent.size > 5000) recent.clear();
    recent.set(token, { context, exp: payload.exp! });
    return context;
  };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** The agreement a signed context names, its lists reduced to the vocabulary (anything else is as good as absent). */
function agreementClaim(claim: unknown): Pick<Subject, 'agreement'> {
  // A claim that is no object has no number either: one test covers both.
  if (typeof (claim as { n?: unknown } | null | undefined)?.n !== 'string') return {};
  const { n, sys, cat, pur } = claim as { n: string; sys?: unknown; cat?: unknown; pur?: unknown };
  return {
    agreement: {
      number: n,
      systems: strings(sys),
      categories: strings(cat).filter((c): c is Category => (CATEGORY_NAMES as readonly string[]).includes(c)),
      purposes: strings(pur).filter((p): p is Purpose => (PURPOSES as readonly string[]).includes(p)),
    },
  };
}
