import { controlFor, variablesFrom, type Parameter } from '../parameterControl';

const BOROUGHS = ['BRONX', 'BROOKLYN', 'MANHATTAN', 'QUEENS', 'STATEN_ISLAND'];
const parameter = (type: string, rest: Partial<Parameter> = {}): Parameter => ({
  name: 'p', type, required: type.endsWith('!'), defaultValue: null, description: '', enumValues: null, ...rest,
});

/** The parameter form is generated from the operation's variable types: each type gets the control a person can answer. */
describe('controlFor: a variable type becomes a form control', () => {
  it.each([
    ['Int!', {}, { kind: 'number', list: false, integer: true, required: true, hint: 'required' }],
    ['Float', {}, { kind: 'number', integer: false, required: false, hint: 'optional' }],
    ['Boolean', {}, { kind: 'checkbox', initial: false }],
    ['Boolean', { defaultValue: 'true' }, { kind: 'checkbox', initial: true, hint: 'optional, default true' }],
    ['Date!', {}, { kind: 'date', required: true }],
    ['DateTime', {}, { kind: 'datetime' }],
    ['String', { defaultValue: '"PL 160.10"' }, { kind: 'text', initial: 'PL 160.10', hint: 'optional, default PL 160.10' }],
    ['ID!', {}, { kind: 'text' }],
    ['Int', { defaultValue: '50' }, { kind: 'number', initial: '50', hint: 'optional, default 50' }],
    ['Borough!', { enumValues: BOROUGHS }, { kind: 'select', options: BOROUGHS, list: false }],
    ['[Borough!]', { enumValues: BOROUGHS, defaultValue: '["BRONX"]' }, { kind: 'select', list: true, initial: ['BRONX'] }],
    ['Borough!', {}, { kind: 'json' }],
    ['[Int!]', {}, { kind: 'text', list: true, integer: true }],
    ['[Date]', {}, { kind: 'text', list: true }],
    ['DateRange', { defaultValue: '{"from":"2025-01-01"}' }, { kind: 'json', initial: '{"from":"2025-01-01"}' }],
  ] as const)('%s %j → %j', (type, rest, expected) => {
    expect(controlFor(parameter(type, rest as Partial<Parameter>))).toMatchObject(expected);
  });

  it('an enum whose values the API does not give is a JSON box where a bare name is accepted: never a guessed list', () => {
    const unknown = parameter('Borough!', { name: 'borough', enumValues: [] });
    expect(controlFor(unknown)).toMatchObject({ kind: 'json', options: [] });
    expect(variablesFrom([unknown], { borough: 'BROOKLYN' })).toEqual({ variables: { borough: 'BROOKLYN' }, problems: {} });
  });
});

describe('variablesFrom: what the form holds becomes typed variables, or a problem beside the control', () => {
  const precinct = parameter('Int!', { name: 'precinct' });
  const first = parameter('Int', { name: 'first', defaultValue: '50' });
  const since = parameter('Date', { name: 'since' });
  const borough = parameter('Borough!', { name: 'borough', enumValues: BOROUGHS });
  const boroughs = parameter('[Borough!]', { name: 'boroughs', enumValues: BOROUGHS });
  const codes = parameter('[String!]', { name: 'codes' });
  const juvenile = parameter('Boolean', { name: 'juvenile' });
  const at = parameter('DateTime', { name: 'at' });
  const range = parameter('DateRange', { name: 'range' });

  it.each([
    ['a whole number is sent as a number', [precinct], { precinct: '75' }, { precinct: 75 }],
    ['an empty optional value is left out, so the operation’s default applies', [since], { since: '' }, {}],
    ['the default shown in the control is sent as it stands', [first], {}, { first: 50 }],
    ['a date stays YYYY-MM-DD', [since], { since: '2025-01-31' }, { since: '2025-01-31' }],
    ['an enum value is sent as its name', [borough], { borough: 'BROOKLYN' }, { borough: 'BROOKLYN' }],
    ['an enum list sends the values ticked', [boroughs], { boroughs: ['BRONX', 'QUEENS'] }, { boroughs: ['BRONX', 'QUEENS'] }],
    ['a list is comma-separated, each item trimmed', [codes], { codes: 'PL 160.10, PL 160.15 ,' }, { codes: ['PL 160.10', 'PL 160.15'] }],
    ['a checkbox sends what it shows', [juvenile], { juvenile: true }, { juvenile: true }],
    ['an unticked checkbox sends false', [juvenile], {}, { juvenile: false }],
    ['a date and time is sent as an instant', [at], { at: '2025-03-01T10:30:00Z' }, { at: '2025-03-01T10:30:00.000Z' }],
    ['an input object is written as JSON', [range], { range: '{"from":"2025-01-01"}' }, { range: { from: '2025-01-01' } }],
  ] as const)('%s', (_rule, parameters, values, expected) => {
    expect(variablesFrom(parameters, values as never)).toEqual({ variables: expected, problems: {} });
  });

  it.each([
    ['a required value left empty', precinct, '', 'required'],
    ['a number that is not whole', precinct, '7.5', '“7.5” is not a whole number'],
    ['a date in another order', since, '31/01/2025', '“31/01/2025” is not a date (YYYY-MM-DD)'],
    ['an enum value the supergraph does not have', borough, 'ATLANTIS', '“ATLANTIS” is not one of BRONX, BROOKLYN, MANHATTAN, QUEENS, STATEN_ISLAND'],
    ['JSON that does not parse', range, '{from:', expect.stringMatching(/^not JSON/)],
  ])('refuses %s, and sends nothing', (_rule, p, value, problem) => {
    const result = variablesFrom([p], { [p.name]: value });
    expect(result.problems).toEqual({ [p.name]: problem });
    expect(result.variables).toEqual({});
  });

  it('a required enum list with nothing ticked asks for a value', () => {
    expect(variablesFrom([{ ...boroughs, required: true }], { boroughs: [] }).problems).toEqual({ boroughs: 'choose at least one value' });
  });
});
