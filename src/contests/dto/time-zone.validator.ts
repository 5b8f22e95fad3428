import { ValidationOptions, ValidateBy } from 'class-validator';
import { isValidTimeZone } from '../../common/time/zoned-time';

/** An IANA time zone name the platform knows ("Asia/Ho_Chi_Minh"). */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value: unknown) => isValidTimeZone(value),
        // a non-empty message: class-validator drops the context of an empty one
        defaultMessage: () => '$property must be an IANA time zone',
      },
    },
    { ...options, context: { code: 'contests.invalid_time_zone', ...options?.context } },
  );
}
