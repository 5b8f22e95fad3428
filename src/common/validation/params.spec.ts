import 'reflect-metadata';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Body, Param, Query, validationPipe } from './params';

const VALIDATED = new Set<number>([
  RouteParamtypes.BODY,
  RouteParamtypes.QUERY,
  RouteParamtypes.PARAM,
]);

type Arg = { index: number; data?: unknown; pipes: unknown[] };

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? controllerFiles(join(dir, e.name))
      : e.name.endsWith('.controller.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

function argsOf(cls: object, method: string): Record<string, Arg> {
  return (Reflect.getMetadata(ROUTE_ARGS_METADATA, cls.constructor ?? cls, method) ?? {}) as Record<
    string,
    Arg
  >;
}

describe('validated route parameters', () => {
  it('put the validation pipe first, before the pipes a parameter names', () => {
    class Probe {
      handler(_a: unknown, _b: unknown, _c: unknown, _d: unknown) {}
    }
    const extra = { transform: (v: unknown) => v };
    Body()(Probe.prototype, 'handler', 0);
    Param('id', extra)(Probe.prototype, 'handler', 1);
    Query(extra)(Probe.prototype, 'handler', 2);
    Body('name')(Probe.prototype, 'handler', 3);
    const args = Object.values(argsOf(Probe.prototype, 'handler')).sort(
      (a, b) => a.index - b.index,
    );
    expect(args.map((a) => [a.data, a.pipes])).toEqual([
      [undefined, [validationPipe]],
      ['id', [validationPipe, extra]],
      [undefined, [validationPipe, extra]],
      ['name', [validationPipe]],
    ]);
  });

  it('every body, query and path parameter of every controller is validated', () => {
    const files = controllerFiles(join(__dirname, '../..'));
    let checked = 0;
    for (const file of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exports = require(file) as Record<string, unknown>;
      for (const value of Object.values(exports)) {
        if (typeof value !== 'function' || Reflect.getMetadata(PATH_METADATA, value) === undefined)
          continue;
        const proto = value.prototype as Record<string, unknown>;
        for (const method of Object.getOwnPropertyNames(proto)) {
          if (method === 'constructor') continue;
          for (const [key, arg] of Object.entries(argsOf(proto, method))) {
            const type = Number(key.split(':')[0]);
            if (!VALIDATED.has(type)) continue;
            checked++;
            expect({ route: `${value.name}.${method}`, first: arg.pipes[0] }).toEqual({
              route: `${value.name}.${method}`,
              first: validationPipe,
            });
          }
        }
      }
    }
    expect(files.length).toBeGreaterThan(10);
    expect(checked).toBeGreaterThan(100);
  });
});
