import { defineMessages } from '../common/i18n/i18n';

export const RealtimeMessages = defineMessages({
  'realtime.bad_payload': {
    vi: 'Dữ liệu gửi qua kết nối trực tiếp không hợp lệ.',
    en: 'The realtime message is invalid.',
  },
  'realtime.unknown_room': { vi: 'Không có phòng này.', en: 'There is no such room.' },
  'realtime.room_forbidden': {
    vi: 'Bạn không được theo dõi phòng này.',
    en: 'You may not follow this room.',
  },
  'realtime.rate_limited': {
    vi: 'Gửi quá nhanh, vui lòng chậm lại.',
    en: 'Too many messages; slow down.',
  },
  'realtime.origin_forbidden': {
    vi: 'Nguồn kết nối không được phép.',
    en: 'The connection origin is not allowed.',
  },
});
