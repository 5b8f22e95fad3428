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
  'auth.role_required': {
    vi: 'Chức năng này dành cho: {roles}.',
    en: 'This is available to: {roles}.',
    values: { roles: 'userRole' },
  },
});
