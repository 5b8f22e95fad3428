import { defineMessages } from '../common/i18n/i18n';

export const UserMessages = defineMessages({
  'users.not_found': { vi: 'Không tìm thấy người dùng.', en: 'User not found.' },
  'users.password_required': {
    vi: 'Để đổi email hoặc số điện thoại, hãy nhập mật khẩu hiện tại.',
    en: 'Enter your current password to change your email or phone number.',
  },
  'users.wrong_password': {
    vi: 'Mật khẩu hiện tại không đúng; email và số điện thoại chưa được đổi.',
    en: 'The current password is incorrect; the email and phone number were not changed.',
  },
  'users.email_taken': {
    vi: 'Email này đã được đăng ký.',
    en: 'This email is already registered.',
  },
  'users.phone_taken': {
    vi: 'Số điện thoại này đã được đăng ký.',
    en: 'This phone number is already registered.',
  },
  'users.identifier_required': {
    vi: 'Cần có email hoặc số điện thoại.',
    en: 'An email or a phone number is required.',
  },
  'users.unit_not_found': {
    vi: 'Không tìm thấy đơn vị hội, hoặc đơn vị không còn hoạt động.',
    en: 'The union unit does not exist or is no longer active.',
  },
  'users.cannot_delete_self': {
    vi: 'Không thể tự xóa tài khoản của chính mình.',
    en: 'You cannot delete your own account.',
  },
  'users.cannot_change_self': {
    vi: 'Không thể tự đổi loại hoặc trạng thái tài khoản của chính mình.',
    en: 'You cannot change the kind or status of your own account.',
  },
  'users.contest_roles_held': {
    vi: 'Tài khoản đang giữ vai trò trong cuộc thi mà loại tài khoản mới không được giữ; hãy gỡ các vai trò đó trước.',
    en: 'The account holds contest roles that the new kind of account may not hold; remove them first.',
  },
});
