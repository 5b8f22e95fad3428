import { defineMessages } from '../common/i18n/i18n';

export const IntegrityMessages = defineMessages({
  'integrity.session_not_found': {
    vi: 'Không tìm thấy phiên bình chọn.',
    en: 'The voting session does not exist.',
  },
  'integrity.not_organizer': {
    vi: 'Chỉ ban tổ chức cuộc thi mới được xem và xử lý phiếu bị giữ lại.',
    en: 'Only the contest organizers may review held votes.',
  },
  'integrity.receipt_not_found': {
    vi: 'Không tìm thấy lượt bình chọn với mã biên nhận này.',
    en: 'No vote matches this receipt.',
  },
  'integrity.selection_required': {
    vi: 'Cần chọn các phiếu (voteIds) hoặc chọn tất cả (all: true).',
    en: 'Choose votes (voteIds) or all of them (all: true).',
  },
  'integrity.contest_not_found': {
    vi: 'Không tìm thấy cuộc thi.',
    en: 'The contest does not exist.',
  },
});
