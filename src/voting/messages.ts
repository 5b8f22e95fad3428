import { defineMessages } from '../common/i18n/i18n';

export const VotingMessages = defineMessages({
  'voting.session_not_found': {
    vi: 'Không tìm thấy phiên bình chọn.',
    en: 'The voting session does not exist.',
  },
  'voting.window_closed': {
    vi: 'Phiên bình chọn đang không mở ({state}).',
    en: 'Voting is not open ({state}).',
    values: { state: 'votingState' },
  },
  'voting.entry_not_votable': {
    vi: 'Bài dự thi này hiện không nhận bình chọn.',
    en: 'This entry is not open for votes now.',
  },
  'voting.limit_reached': {
    vi: 'Bạn đã dùng hết lượt bình chọn ({kind}: tối đa {limit}).',
    en: 'You have used all your votes ({kind}: at most {limit}).',
    values: { kind: 'voteLimitKind' },
  },
  'voting.identity_required': {
    vi: 'Cần xác minh người bình chọn ({accepted}).',
    en: 'A voter identity is required ({accepted}).',
    values: { accepted: 'voterIdentity' },
  },
  'voting.device_token_invalid': {
    vi: 'Mã thiết bị bình chọn không hợp lệ hoặc đã hết hạn.',
    en: 'The voting device token is invalid or expired.',
  },
  'voting.device_tokens_limited': {
    vi: 'Mạng hoặc trình duyệt của bạn đã lấy quá nhiều mã thiết bị bình chọn, vui lòng thử lại sau {retryAfter} giây.',
    en: 'Too many voting device tokens were requested from your network or browser; try again in {retryAfter} seconds.',
  },
  'voting.idempotency_key_required': {
    vi: 'Thiếu tiêu đề Idempotency-Key (một UUID do ứng dụng tạo cho mỗi lượt bình chọn).',
    en: 'The Idempotency-Key header is required (a UUID the app makes for each vote).',
  },
  'voting.idempotency_mismatch': {
    vi: 'Mã lượt bình chọn này đã được dùng cho một lượt bình chọn khác.',
    en: 'This vote id was already used for a different vote.',
  },
  'voting.bad_vote': {
    vi: 'Lượt bình chọn không hợp lệ (cần sessionId, entryId và voteId dạng UUID).',
    en: 'The vote is invalid (sessionId, entryId and voteId must be UUIDs).',
  },
  'voting.unavailable': {
    vi: 'Hệ thống tạm thời chưa ghi nhận được lượt bình chọn, vui lòng gửi lại.',
    en: 'The vote could not be recorded right now; please send it again.',
  },
  'voting.busy': {
    vi: 'Hệ thống đang quá tải, vui lòng gửi lại sau giây lát.',
    en: 'The service is busy; please send the vote again shortly.',
  },
  'voting.not_organizer': {
    vi: 'Chỉ ban tổ chức cuộc thi mới được quản lý phiên bình chọn.',
    en: 'Only the contest organizers may manage voting sessions.',
  },
  'voting.round_not_in_contest': {
    vi: 'Vòng thi không thuộc cuộc thi này.',
    en: 'The round is not a round of this contest.',
  },
  'voting.entry_not_in_round': {
    vi: 'Bài dự thi không thuộc vòng thi này hoặc chưa đủ điều kiện bình chọn.',
    en: 'The entry is not in this round or may not receive votes.',
  },
  'voting.round_has_no_entries': {
    vi: 'Vòng thi chưa có bài dự thi nào đủ điều kiện bình chọn.',
    en: 'No entry of the round may receive votes yet.',
  },
  'voting.invalid_schedule': {
    vi: 'Thời điểm đóng phải sau thời điểm mở.',
    en: 'The closing time must be after the opening time.',
  },
  'voting.entry_not_in_session': {
    vi: 'Bài dự thi không thuộc phiên bình chọn này.',
    en: 'The entry is not part of this voting session.',
  },
  'voting.session_closed': {
    vi: 'Phiên bình chọn đã kết thúc, không thể thay đổi.',
    en: 'The voting session has ended and cannot change.',
  },
  'voting.session_ended': {
    vi: 'Phiên bình chọn đã kết thúc nên không thể mở lại hay tạm dừng. Nếu cần bình chọn tiếp, hãy tạo phiên mới.',
    en: 'The voting session has ended and cannot be opened or paused again. Create a new session to take more votes.',
  },
  'voting.round_results_fixed': {
    vi: 'Kết quả của vòng thi này đã được chốt nên không thể mở thêm phiên bình chọn cho vòng.',
    en: 'The results of this round are fixed, so no new voting session can be held for it.',
  },
  'voting.identity_kinds_required': {
    vi: 'Cần chọn ít nhất một cách xác minh người bình chọn.',
    en: 'At least one kind of voter identity is required.',
  },
});
