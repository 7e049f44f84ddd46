import { shield } from 'graphql-shield';
import { evaluateRule, type Decision } from '../evaluateRule';
import { agreementSystems, categoryAllowed, fieldRule, juvenileRecordVisible, sealedRecordVisible, trainedForAny, type ShieldRule } from '../rules';
import { STATUTORY_EXCEPTION_CODES, type StatutoryExceptionCode } from '../statutoryExceptions';
import { policyContext, type AgreementScope, type DeclaredPurpose, type Subject } from '../Subject';
import { CATEGORY_NAMES, PURPOSES, ROLES, SYSTEM_TRAINING, type Category, type Purpose, type Role } from '../vocabulary';
import { AGREEMENT_GRANTABLE } from '../agreementScope';
import { allowedByPolicy } from './accessTableAsWritten';
import { covers, EXCEPTION_USERS, SEALED_OVERSIGHT } from './sealedRecordsAsWritten';

/**
 * The graphql-shield rules of policy/rules.ts, each alone, as the policy reads: the training of
 * the systems serving a field [P8], the order in which a refusal is given, sealed [P12] and
 * juvenile records, one request asking for many fields. The access table itself, row by row, is
 * accessTable-test.ts (through `categoryAllowed`) and, through the field rule, the last block here.
 */
const ALL_COURSES = [...new Set(Object.values(SYSTEM_TRAINING))];
const RECORD_SYSTEMS = Object.keys(SYSTEM_TRAINING);

function caller(roles: Role[], trainings: readonly string[] = ALL_COURSES, agreement?: AgreementScope): Subject {
  return {
    id: 'u1', kind: 'USER', displayName: 'U', roles, command: '075 PCT', assignment: 'DETECTIVE SQUAD',
    agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: trainings, remote: false, mfa: true,
    ...(agreement ? { agreement } : {}),
  };
}
const declared = (code: Purpose, exception?: { code: StatutoryExceptionCode; reference: string }): DeclaredPurpose => ({
  code, caseNumber: 'C-2026-0001', justification: 'rules test', ...(exception ? { exception } : {}),
});
const decide = (rule: ShieldRule, subject: Subject, purpose: DeclaredPurpose | null, record?: unknown) =>
  evaluateRule(rule, policyContext(subject, purpose), record);
const reasonOf = (decision: Decision) => (decision.allowed ? 'ALLOWED' : decision.denial.reason);

describe('[P8] a record field needs current training for a system that serves it', () => {
  it.each(RECORD_SYSTEMS.map((system) => [system, SYSTEM_TRAINING[system]!]))(
    'a detective untrained for %s is refused MISSING_TRAINING naming %s',
    async (system, course) => {
      const decision = await decide(fieldRule('RECORD', [system]), caller(['DETECTIVE'], []), declared('CRIMINAL_INVESTIGATION'));
      expect(decision.allowed).toBe(false);
      if (decision.allowed) return;
      expect(decision.denial.reason).toBe('MISSING_TRAINING');
      expect(decision.denial.detail).toEqual({ training: [course] });
      expect(decision.denial.message).toBe(`training required first: ${course}`);
    },
  );

  it.each(RECORD_SYSTEMS.map((system) => [system, SYSTEM_TRAINING[system]!]))(
    'a detective trained for %s (%s) reads its fields',
    async (system, course) => {
      expect(await decide(fieldRule('RECORD', [system]), caller(['DETECTIVE'], [course]), declared('CRIMINAL_INVESTIGATION'))).toEqual({ allowed: true });
    },
  );

  it.each(RECORD_SYSTEMS.flatMap((system) => ALL_COURSES.filter((course) => course !== SYSTEM_TRAINING[system]).map((other) => [system, other])))(
    'training for another system does not count: %s with only %s is refused',
    async (system, other) => {
      const decision = await decide(fieldRule('RECORD', [system]), caller(['DETECTIVE'], [other]), declared('CRIMINAL_INVESTIGATION'));
      expect(reasonOf(decision)).toBe('MISSING_TRAINING');
    },
  );

  it('a field served by two systems needs the training of either, and a refusal names both courses', async () => {
    const shared = fieldRule('RECORD', ['warrants', 'complaints-arrests']);
    const purpose = declared('CRIMINAL_INVESTIGATION');
    expect(await decide(shared, caller(['DETECTIVE'], ['ERMS-OUTSIDE-AGENCY-RECORDS']), purpose)).toEqual({ allowed: true });
    expect(await decide(shared, caller(['DETECTIVE'], ['ERMS-INTERNAL-RECORDS']), purpose)).toEqual({ allowed: true });
    const untrained = await decide(shared, caller(['DETECTIVE'], []), purpose);
    expect(untrained.allowed || [untrained.denial.reason, untrained.denial.detail, untrained.denial.message]).toEqual([
      'MISSING_TRAINING',
      { training: ['ERMS-INTERNAL-RECORDS', 'ERMS-OUTSIDE-AGENCY-RECORDS'] },
      'training required first: ERMS-INTERNAL-RECORDS or ERMS-OUTSIDE-AGENCY-RECORDS',
    ]);
  });

  it('two systems sharing one course are one requirement: the refusal names it once', async () => {
    const decision = await decide(fieldRule('RECORD', ['calls', 'complaints-arrests']), caller(['DETECTIVE'], []), declared('CRIMINAL_INVESTIGATION'));
    expect(decision.allowed || decision.denial.detail).toEqual({ training: ['ERMS-INTERNAL-RECORDS'] });
  });

  it('a system no course covers (the directory, people) needs none', async () => {
    for (const systems of [['people'], []]) {
      expect(await decide(fieldRule('RECORD', systems), caller(['OFFICER'], []), declared('CRIMINAL_INVESTIGATION'))).toEqual({ allowed: true });
      expect(await decide(trainedForAny(systems), caller(['OFFICER'], []), null)).toEqual({ allowed: true });
    }
  });

  it('a system with a course is not waived because another serving it has none', async () => {
    const decision = await decide(fieldRule('RECORD', ['people', 'warrants']), caller(['DETECTIVE'], []), declared('CRIMINAL_INVESTIGATION'));
    expect(reasonOf(decision)).toBe('MISSING_TRAINING');
  });

  // The purpose-free categories release no record: your own profile, the directory, grants, agreements, saved queries.
  const purposeFreeGrants: [Role, Category][] = [
    ['OFFICER', 'SELF'], ['ANALYST', 'WORKSPACE'], ['ADMIN', 'DIRECTORY'], ['ADMIN', 'ADMINISTRATION'], ['SUPERVISOR', 'COMMERCIAL_COST'],
    ['PRIVACY_OFFICER', 'ROLE_GRANTS'], ['COMMANDING_OFFICER', 'GRANT_APPROVAL'], ['LEGAL', 'AGREEMENTS'], ['LEGAL', 'PARTNER_REQUESTS'],
  ];
  it.each(purposeFreeGrants)('%s reaches %s untrained and without a purpose, whatever system serves it', async (role, category) => {
    for (const systems of [RECORD_SYSTEMS, ['governance']]) {
      expect(await decide(fieldRule(category, systems), caller([role], []), null)).toEqual({ allowed: true });
    }
  });
});

describe('a refusal says first what the caller most needs to hear', () => {
  it('no role for the category is said before missing training: MISSING_ROLE, naming the category and the roles', async () => {
    const decision = await decide(fieldRule('RECORD', ['complaints-arrests']), caller(['VENDOR'], []), declared('CRIMINAL_INVESTIGATION'));
    expect(decision.allowed || [decision.denial.reason, decision.denial.detail, decision.denial.message]).toEqual([
      'MISSING_ROLE', { category: 'RECORD', roles: ['VENDOR'] }, 'no role of yours may see RECORD data',
    ]);
  });

  it('a purpose the roles do not hold is said before missing training: PURPOSE_NOT_PERMITTED, naming category, purpose and roles', async () => {
    const decision = await decide(fieldRule('IDENTIFYING', ['warrants']), caller(['OFFICER'], []), declared('FOIL'));
    expect(decision.allowed || [decision.denial.reason, decision.denial.detail, decision.denial.message]).toEqual([
      'PURPOSE_NOT_PERMITTED', { category: 'IDENTIFYING', purpose: 'FOIL', roles: ['OFFICER'] },
      'IDENTIFYING data is not available to your roles for FOIL',
    ]);
  });

  it('record data without a declared purpose: MISSING_PURPOSE, naming the category', async () => {
    const decision = await decide(fieldRule('RECORD', ['calls']), caller(['OFFICER'], []), null);
    expect(decision.allowed || [decision.denial.reason, decision.denial.detail, decision.denial.message]).toEqual([
      'MISSING_PURPOSE', { category: 'RECORD' }, 'RECORD data needs a declared purpose',
    ]);
  });

  it('one role granting the purpose is enough, whatever the caller\'s other roles', async () => {
    const purpose = declared('FOIL');
    expect(await decide(categoryAllowed('RECORD'), caller(['OFFICER', 'PRIVACY_OFFICER']), purpose)).toEqual({ allowed: true });
    expect(await decide(categoryAllowed('RECORD'), caller(['ADMIN', 'PRIVACY_OFFICER']), purpose)).toEqual({ allowed: true });
  });
});

describe('one request asking for many fields: each is decided on its own rule', () => {
  // The rules are cached per request (graphql-shield's `contextual` cache, keyed by rule name).
  it('a category allowed does not answer for another category in the same request', async () => {
    const context = policyContext(caller(['DETECTIVE']), declared('CRIMINAL_INVESTIGATION'));
    expect((await evaluateRule(categoryAllowed('RECORD'), context)).allowed).toBe(true);
    expect(reasonOf(await evaluateRule(categoryAllowed('IMAGE'), context))).toBe('PURPOSE_NOT_PERMITTED');
    expect(reasonOf(await evaluateRule(categoryAllowed('AUDIT_LOG'), context))).toBe('MISSING_ROLE');
    expect((await evaluateRule(categoryAllowed('CONFIDENTIAL_ADDRESS'), context)).allowed).toBe(true);
  });

  it('training for one system does not answer for another system in the same request', async () => {
    const context = policyContext(caller(['DETECTIVE'], ['ERMS-OUTSIDE-AGENCY-RECORDS']), declared('CRIMINAL_INVESTIGATION'));
    expect((await evaluateRule(fieldRule('RECORD', ['warrants']), context)).allowed).toBe(true);
    expect(reasonOf(await evaluateRule(fieldRule('RECORD', ['calls']), context))).toBe('MISSING_TRAINING');
    expect(reasonOf(await evaluateRule(fieldRule('RECORD', ['commercial']), context))).toBe('MISSING_TRAINING');
  });

  it('a field rule is the rule of its category and systems, whichever field asked first', async () => {
    const officer = caller(['OFFICER']);
    const purpose = declared('CRIMINAL_INVESTIGATION');
    expect((await decide(fieldRule('SELF', ['complaints-arrests']), officer, null)).allowed).toBe(true);
    expect(reasonOf(await decide(fieldRule('RECORD', ['complaints-arrests']), officer, null))).toBe('MISSING_PURPOSE');
    expect(reasonOf(await decide(fieldRule('IMAGE', ['complaints-arrests']), officer, purpose))).toBe('MISSING_ROLE');
    expect(reasonOf(await decide(fieldRule('RECORD', ['commercial']), caller(['OFFICER'], ['ERMS-INTERNAL-RECORDS']), purpose))).toBe('MISSING_TRAINING');
  });

  it('one rule per category and set of systems, in whatever order the systems are named: built once, decided once a request', () => {
    for (const category of CATEGORY_NAMES) {
      expect(fieldRule(category, ['warrants', 'calls'])).toBe(fieldRule(category, ['calls', 'warrants']));
      expect(agreementSystems(category, ['warrants', 'calls'])).toBe(agreementSystems(category, ['calls', 'warrants']));
    }
  });

  it('every field rule of a schema fits in one shield (shield refuses two rules under one name)', () => {
    const fields: Record<string, ShieldRule> = {};
    const systemSets = [[], ['complaints-arrests'], ['calls'], ['warrants', 'complaints-arrests'], ['complaints-arrests', 'warrants'], ['calls', 'complaints-arrests']];
    for (const category of CATEGORY_NAMES) {
      fields[`${category}_alone`] = categoryAllowed(category);
      systemSets.forEach((systems, i) => {
        fields[`${category}_${i}`] = fieldRule(category, systems);
        fields[`${category}_${i}_again`] = fieldRule(category, [...systems]);
      });
    }
    expect(() => shield({ Query: fields, Arrest: { sealed: sealedRecordVisible, juvenile: juvenileRecordVisible } })).not.toThrow();
  });
});

describe('[P12] a sealed record, role × purpose × exception: every combination', () => {
  it.each(ROLES)('%s: sealed records, with no exception named', async (role) => {
    for (const purpose of PURPOSES) {
      const decision = await decide(sealedRecordVisible, caller([role]), declared(purpose), { sealed: true });
      expect([purpose, reasonOf(decision)]).toEqual([purpose, covers(SEALED_OVERSIGHT, role, purpose) ? 'ALLOWED' : 'SEALED_RECORD']);
    }
    expect(reasonOf(await decide(sealedRecordVisible, caller([role]), null, { sealed: true }))).toBe('SEALED_RECORD');
  });

  it.each(ROLES)('%s: sealed records under each statutory exception', async (role) => {
    for (const code of STATUTORY_EXCEPTION_CODES) {
      for (const purpose of PURPOSES) {
        const decision = await decide(sealedRecordVisible, caller([role]), declared(purpose, { code, reference: '2026-KN-0042' }), { sealed: true });
        expect([code, purpose, reasonOf(decision)]).toEqual([code, purpose, covers(EXCEPTION_USERS[code], role, purpose) ? 'ALLOWED' : 'SEALED_RECORD']);
      }
    }
  });

  it('an exception named without its reference opens nothing', async () => {
    const decision = await decide(sealedRecordVisible, caller(['DETECTIVE']), declared('CRIMINAL_INVESTIGATION', { code: 'CPL_160_50_1_D_II', reference: '' }), { sealed: true });
    expect(reasonOf(decision)).toBe('SEALED_RECORD');
  });

  it('an oversight audit that names an exception it may not use is judged on the exception: refused', async () => {
    const decision = await decide(sealedRecordVisible, caller(['IAB']), declared('AUDIT', { code: 'CPL_160_50_1_D_II', reference: 'X' }), { sealed: true });
    expect(reasonOf(decision)).toBe('SEALED_RECORD');
  });

  it('a record not sealed is seen by every caller, with or without a purpose', async () => {
    for (const role of ROLES) {
      for (const purpose of [...PURPOSES.map((code) => declared(code)), null]) {
        expect(await decide(sealedRecordVisible, caller([role]), purpose, { sealed: false })).toEqual({ allowed: true });
      }
    }
  });

  it.each([['unknown', {}], ['null', { sealed: null }], ['undefined', { sealed: undefined }]])(
    'a record whose sealing is %s counts as sealed (fail closed)',
    async (_how, record) => {
      expect(reasonOf(await decide(sealedRecordVisible, caller(['DETECTIVE']), declared('CRIMINAL_INVESTIGATION'), record))).toBe('SEALED_RECORD');
      expect((await decide(sealedRecordVisible, caller(['IAB']), declared('AUDIT'), record)).allowed).toBe(true);
    },
  );
});

describe('[P12] a juvenile record: only the roles whose work needs it', () => {
  const JUVENILE_READERS: Role[] = ['DETECTIVE', 'IAB', 'PRIVACY_OFFICER'];

  it.each(ROLES)('%s: juvenile records, whatever the purpose', async (role) => {
    for (const purpose of [...PURPOSES.map((code) => declared(code)), null]) {
      const decision = await decide(juvenileRecordVisible, caller([role]), purpose, { juvenile: true });
      expect([purpose?.code, reasonOf(decision)]).toEqual([purpose?.code, JUVENILE_READERS.includes(role) ? 'ALLOWED' : 'JUVENILE_RECORD']);
    }
  });

  it('one reader role among the caller\'s roles is enough', async () => {
    expect((await decide(juvenileRecordVisible, caller(['OFFICER', 'DETECTIVE']), null, { juvenile: true })).allowed).toBe(true);
    expect(reasonOf(await decide(juvenileRecordVisible, caller(['OFFICER', 'ANALYST']), null, { juvenile: true }))).toBe('JUVENILE_RECORD');
  });

  it('a record not juvenile is seen by every caller', async () => {
    for (const role of ROLES) expect(await decide(juvenileRecordVisible, caller([role]), null, { juvenile: false })).toEqual({ allowed: true });
  });

  it.each([['unknown', {}], ['null', { juvenile: null }]])('a record whose age is %s counts as juvenile (fail closed)', async (_how, record) => {
    expect(reasonOf(await decide(juvenileRecordVisible, caller(['OFFICER']), declared('CRIMINAL_INVESTIGATION'), record))).toBe('JUVENILE_RECORD');
    expect((await decide(juvenileRecordVisible, caller(['DETECTIVE']), declared('CRIMINAL_INVESTIGATION'), record)).allowed).toBe(true);
  });
});

/**
 * The field rule (what the gateway removes a field by, and a subgraph refuses it by) is the access
 * table, row by row, for a caller trained for every system; a partner under an agreement granting
 * all an agreement may grant, so the table's PARTNER row is the ceiling [P14].
 */
describe('the field rule reads the access table: role × category × purpose, every row', () => {
  const widest: AgreementScope = { number: 'WIDEST', systems: RECORD_SYSTEMS, categories: [...AGREEMENT_GRANTABLE], purposes: [...PURPOSES] };

  it.each(ROLES)('%s', async (role) => {
    const subject = caller([role], ALL_COURSES, role === 'PARTNER' ? widest : undefined);
    for (const category of CATEGORY_NAMES) {
      for (const purpose of [...PURPOSES, null]) {
        const decision = await decide(fieldRule(category, ['complaints-arrests']), subject, purpose ? declared(purpose) : null);
        expect([category, purpose, decision.allowed]).toEqual([category, purpose, allowedByPolicy(role, category, purpose)]);
      }
    }
  });
});
