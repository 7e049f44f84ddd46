import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createGatewayMetrics } from '../../platform/observability/metrics';
import { OPERATION_LIMITS } from '../../policy/operationLimitsTable';
import { gatewayPipeline, type GatewaySecurity } from '../pipeline';

/**
 * The request path is the list in gateway/pipeline.ts. The order is policy, not taste: who asks
 * before how often, why before what, the limits before the field rules spend work, and the
 * audit last, so it records the answer as it leaves and holds it until stored [P18].
 */
const supergraphSdl = readFileSync(path.join(__dirname, '../../schema/supergraph.graphql'), 'utf8');
const security: GatewaySecurity = {
  authenticate: async () => {
    throw new Error('not called');
  },
  contextKey: null as never,
  audit: { append: async () => undefined },
  findAuthorization: async () => null,
};
const stages = gatewayPipeline({ supergraphSdl, production: true, security, metrics: createGatewayMetrics(), operationLimits: OPERATION_LIMITS, rateLimit: { perMinute: 60, burst: 10 } });
const names = stages.map((stage) => stage.name);
const having = (moment: 'onRequest' | 'onOperation' | 'onAnswer' | 'onLeave' | 'onRefused') => stages.filter((stage) => stage[moment]).map((stage) => stage.name);

describe('the gateway pipeline', () => {
  it('lists every stage, in request order', () => {
    expect(names).toEqual([
      'authenticate', 'rateLimit', 'purpose', 'partnerAgreement', 'trustedDocuments', 'savedQueries',
      'introspection', 'operationLimits', 'protectedCharacteristics', 'fieldPolicy', 'audit',
    ]);
  });

  it('decides who asks, how often, why, under which agreement and with which operation before the operation is parsed', () => {
    expect(having('onRequest')).toEqual(['authenticate', 'rateLimit', 'purpose', 'partnerAgreement', 'trustedDocuments', 'savedQueries', 'audit']);
  });

  it('runs the operation stages with the cheap refusals before the field rules, and the audit after them', () => {
    expect(having('onOperation')).toEqual(['introspection', 'operationLimits', 'protectedCharacteristics', 'fieldPolicy', 'audit']);
  });

  it('[P18] lets the audit alone write, last, and hear every refusal', () => {
    expect(having('onLeave')).toEqual(['audit']);
    expect(names.at(-1)).toBe('audit');
    expect(having('onRefused').at(-1)).toBe('audit');
  });

  it('gives each stage one name', () => {
    expect(new Set(names).size).toBe(names.length);
  });
});
