import {
  Body as NestBody,
  Param as NestParam,
  PipeTransform,
  Query as NestQuery,
  Type,
} from '@nestjs/common';
import { createValidationPipe } from './validation.pipe';

type Pipe = PipeTransform | Type<PipeTransform>;

/**
 * The one validation pipe, run first on every request body, query and path parameter (what a
 * global pipe would do). It is attached to these parameters rather than registered globally:
 * Nest runs global pipes on every custom parameter too (the caller from `@CurrentUser()`), and
 * a parameter with a pipe costs each request a chain of promises even when the pipe has
 * nothing to check. ESLint refuses `Body`, `Query` and `Param` from `@nestjs/common`, and a
 * test checks every route parameter of those kinds carries this pipe.
 */
export const validationPipe = createValidationPipe();

function withValidation(
  decorator: (...args: Array<string | Pipe>) => ParameterDecorator,
): (property?: string | Pipe, ...pipes: Pipe[]) => ParameterDecorator {
  return (property, ...pipes) =>
    typeof property === 'string'
      ? decorator(property, validationPipe, ...pipes)
      : property === undefined
        ? decorator(validationPipe, ...pipes)
        : decorator(validationPipe, property, ...pipes);
}

/** `@Body()` of @nestjs/common, validated. */
export const Body = withValidation(
  NestBody as (...args: Array<string | Pipe>) => ParameterDecorator,
);
/** `@Query()` of @nestjs/common, validated. */
export const Query = withValidation(
  NestQuery as (...args: Array<string | Pipe>) => ParameterDecorator,
);
/** `@Param()` of @nestjs/common, validated. */
export const Param = withValidation(
  NestParam as (...args: Array<string | Pipe>) => ParameterDecorator,
);
