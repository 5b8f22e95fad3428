import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsEnum,
  IsInt,
  IsString,
  Max,
  MaxLength,
  MinLength,
  ValidateNested,
  validate,
} from 'class-validator';
import { AppError } from '../errors/app-error';
import { createValidationPipe, flattenValidationErrors } from './validation.pipe';

enum Kind {
  Individual = 'individual',
  Collective = 'collective',
}

class Member {
  @IsString()
  @MinLength(2)
  name: string;
}

class Entry {
  @IsString()
  @MaxLength(10)
  title: string;

  @IsInt()
  @Max(7)
  minutes: number;

  @IsEnum(Kind)
  kind: Kind;

  @IsString()
  @MinLength(8, { context: { code: 'field.isStrongPassword' } })
  secret: string;

  @ValidateNested({ each: true })
  @Type(() => Member)
  members: Member[];
}

const metadata: ArgumentMetadata = { type: 'body', metatype: Entry };

async function fieldErrors(body: unknown) {
  try {
    await createValidationPipe().transform(body, metadata);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('common.validation_failed');
    return (err as AppError).fieldErrors;
  }
  throw new Error('the body was accepted');
}

describe('flattenValidationErrors', () => {
  it('gives one entry per broken rule, with the limits as parameters', async () => {
    const errors = await fieldErrors({
      title: 'x'.repeat(11),
      minutes: 9,
      kind: 'solo',
      secret: 'short',
      members: [{ name: 'Hoa' }, { name: 'A' }],
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'title', code: 'field.maxLength', params: expect.objectContaining({ max: '10' }) },
        { field: 'minutes', code: 'field.max', params: expect.objectContaining({ max: '7' }) },
        {
          field: 'kind',
          code: 'field.isEnum',
          params: expect.objectContaining({ values: 'individual, collective' }),
        },
        { field: 'secret', code: 'field.isStrongPassword', params: expect.anything() },
        {
          field: 'members.1.name',
          code: 'field.minLength',
          params: expect.objectContaining({ min: '2' }),
        },
      ]),
    );
    expect(errors).toHaveLength(5);
  });

  it('names unknown fields, nested ones too', async () => {
    const errors = await fieldErrors({
      title: 'ok',
      minutes: 5,
      kind: 'individual',
      secret: 'long enough',
      members: [{ name: 'Hoa', role: 'x' }],
      admin: true,
    });
    expect(errors.map((e) => [e.field, e.code]).sort()).toEqual([
      ['admin', 'field.unknown'],
      ['members.0.role', 'field.unknown'],
    ]);
  });

  it('does not convert types implicitly', async () => {
    const errors = await fieldErrors({
      title: 5,
      minutes: '5',
      kind: 'individual',
      secret: 'long enough',
      members: [],
    });
    expect(errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'minutes:field.isInt',
      'minutes:field.max',
      'title:field.isString',
      'title:field.maxLength',
    ]);
  });

  it('falls back to field.invalid for a rule without a message', async () => {
    class Odd {
      @MinLength(1, { context: {} })
      @IsString()
      value: string;
    }
    const errors = await validate(Object.assign(new Odd(), { value: 1 }));
    const flat = flattenValidationErrors(errors, 'outer');
    expect(flat.map((e) => e.field)).toEqual(['outer.value', 'outer.value']);
    expect(flat.map((e) => e.code).sort()).toEqual(['field.isString', 'field.minLength']);
    // a constraint name without a registered message
    const fake = flattenValidationErrors([
      { property: 'x', constraints: { somethingNew: 'bad' }, children: [] },
    ]);
    expect(fake).toEqual([{ field: 'x', code: 'field.invalid', params: expect.anything() }]);
  });

  it('accepts a valid body and returns an instance', async () => {
    const value = await createValidationPipe().transform(
      {
        title: 'ok',
        minutes: 5,
        kind: 'collective',
        secret: 'long enough',
        members: [{ name: 'Hoa' }],
      },
      metadata,
    );
    expect(value).toBeInstanceOf(Entry);
  });
});
