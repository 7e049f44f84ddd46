import { oversizedInputError } from '../oversizedInputError';

/** The refusal a caller gets for an argument over its schema bound: BAD_USER_INPUT (SPEC §5), saying which and by how much. */
describe('an argument over its bound is refused as bad user input, naming it', () => {
  it('a string over maxLength: characters, the bound under its own name', () => {
    const error = oversizedInputError({ field: 'Query.searchByDescription', argument: 'description.identifyingMark', bound: 'maxLength', max: 200, actual: 900_000 });
    expect(error.message).toBe('Query.searchByDescription: argument description.identifyingMark has 900000 characters; at most 200');
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'Query.searchByDescription',
      argument: 'description.identifyingMark',
      maxLength: 200,
      http: { status: 400 },
    });
  });

  it('a list over maxItems: items, the bound under its own name', () => {
    const error = oversizedInputError({ field: 'Query.complaintsByNumber', argument: 'numbers', bound: 'maxItems', max: 100, actual: 101 });
    expect(error.message).toBe('Query.complaintsByNumber: argument numbers has 101 items; at most 100');
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'Query.complaintsByNumber', argument: 'numbers', maxItems: 100, http: { status: 400 } });
  });
});
