import { defineMessages } from '../common/i18n/i18n';

export const ContestMessages = defineMessages({
  'contests.not_found': { vi: 'Không tìm thấy cuộc thi.', en: 'Contest not found.' },
  'contests.category_not_found': {
    vi: 'Không tìm thấy lĩnh vực dự thi.',
    en: 'Category not found.',
  },
  'contests.round_not_found': { vi: 'Không tìm thấy vòng thi.', en: 'Round not found.' },
  'contests.member_not_found': {
    vi: 'Không tìm thấy thành viên của cuộc thi.',
    en: 'Contest member not found.',
  },
  'contests.organizer_required': {
    vi: 'Chỉ ban tổ chức cuộc thi mới được thực hiện thao tác này.',
    en: 'Only the contest organizers may do this.',
  },
  'contests.create_forbidden': {
    vi: 'Chỉ quản trị viên và ban tổ chức mới được tạo cuộc thi.',
    en: 'Only administrators and organizers may create contests.',
  },
  'contests.slug_taken': {
    vi: 'Đường dẫn "{slug}" đã được cuộc thi khác sử dụng.',
    en: 'The slug "{slug}" is already used by another contest.',
  },
  'contests.invalid_slug': {
    vi: 'Chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ: hoi-thi-2026).',
    en: 'Only lower-case ascii letters, digits and dashes (e.g. hoi-thi-2026).',
  },
  'contests.invalid_time_zone': {
    vi: 'Múi giờ không hợp lệ (dùng tên IANA, ví dụ Asia/Ho_Chi_Minh).',
    en: 'Unknown time zone (use an IANA name, e.g. Asia/Ho_Chi_Minh).',
  },
  'contests.weights_sum': {
    vi: 'Tỷ trọng giám khảo và bình chọn phải có tổng bằng 100 (hiện là {sum}).',
    en: 'The jury and public weights must add up to 100 (they add up to {sum}).',
  },
  'contests.invalid_transition': {
    vi: 'Không thể chuyển cuộc thi từ "{from}" sang "{to}". Có thể chuyển sang: {allowed}.',
    en: 'The contest cannot go from "{from}" to "{to}". Allowed: {allowed}.',
    values: { from: 'contestStatus', to: 'contestStatus', allowed: 'contestStatus' },
  },
  'contests.time_zone_locked': {
    vi: 'Không thể đổi múi giờ khi cuộc thi đã có vòng thi.',
    en: 'The time zone cannot change once the contest has rounds.',
  },
  'contests.user_not_found': {
    vi: 'Không tìm thấy tài khoản.',
    en: 'The account does not exist.',
  },
  'contests.invitation_role': {
    vi: 'Chỉ mời được giám khảo (judge) hoặc ban tổ chức (organizer).',
    en: 'Only judges (judge) or organizers (organizer) can be invited.',
  },
  'contests.invitation_one_address': {
    vi: 'Hãy nhập số điện thoại hoặc email, không nhập cả hai.',
    en: 'Enter a phone number or an email, not both.',
  },
  'contests.invitation_code_format': {
    vi: 'Mã mời gồm 8 chữ và số, ví dụ K7M2Q9XA.',
    en: 'An invitation code is 8 letters and digits, e.g. K7M2Q9XA.',
  },
  'contests.invitation_not_found': {
    vi: 'Mã mời không đúng hoặc đã được dùng.',
    en: 'The invitation code is wrong or was already used.',
  },
  'contests.invitation_expired': {
    vi: 'Lời mời đã hết hạn. Hãy nhờ ban tổ chức gửi lại.',
    en: 'The invitation has expired. Ask the organizers to send it again.',
  },
  'contests.invitation_used': {
    vi: 'Lời mời đã được nhận hoặc đã bị huỷ.',
    en: 'The invitation was already accepted or withdrawn.',
  },
  'contests.invitation_other_person': {
    vi: 'Lời mời này gửi tới số điện thoại hoặc email khác với tài khoản của bạn.',
    en: 'This invitation was sent to a phone number or email other than your account’s.',
  },
  'contests.invitation_account_kind': {
    vi: 'Loại tài khoản của bạn không nhận được vai trò này. Hãy liên hệ quản trị viên.',
    en: 'Your kind of account cannot take this role. Please contact an administrator.',
  },
  'contests.invitations_too_many': {
    vi: 'Hội thi đã gửi quá nhiều lời mời trong một giờ. Vui lòng thử lại sau.',
    en: 'This contest sent too many invitations within an hour. Please try again later.',
  },
  'contests.invitation_send_failed': {
    vi: 'Chưa gửi được lời mời. Vui lòng thử lại sau ít phút.',
    en: 'The invitation could not be sent. Please try again in a few minutes.',
  },
  'contests.unknown_categories': {
    vi: 'Có lĩnh vực không thuộc cuộc thi này.',
    en: 'Some categories are not part of this contest.',
  },
  'contests.last_organizer': {
    vi: 'Cuộc thi phải còn ít nhất một người trong ban tổ chức.',
    en: 'A contest must keep at least one organizer.',
  },
  'contests.category_code_taken': {
    vi: 'Mã lĩnh vực "{code}" đã có trong cuộc thi.',
    en: 'The category code "{code}" is already used in this contest.',
  },
  'contests.category_in_use': {
    vi: 'Lĩnh vực đã có bài dự thi, không thể xóa.',
    en: 'The category has entries and cannot be deleted.',
  },
  'contests.media_count_order': {
    vi: 'Số tệp tối thiểu không được lớn hơn tối đa.',
    en: 'The minimum count must not exceed the maximum.',
  },
  'contests.media_duration_order': {
    vi: 'Thời lượng tối thiểu không được lớn hơn tối đa.',
    en: 'The minimum duration must not exceed the maximum.',
  },
  'contests.required_field_unknown': {
    vi: 'Chỉ được chọn trong các giá trị: {values}.',
    en: 'Must be among: {values}.',
    values: { values: 'token:entryField' },
  },
  'contests.invalid_datetime': {
    vi: 'Thời điểm không hợp lệ (ví dụ 2026-03-31T17:00 theo giờ của cuộc thi).',
    en: "Invalid date-time (e.g. 2026-03-31T17:00 in the contest's time zone).",
  },
  'contests.closes_before_opens': {
    vi: 'Thời điểm đóng phải sau thời điểm mở.',
    en: 'The closing time must be after the opening time.',
  },
  'contests.round_position_taken': {
    vi: 'Đã có vòng thi ở thứ tự {position}.',
    en: 'There is already a round at position {position}.',
  },
  'contests.round_order': {
    vi: 'Vòng thứ {position} không được mở trước vòng thứ {previous} (mở lúc {previousOpensAt}).',
    en: 'Round {position} cannot open before round {previous} (which opens at {previousOpensAt}).',
  },
  'contests.round_order_next': {
    vi: 'Vòng thứ {position} không được mở sau vòng thứ {next} (mở lúc {nextOpensAt}).',
    en: 'Round {position} cannot open after round {next} (which opens at {nextOpensAt}).',
  },
  'contests.scope_unit_not_found': {
    vi: 'Không tìm thấy đơn vị hội làm phạm vi vòng thi.',
    en: 'The scope unit does not exist.',
  },
  'contests.round_invalid_transition': {
    vi: 'Không thể chuyển vòng thi từ "{from}" sang "{to}". Có thể chuyển sang: {allowed}.',
    en: 'The round cannot go from "{from}" to "{to}". Allowed: {allowed}.',
    values: { from: 'roundStatus', to: 'roundStatus', allowed: 'roundStatus' },
  },
  'contests.round_not_pending': {
    vi: 'Chỉ xóa được vòng thi chưa mở.',
    en: 'Only a round that has not opened can be deleted.',
  },
  'contests.owner_unit_not_found': {
    vi: 'Không tìm thấy đơn vị hội tổ chức.',
    en: 'The owner unit does not exist.',
  },
  'contests.not_ready': {
    vi: 'Chưa mở được hội thi: còn thiếu {missing}. Bổ sung các mục này trong phần thiết lập rồi mở lại.',
    en: 'The contest cannot open yet: {missing} still missing. Add them in the setup, then open it again.',
    values: { missing: 'checklistItem' },
  },
  'contests.member_role_mismatch': {
    vi: 'Tài khoản loại "{accountRole}" không thể giữ vai trò "{role}" trong cuộc thi.',
    en: 'An account of kind "{accountRole}" cannot hold the contest role "{role}".',
    values: { accountRole: 'userRole', role: 'contestRole' },
  },
  'contests.round_in_use': {
    vi: 'Vòng thi đã có bài dự thi, không thể xóa.',
    en: 'The round has entries and cannot be deleted.',
  },
});
