import pino, { type Logger } from 'pino';

/** Structured JSON logs on stdout; one logger per process, named after the service. */
export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, base: { service } });
}
