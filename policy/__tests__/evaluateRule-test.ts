import { rule } from 'graphql-shield';
import { evaluateRule } from '../evaluateRule';
import { PolicyDenial } from '../PolicyDenial';
import { policyContext, type Subject } from '../Subject';

/** [P5] a rule that does not answer `true` denies: fail closed, whatever went wrong. */
const subject = { id: 'u', kind: 'USER', displayName: 'U', roles: ['OFFICER'], command: 'C', assignment: 'A', agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: false, mfa: false } as Subject;
const ctx = () => policyContext(subject, null);
let n = 0;
const answering = (answer: () => unknown) => rule(`test-${n++}`, { cache: 'no_cache' })(async () => answer() as boolean);

describe('evaluateRule: only `true` allows', () => {
  it('true allows', async () => {
    expect(await evaluateRule(answering(() => true), ctx())).toEqual({ allowed: true });
  });

  it('a denial is returned as the reason', async () => {
    const denial = new PolicyDenial('MISSING_ROLE', 'no role');
    expect(await evaluateRule(answering(() => denial), ctx())).toEqual({ allowed: false, denial });
  });

  it.each([
    { rule: 'false denies by policy', answer: () => false, message: 'denied by policy' },
    // graphql-shield reads a string as a custom error message: a failed rule.
    { rule: 'a string is a failed rule', answer: () => 'yes', message: 'policy rule failed' },
    { rule: 'an error returned is a failed rule', answer: () => new Error('boom'), message: 'policy rule failed' },
    // graphql-shield catches what a rule throws (allowExternalErrors: false) and answers false.
    { rule: 'a rule that throws denies by policy', answer: () => { throw new Error('boom'); }, message: 'denied by policy' },
  ])('$rule (NO_RULE)', async ({ answer, message }) => {
    const decision = await evaluateRule(answering(answer), ctx());
    expect(decision).toMatchObject({ allowed: false, denial: { reason: 'NO_RULE', message } });
  });

  it('hands the record, the arguments and the caller to the rule', async () => {
    const seen: unknown[] = [];
    const spy = rule(`spy-${n++}`, { cache: 'no_cache' })(async (parent, args, context) => (seen.push(parent, args, context), true));
    const context = ctx();
    await evaluateRule(spy, context, { sealed: true }, { id: 'P1' });
    expect(seen).toEqual([{ sealed: true }, { id: 'P1' }, context]);
  });

  it('a rule cached per arguments (shield\'s `strict`) is decided again for other arguments in the same request', async () => {
    const onlyP1 = rule(`strict-${n++}`, { cache: 'strict' })(async (_parent, args: { id?: string }) => args.id === 'P1');
    const context = ctx();
    expect((await evaluateRule(onlyP1, context, undefined, { id: 'P1' })).allowed).toBe(true);
    expect((await evaluateRule(onlyP1, context, undefined, { id: 'P2' })).allowed).toBe(false);
    expect((await evaluateRule(onlyP1, context, undefined, { id: 'P1' })).allowed).toBe(true);
  });

  it('no rule at all (a rule table missing an entry) is a failed rule: fail closed', async () => {
    for (const missing of [undefined, null, {}]) {
      const decision = await evaluateRule(missing as never, ctx());
      expect(decision).toMatchObject({ allowed: false, denial: { reason: 'NO_RULE', message: 'policy rule failed' } });
    }
  });
});
