import * as v from 'valibot';

/** Vietnamese mobile numbers as people type them: 0912 345 678, +84 912 345 678, 84912345678. */
const VN_PHONE = /^(?:\+?84|0)(?:3|5|7|8|9)\d{8}$/;
export const phoneOk = (s: string) => VN_PHONE.test(s.replace(/[\s.\-()]/g, ''));
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Messages are catalogue keys (shown through t()). */
export const loginSchema = v.object({
  identifier: v.pipe(v.string(), v.trim(), v.nonEmpty('form.identifierRequired')),
  password: v.pipe(v.string(), v.nonEmpty('form.passwordRequired')),
});

export const contactSchema = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('form.contactRequired'),
  v.check((s) => phoneOk(s) || EMAIL.test(s), 'form.contactInvalid'),
);

export const registerSchema = v.object({
  fullName: v.pipe(v.string(), v.trim(), v.minLength(2, 'form.nameRequired'), v.maxLength(200, 'form.tooLong')),
  contact: contactSchema,
  password: v.pipe(v.string(), v.minLength(8, 'form.passwordShort')),
  unitId: v.pipe(v.string(), v.nonEmpty('form.unitRequired')),
});

export const phoneSchema = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('form.phoneRequired'),
  v.check(phoneOk, 'form.phoneInvalid'),
);

export const resetSchema = v.object({
  code: v.pipe(v.string(), v.trim(), v.regex(/^\d{4,8}$/, 'form.codeInvalid')),
  newPassword: v.pipe(v.string(), v.minLength(8, 'form.passwordShort')),
});

export const entrySchema = v.object({
  title: v.pipe(v.string(), v.trim(), v.minLength(3, 'form.titleShort'), v.maxLength(300, 'form.tooLong')),
});

export const memberSchema = v.pipe(v.string(), v.trim(), v.nonEmpty('form.memberRequired'), v.maxLength(200, 'form.tooLong'));

/** First problem per field, as catalogue keys (empty when the input is valid). */
export function problems<S extends v.GenericSchema>(schema: S, input: unknown): Record<string, string> {
  const result = v.safeParse(schema, input);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.issues) {
    const key = v.getDotPath(issue) ?? '_';
    out[key] ??= issue.message;
  }
  return out;
}

/** Splits "phone or email" into the field the service expects. */
export function contactFields(contact: string): { phone?: string; email?: string } {
  const s = contact.trim();
  return s.includes('@') ? { email: s } : { phone: s };
}

/** A stored number (+84912345678) as people here write it: 0912 345 678. Others stay as they are. */
export function localPhone(e164: string | null | undefined): string {
  const m = /^\+84(\d{3})(\d{3})(\d{3})$/.exec(e164 ?? '');
  return m ? `0${m[1]} ${m[2]} ${m[3]}` : (e164 ?? '');
}
