import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
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

describe('the validation pipe beyond class-validator', () => {
  class Criterion {
    @ApiProperty() @IsString() name: string;
    @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() note?: string | null;
  }

  class Settings {
    @ApiPropertyOptional() @IsOptional() @IsInt() quorum?: number;
    @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() limit?: number | null;
    @ApiPropertyOptional() @IsOptional() @IsString() method?: string;
    @ApiPropertyOptional() @IsOptional() @IsObject() scores?: Record<string, unknown>;
    @ApiPropertyOptional({ type: [Criterion] })
    @IsOptional()
    @ValidateNested({ each: true })
    @Type(() => Criterion)
    criteria?: Criterion[];
  }

  const body: ArgumentMetadata = { type: 'body', metatype: Settings };
  const pipe = createValidationPipe();

  const refused = async (value: unknown, meta: ArgumentMetadata = body) => {
    try {
      await pipe.transform(value, meta);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      return (err as AppError).fieldErrors.map((e) => `${e.field}:${e.code}`);
    }
    throw new Error('accepted');
  };

  it('refuses forbidden text anywhere in a body, keys of free-form objects too', async () => {
    expect(await refused({ method: 'a\u0000b' })).toEqual(['method:field.textControls']);
    expect(await refused({ criteria: [{ name: 'x' }, { name: '\uD800' }] })).toEqual([
      'criteria.1.name:field.textUnicode',
    ]);
    expect(await refused({ scores: { 'c1\u0000': 1 } })).toEqual([
      'scores.c1\uFFFD:field.textControls',
    ]);
    expect(await refused({ scores: { c1: ['\u0085'] } })).toEqual([
      'scores.c1.0:field.textControls',
    ]);
    // in a field the DTO does not know: refused for its text before it is refused as unknown
    expect(await refused({ other: '\uFFFE' })).toEqual(['other:field.textUnicode']);
  });

  it('lets line breaks through in bodies (descriptions), not in query or path parameters', async () => {
    await expect(pipe.transform({ method: 'một\ndòng' }, body)).resolves.toBeInstanceOf(Settings);
    const param: ArgumentMetadata = { type: 'param', metatype: String, data: 'slug' };
    expect(await refused('a\nb', param)).toEqual(['slug:field.textSingleLine']);
    expect(await refused('a\u0000b', param)).toEqual(['slug:field.textControls']);
    await expect(pipe.transform('hoi-thi-2026', param)).resolves.toBe('hoi-thi-2026');
    const query: ArgumentMetadata = { type: 'query', metatype: String, data: 'theme' };
    expect(await refused('\uDC00', query)).toEqual(['theme:field.textUnicode']);
    const whole: ArgumentMetadata = { type: 'query', metatype: Object };
    expect(await refused({ q: 'a\tb' }, whole)).toEqual(['q:field.textSingleLine']);
  });

  it('refuses null for an optional field the API does not document as nullable', async () => {
    expect(await refused({ quorum: null })).toEqual(['quorum:field.notNull']);
    expect(await refused({ method: null, criteria: [{ name: 'x', note: null }, null] })).toEqual(
      expect.arrayContaining(['method:field.notNull']),
    );
    expect(await refused({ criteria: [{ name: null }] })).toEqual([
      'criteria.0.name:field.isString',
    ]);
    const ok = (await pipe.transform(
      { limit: null, criteria: [{ name: 'x', note: null }] },
      body,
    )) as Settings;
    expect(ok.limit).toBeNull();
    expect(ok.criteria![0].note).toBeNull();
  });

  it('leaves omitted fields absent, so spreading a DTO over defaults keeps the defaults', async () => {
    const dto = (await pipe.transform({ quorum: 2, criteria: [{ name: 'x' }] }, body)) as Settings;
    expect(Object.keys(dto).sort()).toEqual(['criteria', 'quorum']);
    expect(Object.keys(dto.criteria![0])).toEqual(['name']);
    const defaults = { quorum: 3, method: 'mean', scores: {} };
    expect({ ...defaults, ...dto }).toEqual({
      quorum: 2,
      method: 'mean',
      scores: {},
      criteria: [expect.objectContaining({ name: 'x' })],
    });
  });
});
