/**
 * Every command answers `--help` (or `-h`) with its usage and exits 0, before it reads any
 * configuration or touches any store.
 */
export function answerHelp(usage: string, argv: readonly string[] = process.argv.slice(2)): void {
  if (!argv.includes('--help') && !argv.includes('-h')) return;
  process.stdout.write(`${usage.trim()}\n`);
  process.exit(0);
}
