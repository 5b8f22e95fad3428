import { defineMessages } from '../common/i18n/i18n';

export const EntryMessages = defineMessages({
  'entries.not_found': { vi: 'Không tìm thấy bài dự thi.', en: 'Entry not found.' },
  'entries.contest_not_found': { vi: 'Không tìm thấy cuộc thi.', en: 'Contest not found.' },
  'entries.round_not_found': {
    vi: 'Không tìm thấy vòng thi trong cuộc thi này.',
    en: 'Round not found in this contest.',
  },
  'entries.category_not_found': {
    vi: 'Không tìm thấy lĩnh vực trong cuộc thi này.',
    en: 'Category not found in this contest.',
  },
  'entries.invalid_transition': {
    vi: 'Không thể thực hiện "{action}": bài dự thi đang ở trạng thái "{from}". Các thao tác được phép: {allowed}.',
    en: 'Cannot "{action}": the entry is "{from}". Allowed transitions: {allowed}.',
    values: { action: 'entryAction', from: 'entryStatus', allowed: 'entryAction' },
  },
  'entries.reason_required': {
    vi: 'Cần ghi rõ lý do loại bài dự thi.',
    en: 'A reason is required to disqualify an entry.',
  },
  'entries.return_reason_required': {
    vi: 'Cần ghi rõ lý do trả lại bài dự thi để tác giả bổ sung.',
    en: 'A reason is required to return an entry to its contestant.',
  },
  'entries.return_after_deadline': {
    vi: 'Không thể trả lại bài dự thi để bổ sung: đã hết hạn nộp bài lúc {closesAt}, tác giả không còn sửa và nộp lại được.',
    en: 'The entry cannot be returned to its contestant: the submission deadline passed at {closesAt}, so it could not be edited and submitted again.',
  },
  'entries.contest_not_open': {
    vi: 'Cuộc thi không ở trạng thái nhận bài (trạng thái: {status}).',
    en: 'The contest is not accepting entries (status: {status}).',
    values: { status: 'contestStatus' },
  },
  'entries.no_submission_round': {
    vi: 'Cuộc thi chưa có vòng nhận bài.',
    en: 'The contest has no submission round.',
  },
  'entries.submission_not_open': {
    vi: 'Chưa đến thời gian nhận bài (mở lúc {opensAt}).',
    en: 'Submissions are not open yet (they open at {opensAt}).',
  },
  'entries.submission_closed': {
    vi: 'Đã hết hạn nộp bài lúc {closesAt}.',
    en: 'The submission deadline passed at {closesAt}.',
  },
  'entries.submission_round_not_open': {
    vi: 'Vòng "{round}" đang ở trạng thái "{status}": chưa thể tạo, sửa, nộp hay rút bài dự thi.',
    en: 'The round "{round}" is {status}: entries cannot be created, edited, submitted or withdrawn now.',
    values: { status: 'roundStatus' },
  },
  'entries.round_not_open': {
    vi: 'Không thể {action} lúc này: vòng "{round}" đang ở trạng thái "{status}".',
    en: 'Cannot {action} now: the round "{round}" is {status}.',
    values: { action: 'entryAction', status: 'roundStatus' },
  },
  'entries.round_not_started': {
    vi: 'Không thể {action} trước khi vòng "{round}" bắt đầu (lúc {opensAt}).',
    en: 'Cannot {action} before the round "{round}" starts (at {opensAt}).',
    values: { action: 'entryAction' },
  },
  'entries.round_over': {
    vi: 'Không thể {action} nữa: vòng "{round}" đã kết thúc khi vòng "{nextRound}" bắt đầu (lúc {endsAt}).',
    en: 'Cannot {action} any more: the round "{round}" ended when "{nextRound}" started (at {endsAt}).',
    values: { action: 'entryAction' },
  },
  'entries.no_current_round': {
    vi: 'Bài dự thi không ở vòng thi nào.',
    en: 'The entry is not in any round.',
  },
  'entries.override_reason_required': {
    vi: 'Cần ghi rõ lý do khi thao tác ngoài thời gian hoặc trạng thái của vòng thi.',
    en: "A reason is required to act outside the round's time or state.",
  },
  'entries.not_editable': {
    vi: 'Chỉ sửa được bài dự thi ở trạng thái nháp (hiện tại: {status}).',
    en: 'Only draft entries can be edited (this one is {status}).',
    values: { status: 'entryStatus' },
  },
  'entries.quota_reached': {
    vi: 'Đơn vị đã nộp đủ {limit} bài dự thi cho lĩnh vực này.',
    en: 'The unit has already submitted the maximum of {limit} entries in this category.',
  },
  'entries.author_type_not_allowed': {
    vi: 'Thể loại này không nhận bài của tác giả loại "{authorType}".',
    en: 'This category does not accept "{authorType}" entries.',
    values: { authorType: 'authorType' },
  },
  'entries.field_required': {
    vi: 'Cần điền {field} trước khi nộp bài.',
    en: 'The {field} is required for submission.',
    values: { field: 'entryField' },
  },
  'entries.media_pending': {
    vi: 'Tệp "{name}" đang được tải lên hoặc xử lý; hãy chờ xử lý xong rồi nộp bài.',
    en: 'The file "{name}" is still being uploaded or processed; submit once it is ready.',
  },
  'entries.members_required': {
    vi: 'Bài dự thi tập thể cần ít nhất một thành viên.',
    en: 'A collective entry needs at least one member.',
  },
  'entries.no_unit': {
    vi: 'Tài khoản chưa thuộc đơn vị hội nào nên không thể dự thi.',
    en: 'Your account belongs to no union unit, so it cannot enter.',
  },
  'entries.unit_inactive': {
    vi: 'Đơn vị hội của bạn không còn hoạt động.',
    en: 'Your union unit is no longer active.',
  },
  'entries.contestants_only': {
    vi: 'Chỉ thí sinh mới tạo được bài dự thi.',
    en: 'Only contestants can create entries.',
  },
  'entries.no_next_round': {
    vi: 'Không có vòng tiếp theo sau vòng này.',
    en: 'There is no round after this one.',
  },
  'entries.not_in_round': {
    vi: 'Bài dự thi {entryId} không ở vòng này.',
    en: 'Entry {entryId} is not in this round.',
  },
  'entries.no_ranking': {
    vi: 'Vòng thi chưa có kết quả xếp hạng.',
    en: 'The round has no ranking yet.',
  },
  'entries.advance_selection': {
    vi: 'Chọn bài bằng danh sách entryIds hoặc topNPerUnit, không dùng cả hai.',
    en: 'Pick entries either with entryIds or with topNPerUnit, not both.',
  },
  'entries.advance_round_not_opened': {
    vi: 'Vòng «{round}» chưa được mở nên chưa thể chuyển bài dự thi từ vòng này sang vòng sau.',
    en: 'Round “{round}” was never opened, so no entry can move on from it.',
  },
  'entries.advance_before_window': {
    vi: 'Vòng «{round}» mở lúc {at}; trước thời điểm đó chưa thể chuyển bài dự thi sang vòng sau.',
    en: 'Round “{round}” opens at {at}; no entry can move on from it before then.',
  },
  'entries.advance_target_closed': {
    vi: 'Vòng «{round}» đã đóng nên không nhận thêm bài dự thi.',
    en: 'Round “{round}” is closed and takes no more entries.',
  },
  'entries.advance_target_over': {
    vi: 'Vòng «{round}» đã kết thúc lúc {at} nên không nhận thêm bài dự thi.',
    en: 'Round “{round}” ended at {at} and takes no more entries.',
  },
  'entries.invalid_cursor': { vi: 'Con trỏ phân trang không hợp lệ.', en: 'Invalid cursor.' },
  'entries.not_organizer': {
    vi: 'Chỉ ban tổ chức cuộc thi mới làm được việc này.',
    en: 'Only the contest organizers can do this.',
  },
});
