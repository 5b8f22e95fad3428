import { defineMessages } from '../common/i18n/i18n';

export const AuthMessages = defineMessages({
  'auth.invalid_credentials': {
    vi: 'Tài khoản hoặc mật khẩu không đúng.',
    en: 'The account or password is incorrect.',
  },
  'auth.locked': {
    vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {retryAfter} giây.',
    en: 'Too many failed logins. Try again in {retryAfter} seconds.',
  },
  'auth.account_disabled': { vi: 'Tài khoản đã bị khóa.', en: 'The account is disabled.' },
  'auth.token_invalid': {
    vi: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn, vui lòng đăng nhập lại.',
    en: 'The session is invalid or has expired; please log in again.',
  },
  'auth.session_revoked': {
    vi: 'Phiên đăng nhập này đã kết thúc (đã đăng xuất, đổi mật khẩu hoặc bị thu hồi). Vui lòng đăng nhập lại.',
    en: 'This login session has ended (logged out, password changed or revoked). Please log in again.',
  },
  'auth.account_deleted': {
    vi: 'Tài khoản này không còn tồn tại.',
    en: 'This account no longer exists.',
  },
  'auth.refresh_invalid': {
    vi: 'Mã làm mới không hợp lệ hoặc đã hết hạn.',
    en: 'The refresh token is invalid or has expired.',
  },
  'auth.refresh_reused': {
    vi: 'Mã làm mới đã được dùng trước đó; mọi phiên của chuỗi này đã bị thu hồi.',
    en: 'The refresh token was already used; every session of its family has been revoked.',
  },
  'auth.wrong_password': {
    vi: 'Mật khẩu hiện tại không đúng.',
    en: 'The current password is incorrect.',
  },
  'auth.csrf_invalid': {
    vi: 'Yêu cầu bị từ chối vì thiếu mã bảo vệ (CSRF). Vui lòng tải lại trang rồi thử lại.',
    en: 'The request was refused: its CSRF protection token is missing or wrong. Reload the page and try again.',
  },
  'auth.reset_no_code': {
    vi: 'Chưa có mã đặt lại mật khẩu nào cho số này. Hãy bấm "Gửi mã" để nhận mã mới.',
    en: 'No password reset code was sent to this number. Request a new code.',
  },
  'auth.reset_code_expired': {
    vi: 'Mã đặt lại mật khẩu đã hết hạn. Hãy bấm "Gửi mã" để nhận mã mới.',
    en: 'The password reset code has expired. Request a new code.',
  },
  'auth.reset_code_wrong': {
    vi: 'Mã đặt lại mật khẩu không đúng (còn {remaining} lần thử). Hãy kiểm tra lại tin nhắn.',
    en: 'The password reset code is wrong ({remaining} tries left). Check the message again.',
  },
  'auth.reset_too_many_attempts': {
    vi: 'Đã nhập sai mã quá số lần cho phép. Hãy bấm "Gửi mã" để nhận mã mới.',
    en: 'Too many wrong codes. Request a new code.',
  },
  'auth.reset_sms_text': {
    vi: 'Ma dat lai mat khau Hoi Thi: {code} (het han sau {minutes} phut). Khong chia se ma nay.',
    en: 'Hoi Thi password reset code: {code} (expires in {minutes} minutes). Do not share it.',
  },
  'auth.role_required': {
    vi: 'Chức năng này dành cho: {roles}.',
    en: 'This is available to: {roles}.',
    values: { roles: 'userRole' },
  },
});
