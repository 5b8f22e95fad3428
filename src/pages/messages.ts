import { defineMessages } from '../common/i18n/i18n';

export const PagesMessages = defineMessages({
  'pages.session_not_found': {
    vi: 'Không tìm thấy phiên bình chọn.',
    en: 'The voting session does not exist.',
  },
  'pages.contest_not_found': {
    vi: 'Không tìm thấy cuộc thi, hoặc cuộc thi chưa công bố.',
    en: 'The contest does not exist or is not public yet.',
  },
});
