/**
 * Runs one piece of work at a time, taking turns between lanes (one lane a caller): a caller
 * with many statements queued waits behind its own, never in front of everyone else's. With a
 * plain first-come queue, an officer's burst of heavy searches put every other user's lookup
 * behind all of them; here the other user's next statement waits for the one running and at
 * most one more of each other caller.
 * Within a lane, work runs in arrival order.
 */
export function fairQueue(): <T>(lane: string, work: () => Promise<T>) => Promise<T> {
  const lanes = new Map<string, (() => Promise<void>)[]>();
  /** Lanes with work waiting, in turn order. */
  const turns: string[] = [];
  let running = false;

  const runNext = (): void => {
    const lane = turns.shift();
    if (lane === undefined) {
      running = false;
      return;
    }
    const waiting = lanes.get(lane)!;
    const task = waiting.shift()!;
    if (waiting.length) turns.push(lane);
    else lanes.delete(lane);
    running = true;
    void task().finally(runNext);
  };

  return <T>(lane: string, work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const task = () => work().then(resolve, reject);
      const waiting = lanes.get(lane);
      if (waiting) waiting.push(task);
      else {
        lanes.set(lane, [task]);
        turns.push(lane);
      }
      if (!running) runNext();
    });
}
