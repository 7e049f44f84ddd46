import { SessionsSeen } from '../SessionsSeen';

/** [P18] the first request of each session leaves a LOGON event: an extra one, never a missing one. */
describe('SessionsSeen: the first time of each session', () => {
  it('is the first time once per session', () => {
    const seen = new SessionsSeen();
    expect(seen.firstTime('s1')).toBe(true);
    expect(seen.firstTime('s1')).toBe(false);
    expect(seen.firstTime('s2')).toBe(true);
  });

  it('a logon that could not be recorded is tried again on the next request', () => {
    const seen = new SessionsSeen();
    seen.firstTime('s1');
    seen.forget('s1');
    expect(seen.firstTime('s1')).toBe(true);
  });

  it('bounded: past its capacity it forgets the oldest session (whose logon is recorded again), not the newest', () => {
    const seen = new SessionsSeen(2);
    seen.firstTime('oldest');
    seen.firstTime('middle');
    expect(seen.firstTime('newest')).toBe(true);
    expect(seen.firstTime('middle')).toBe(false);
    expect(seen.firstTime('newest')).toBe(false);
    expect(seen.firstTime('oldest')).toBe(true);
  });

  it('the default capacity holds many sessions', () => {
    const seen = new SessionsSeen();
    for (let i = 0; i < 1000; i++) seen.firstTime(`s${i}`);
    expect(seen.firstTime('s0')).toBe(false);
  });
});
