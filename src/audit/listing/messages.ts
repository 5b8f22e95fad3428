import { defineMessages } from '../../common/i18n/i18n';

export const AuditMessages = defineMessages({
  'audit.contest_required': {
    vi: 'Hãy chọn cuộc thi bạn tổ chức để xem việc người khác đã làm.',
    en: 'Choose a contest you organize to see what others did.',
  },
  'audit.range_order': {
    vi: 'Thời điểm "đến" phải sau thời điểm "từ".',
    en: 'The end must come after the start.',
  },
  'audit.action_format': {
    vi: 'Thao tác không đúng dạng (ví dụ: contest.member_added hoặc contest.).',
    en: 'Not an action (e.g. contest.member_added or contest.).',
  },
  'audit.subject_type_format': {
    vi: 'Loại đối tượng không đúng dạng (ví dụ: org_unit).',
    en: 'Not a kind of subject (e.g. org_unit).',
  },
  'audit.invalid_cursor': {
    vi: 'Con trỏ trang không hợp lệ.',
    en: 'Invalid page cursor.',
  },
});
