import { AsyncLocalStorage } from 'node:async_hooks';

interface Context {
  requestId: string;
}

const storage = new AsyncLocalStorage<Context>();

/** The request id travels with the request's async work, for audit records and logs. */
export const RequestContext = {
  run<T>(requestId: string, fn: () => T): T {
    return storage.run({ requestId }, fn);
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
};
