import '../errors/messages';
import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldError } from '../errors/app-error';
import { hasMessage } from '../i18n/i18n';

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

/** Unknown fields are refused, types are checked, and failures become field errors. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => AppError.validation(flattenValidationErrors(errors)),
  });
}
