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
  'realtime.room_revoked': {
    vi: 'Bạn không còn được theo dõi phòng này nên đã được đưa ra khỏi phòng.',
    en: 'You may no longer follow this room, so you have left it.',
  },
  'realtime.session_unverified': {
    vi: 'Không kiểm tra lại được phiên đăng nhập; vui lòng kết nối lại.',
    en: 'Your login could not be checked again; please reconnect.',
  },
});
