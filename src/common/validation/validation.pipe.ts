import '../errors/messages';
import {
  ArgumentMetadata,
  ValidationError,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';
import { getMetadataStorage, ValidatorOptions } from 'class-validator';
import { AppError, FieldError } from '../errors/app-error';
import { hasMessage } from '../i18n/i18n';
import { baseTextProblem, TextProblem } from './text';

const paramsFor = (constraint: string, error: ValidationError): Record<string, unknown> => {
  const c = (error.contexts?.[constraint] ?? {}) as Record<string, unknown>;
  // class-validator messages carry the limits; extract the numbers they name
  const message = error.constraints?.[constraint] ?? '';
  const numbers = message.match(/-?\d+(\.\d+)?/g) ?? [];
  const values = message.match(/following values: (.*)$/)?.[1];
  const { code: _code, ...rest } = c;
  return { min: numbers[0], max: numbers[numbers.length - 1], values, ...rest };
};

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const constraint of Object.keys(error.constraints ?? {})) {
      const contextCode = (error.contexts?.[constraint] as { code?: string } | undefined)?.code;
      const code = contextCode
        ? contextCode
        : constraint === 'whitelistValidation'
          ? 'field.unknown'
          : hasMessage(`field.${constraint}`)
            ? `field.${constraint}`
            : 'field.invalid';
      out.push({ field, code, params: paramsFor(constraint, error) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** A key as a field name: what the text rule refuses in it shown as U+FFFD. */
const keyName = (key: string) =>
  baseTextProblem(key, true) === null
    ? key
    : key.replace(/[\p{Cs}\p{Cc}\uFDD0-\uFDEF\uFFFE\uFFFF]/gu, '\uFFFD');

/**
 * The strings (and keys) of a request value that break the rule every text input must pass
 * (see text.ts), as field errors naming them, in the order of the value; at most `max`.
 * Iterative, and bounded by the value itself (the JSON parser limits its depth). Line breaks
 * and tabs belong in bodies (descriptions), never in a query or path parameter.
 */
export function findTextProblems(
  value: unknown,
  root: string,
  singleLine: boolean,
  max = 20,
): FieldError[] {
  const found: FieldError[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length && found.length < max) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      const problem: TextProblem | null = baseTextProblem(node, singleLine);
      if (problem) found.push({ field: path, code: `field.${problem}` });
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const entries = Object.entries(node as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const field = path ? `${path}.${keyName(key)}` : keyName(key);
      const problem = baseTextProblem(key, true);
      if (problem) found.push({ field, code: `field.${problem}` });
      else stack.push([child, field]);
    }
  }
  return found;
}

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

/**
 * The optional properties of a DTO class that the API does not document as nullable: `null`
 * there is refused. class-validator's IsOptional lets null through as if the field were
 * absent, and the service would then store it (a NOT NULL violation) or read through it.
 */
type DtoClass = abstract new (...args: never[]) => unknown;

const notNullable = new Map<DtoClass, string[]>();

function optionalNotNullable(cls: DtoClass): string[] {
  let names = notNullable.get(cls);
  if (names) return names;
  const optional = getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .filter((m) => m.name === 'isOptional')
    .map((m) => m.propertyName);
  names = [...new Set(optional)].filter((name) => {
    const doc = Reflect.getMetadata(SWAGGER_PROPERTY, cls.prototype as object, name) as
      { nullable?: boolean } | undefined;
    return doc?.nullable !== true;
  });
  notNullable.set(cls, names);
  return names;
}

/** The class instances in `value` (the DTO and its nested DTOs) with their paths. Iterative. */
function instancesIn(value: unknown): [Record<string, unknown>, string][] {
  const found: [Record<string, unknown>, string][] = [];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (node === null || typeof node !== 'object' || node instanceof Date) continue;
    if (!Array.isArray(node) && node.constructor !== Object)
      found.push([node as Record<string, unknown>, path]);
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object')
        stack.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return found;
}

/**
 * The validation pipe: class-validator and class-transformer as configured below, plus what
 * they do not check. Text first: every string and key of a body, query or path parameter goes
 * through the rule every text input must pass (so parameters without a DTO are covered, and
 * the keys of free-form objects); omitted fields come out absent rather than undefined; and
 * `null` is refused where the API does not allow it.
 */
class AppValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const root = metadata.data ?? '';
      const problems = findTextProblems(value, root, metadata.type !== 'body');
      if (problems.length) return Promise.reject(AppError.validation(problems));
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }

  /**
   * Before class-validator: fields a DTO declares but the request left out are own properties
   * holding `undefined` (class fields are defined on the instance); they are removed, so that
   * `{ ...defaults, ...dto }` keeps the defaults and an omitted optional field means what it
   * says. After it: `null` in an optional field the API does not document as nullable.
   */
  protected override validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    const nulls: ValidationError[] = [];
    for (const [instance, path] of instancesIn(object)) {
      for (const key of Object.keys(instance))
        if (instance[key] === undefined) delete instance[key];
      for (const name of optionalNotNullable(instance.constructor as DtoClass)) {
        if (instance[name] === null)
          nulls.push({
            property: path ? `${path}.${name}` : name,
            constraints: { notNull: `${name} must not be null` },
            children: [],
          });
      }
    }
    const errors = super.validate(object, options);
    if (!nulls.length) return errors;
    return Promise.resolve(errors).then((found) => [...found, ...nulls]);
  }
}

/** Unknown fields are refused, types are checked, and failures become field errors. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => AppError.validation(flattenValidationErrors(errors)),
  });
}

/**
 * A request header whose value reaches the database, checked by the one text rule: a 400
 * naming the header when it breaks it.
 */
export function checkedHeader(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return undefined;
  const problem = baseTextProblem(value, true);
  if (problem) throw AppError.validation([{ field: name, code: `field.${problem}` }]);
  return value;
}
