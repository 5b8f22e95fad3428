import { AsyncLocalStorage } from 'node:async_hooks';

/** The request id itself is the stored value: no object to allocate per request. */
const storage = new AsyncLocalStorage<string>();

/** The request id travels with the request's async work, for audit records and logs. */
export const RequestContext = {
  run<T>(requestId: string, fn: () => T): T {
    return storage.run(requestId, fn);
  },
  requestId(): string | undefined {
    return storage.getStore();
  },
};
