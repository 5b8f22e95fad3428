import { defineMessages } from '../common/i18n/i18n';

export const PhoneVerificationMessages = defineMessages({
  'phone_verification.invalid_phone': {
    vi: 'Số điện thoại không hợp lệ (ví dụ: 0912 345 678).',
    en: 'The phone number is not valid (for example 0912 345 678).',
  },
  'phone_verification.send_limited': {
    vi: 'Bạn đã yêu cầu quá nhiều mã, vui lòng thử lại sau {retryAfter} giây.',
    en: 'Too many codes were requested; try again in {retryAfter} seconds.',
  },
  'phone_verification.send_failed': {
    vi: 'Chưa gửi được mã xác minh, vui lòng thử lại sau giây lát.',
    en: 'The code could not be sent; please try again shortly.',
  },
  'phone_verification.no_code': {
    vi: 'Chưa có mã xác minh nào cho số này, hãy bấm "Gửi mã".',
    en: 'No code was sent to this number; request one first.',
  },
  'phone_verification.code_expired': {
    vi: 'Mã xác minh đã hết hạn, hãy yêu cầu mã mới.',
    en: 'The code has expired; request a new one.',
  },
  'phone_verification.wrong_code': {
    vi: 'Mã xác minh không đúng (còn {remaining} lần thử).',
    en: 'The code is wrong ({remaining} tries left).',
  },
  'phone_verification.too_many_attempts': {
    vi: 'Đã nhập sai quá số lần cho phép, hãy yêu cầu mã mới.',
    en: 'Too many wrong codes; request a new one.',
  },
  'phone_verification.sms_text': {
    vi: 'Ma xac minh binh chon Hoi Thi: {code} (het han sau {minutes} phut). Khong chia se ma nay.',
    en: 'Hoi Thi voting code: {code} (expires in {minutes} minutes). Do not share it.',
  },
});
