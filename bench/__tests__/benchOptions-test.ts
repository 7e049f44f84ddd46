import { benchOptions, BenchUsageError } from '../benchOptions';

const NAMES = ['persons-with-records', 'fuzzy-search', 'premise-history'];
const refusal = (args: string[]) => {
  try {
    benchOptions(args, NAMES);
  } catch (error) {
    expect(error).toBeInstanceOf(BenchUsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${args.join(' ')}`);
};

describe("npm run bench's arguments", () => {
  test('no argument: every operation, ten rounds of 3 s at 16 connections, nothing profiled', () => {
    expect(benchOptions([], NAMES)).toEqual({ duration: 3, connections: 16, persons: 5000, rounds: 10, operations: [], profile: [], port: 4400 });
  });

  test('values as numbers, operations named, --profile alone profiles (b)', () => {
    const options = benchOptions(['--rounds', '4', '--duration', '5', '--operation', 'fuzzy-search', '--operation', 'premise-history', '--profile'], NAMES);
    expect(options).toMatchObject({ rounds: 4, duration: 5, operations: ['fuzzy-search', 'premise-history'], profile: ['b'] });
    expect(benchOptions(['--profile', 'a,b'], NAMES).profile).toEqual(['a', 'b']);
  });

  test('an unknown option is refused with the usage, not a stack trace', () => {
    expect(refusal(['--profile-none'])).toMatch(/^Unknown option '--profile-none'.*\nusage: npm run bench --/);
  });

  test('an unknown operation is refused, naming the three', () => {
    expect(refusal(['--operation', 'persons'])).toBe('unknown --operation persons; the operations are: persons-with-records, fuzzy-search, premise-history');
  });

  test.each([
    [['--rounds', 'ten'], '--rounds takes a whole number from 1 to 1000, not "ten"'],
    [['--rounds', '0'], '--rounds takes a whole number from 1 to 1000, not "0"'],
    [['--duration', '2.5'], '--duration takes a whole number from 1 to 3600, not "2.5"'],
    [['--connections=-4'], '--connections takes a whole number from 1 to 1000, not "-4"'],
    [['--port', '80'], '--port takes a whole number from 1024 to 65000, not "80"'],
  ])('%j is refused before anything starts', (args, message) => {
    expect(refusal(args)).toContain(message);
  });

  test('--profile names only the three gateways', () => {
    expect(refusal(['--profile', 'b,d'])).toBe('--profile names gateways among a, b, c (comma-separated), not d');
  });
});
