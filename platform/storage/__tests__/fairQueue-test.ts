import { fairQueue } from '../fairQueue';

/** One statement at a time, callers taking turns [issue 20: one caller must not starve the rest]. */
describe('fairQueue', () => {
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

  it("a caller's burst does not queue in front of another caller's one statement", async () => {
    const run = fairQueue();
    const order: string[] = [];
    const work = (name: string) => async () => {
      order.push(name);
      await tick();
      return name;
    };
    const burst = Array.from({ length: 5 }, (_, i) => run('officer', work(`officer ${i}`)));
    const lookup = run('detective', work('detective'));
    await Promise.all([...burst, lookup]);
    // The statement running when the lookup arrives, and the one next in the officer's turn.
    expect(order).toEqual(['officer 0', 'officer 1', 'detective', 'officer 2', 'officer 3', 'officer 4']);
  });

  it('runs one piece of work at a time, in arrival order within a lane', async () => {
    const run = fairQueue();
    let inFlight = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(Array.from({ length: 6 }, (_, i) => run(i % 2 ? 'a' : 'b', async () => {
      most = Math.max(most, ++inFlight);
      await tick();
      order.push(i);
      inFlight--;
    })));
    expect(most).toBe(1);
    expect(order.filter((i) => i % 2)).toEqual([1, 3, 5]);
    expect(order.filter((i) => i % 2 === 0)).toEqual([0, 2, 4]);
  });

  it('a failure is its caller\'s alone: the queue goes on', async () => {
    const run = fairQueue();
    const failed = run('a', async () => { throw new Error('statement failed'); });
    const next = run('b', async () => 'answered');
    await expect(failed).rejects.toThrow('statement failed');
    await expect(next).resolves.toBe('answered');
  });
});
