import { startWithBrowser } from './browser';

/**
 * A browser suite starts its stack and Chromium side by side; when either cannot start, nothing is
 * left running after the suite fails. A stack left starting imports PGlite once Jest has torn the
 * suite down, which crashes the Jest worker and fails the suites it runs next (seen on a machine
 * without Chromium: three unrelated suites failed with the four console suites).
 */
describe('startWithBrowser', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('without Chromium, refuses before the stack is started, saying how to install it', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const start = jest.fn(async () => ({ close: async () => undefined }));
    await expect(startWithBrowser(start)).rejects.toThrow('no Chromium at /nonexistent/chromium: apt-get install chromium (CI does), or set CHROMIUM_PATH');
    expect(start).not.toHaveBeenCalled();
  });

  it('a browser that fails to launch: the stack started beside it is closed, and the launch error thrown', async () => {
    process.env.CHROMIUM_PATH = '/bin/false';
    const close = jest.fn(async () => undefined);
    await expect(startWithBrowser(async () => ({ close }))).rejects.toThrow(/launch/i);
    expect(close).toHaveBeenCalledTimes(1);
  });
});
