import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner } from '@nestjs/core';
import type { NestContainer } from '@nestjs/core/injector/container';
import { startTestApp, TestApp } from './support/test-app';

interface Operation {
  summary?: string;
  responses?: Record<string, unknown>;
}

/** Every route the application serves must be described in /docs, with a summary and responses. */
describe('OpenAPI coverage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('documents every controller route', async () => {
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const container = (t.app as unknown as { container: NestContainer }).container;
    const scanner = new MetadataScanner();
    const controllers = [...container.getModules().values()].flatMap((m) => [
      ...m.controllers.values(),
    ]);
    const missing: string[] = [];
    let routes = 0;
    for (const wrapper of controllers) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) continue;
      const prefixes = [
        Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string | string[],
      ].flat();
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        for (const prefix of prefixes) {
          for (const p of [path].flat()) {
            routes++;
            const full = `/${[prefix, p].filter((x) => x && x !== '/').join('/')}`
              .replace(/\/+/g, '/')
              .replace(/\/$/, '')
              .replace(/:(\w+)/g, '{$1}');
            const verb = RequestMethod[method].toLowerCase();
            const op = doc.paths[full || '/']?.[verb];
            if (!op) missing.push(`${verb.toUpperCase()} ${full} (not documented)`);
            else if (!op.summary) missing.push(`${verb.toUpperCase()} ${full} (no summary)`);
            else if (!op.responses || Object.keys(op.responses).length === 0)
              missing.push(`${verb.toUpperCase()} ${full} (no responses)`);
          }
        }
      }
    }
    expect(routes).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
