import { defineMessages } from '../common/i18n/i18n';

export const JudgingMessages = defineMessages({
  'judging.round_not_found': { vi: 'Không tìm thấy vòng thi.', en: 'Round not found.' },
  'judging.round_not_judged': {
    vi: 'Vòng thi này không có chấm điểm của ban giám khảo.',
    en: 'This round is not judged by a jury.',
  },
  'judging.round_closed': {
    vi: 'Vòng thi đã khóa kết quả; không thể thay đổi phiếu chấm hay phân công.',
    en: 'The round is closed: sheets and assignments can no longer change.',
  },
  'judging.round_pending': {
    vi: 'Ban tổ chức chưa mở vòng thi này để chấm; chưa thể chấm, phân công hay từ chối chấm.',
    en: 'The organizers have not opened this round yet: no scoring, assigning or recusing.',
  },
  'judging.window_not_open': {
    vi: 'Chưa đến thời gian chấm của vòng thi (mở lúc {opensAt}).',
    en: 'Judging in this round has not started yet (it opens at {opensAt}).',
  },
  'judging.window_closed': {
    vi: 'Đã hết thời gian chấm của vòng thi lúc {closesAt}.',
    en: 'Judging in this round ended at {closesAt}.',
  },
  'judging.shortfall': {
    vi: 'Bài dự thi cần {needed} giám khảo nhưng chỉ phân công được {assigned}. Lý do: {reasons}.',
    en: 'The entry needs {needed} judges but only {assigned} could be assigned. Why: {reasons}.',
  },
  'judging.shortfalls': {
    vi: '{count} bài dự thi chưa đủ {quorum} giám khảo; lý do ghi ở từng bài.',
    en: '{count} entries lack {quorum} judges; the reasons are given for each entry.',
  },
  'judging.shortfall.unit': {
    vi: '{n} giám khảo cùng đơn vị với bài dự thi',
    en: '{n} from the entry’s own unit',
  },
  'judging.shortfall.owner': {
    vi: '{n} giám khảo là người tạo bài dự thi',
    en: '{n} who made the entry',
  },
  'judging.shortfall.member': {
    vi: '{n} giám khảo có tên trong nhóm tác giả hoặc là người liên hệ',
    en: '{n} named among its authors or as its contact',
  },
  'judging.shortfall.recusal': {
    vi: '{n} giám khảo đã tự khai xung đột lợi ích',
    en: '{n} who declared a conflict of interest',
  },
  'judging.shortfall.category': {
    vi: '{n} giám khảo không chấm lĩnh vực này',
    en: '{n} not judging its category',
  },
  'judging.shortfall.capacity': {
    vi: 'hội đồng chấm còn thiếu {n} giám khảo',
    en: 'the panel is {n} short',
  },
  'judging.not_closed': {
    vi: 'Vòng thi chưa khóa kết quả.',
    en: 'The round’s results are not fixed yet.',
  },
  'judging.not_judge': {
    vi: 'Bạn không phải giám khảo của cuộc thi này.',
    en: 'You are not a judge of this contest.',
  },
  'judging.not_assigned': {
    vi: 'Bạn không được phân công chấm bài dự thi này.',
    en: 'You are not assigned to this entry.',
  },
  'judging.conflicted': {
    vi: 'Bạn có xung đột lợi ích với bài dự thi này nên không được xem hay chấm.',
    en: 'You have a conflict of interest with this entry and may neither read nor score it.',
  },
  'judging.sheet_forbidden': {
    vi: 'Bạn chỉ được xem phiếu chấm của chính mình.',
    en: 'You may only read your own score sheets.',
  },
  'judging.sheet_not_found': { vi: 'Không tìm thấy phiếu chấm.', en: 'Score sheet not found.' },
  'judging.entry_not_in_round': {
    vi: 'Bài dự thi không thuộc vòng thi này.',
    en: 'The entry is not in this round.',
  },
  'judging.no_rubric': {
    vi: 'Vòng thi chưa có bộ tiêu chí chấm cho lĩnh vực này.',
    en: 'The round has no rubric for this category yet.',
  },
  'judging.rubric_frozen': {
    vi: 'Đã bắt đầu chấm: chỉ ban tổ chức được sửa bộ tiêu chí, kèm lý do.',
    en: 'Scoring has started: only an organizer may change the rubric, with a reason.',
  },
  'judging.criteria_empty': {
    vi: 'Cần ít nhất một tiêu chí.',
    en: 'At least one criterion is needed.',
  },
  'judging.criterion_duplicate': { vi: 'Mã tiêu chí bị trùng.', en: 'Duplicate criterion key.' },
  'judging.weight_invalid': {
    vi: 'Trọng số phải là số dương, tối đa 2 chữ số thập phân.',
    en: 'The weight must be positive, with at most 2 decimals.',
  },
  'judging.max_invalid': {
    vi: 'Điểm tối đa phải là số dương, tối đa 2 chữ số thập phân.',
    en: 'The maximum must be positive, with at most 2 decimals.',
  },
  'judging.step_invalid': {
    vi: 'Bước điểm phải là số dương, tối đa 2 chữ số thập phân.',
    en: 'The step must be positive, with at most 2 decimals.',
  },
  'judging.step_not_divisor': {
    vi: 'Điểm tối đa {max} phải là bội số của bước điểm {step}.',
    en: 'The maximum {max} must be a multiple of the step {step}.',
  },
  'judging.criterion_unknown': {
    vi: 'Tiêu chí "{key}" không có trong bộ tiêu chí.',
    en: 'Criterion "{key}" is not in the rubric.',
  },
  'judging.sheet_stale': {
    vi: 'Phiếu chấm này vừa được sửa trên một thiết bị khác. Hãy xem lại bản mới nhất trước khi lưu.',
    en: 'This sheet was just changed on another device. Look at the latest version before saving.',
  },
  'judging.sheet_locked': {
    vi: 'Vòng thi này không cho sửa phiếu chấm đã nộp.',
    en: 'This round does not allow changing a submitted sheet.',
  },
  'judging.comment_too_long': {
    vi: 'Nhận xét dài quá {max} ký tự.',
    en: 'The comment is longer than {max} characters.',
  },
  'judging.comment_not_text': {
    vi: 'Nhận xét phải là chữ.',
    en: 'A comment must be text.',
  },
  'judging.comment_unknown': {
    vi: 'Không có tiêu chí này trong phiếu chấm.',
    en: 'The rubric has no such criterion.',
  },
  'judging.score_missing': {
    vi: 'Chưa chấm tiêu chí "{name}".',
    en: 'Criterion "{name}" has no score.',
  },
  'judging.score_not_number': { vi: 'Điểm phải là một số.', en: 'The score must be a number.' },
  'judging.score_off_step': {
    vi: 'Điểm phải là bội số của {step}.',
    en: 'The score must be a multiple of {step}.',
  },
  'judging.score_negative': { vi: 'Điểm không được âm.', en: 'The score cannot be negative.' },
  'judging.score_above_max': {
    vi: 'Điểm không được vượt quá {max}.',
    en: 'The score cannot exceed {max}.',
  },
  'judging.reason_required': {
    vi: 'Cần nêu lý do.',
    en: 'A reason is required.',
  },
  'judging.quorum_missing': {
    vi: 'Còn {count} bài dự thi chưa đủ {quorum} phiếu chấm; chỉ có thể khóa vòng khi ban tổ chức xác nhận kèm lý do.',
    en: '{count} entries lack {quorum} submitted sheets; the round can only be closed by force, with a reason.',
  },
  'judging.judge_not_member': {
    vi: 'Người này không phải giám khảo của cuộc thi.',
    en: 'This user is not a judge of the contest.',
  },
  'judging.judge_not_on_panel': {
    vi: 'Giám khảo không có trong hội đồng của vòng thi.',
    en: 'The judge is not on the round’s panel.',
  },
  'judging.not_your_entry': {
    vi: 'Bạn chỉ được xem kết quả bài dự thi của mình.',
    en: 'You may only see the results of your own entry.',
  },
  'judging.not_published': {
    vi: 'Kết quả chưa được công bố.',
    en: 'The results are not published yet.',
  },
  'judging.public_vote_open': {
    vi: 'Bình chọn của vòng thi chưa kết thúc ({sessions}); hãy đóng các phiên bình chọn trước khi khóa kết quả.',
    en: 'The round’s public vote is not over ({sessions}); close its voting sessions before fixing the results.',
  },
  'judging.entry_not_found': { vi: 'Không tìm thấy bài dự thi.', en: 'Entry not found.' },
  // What put an entry below the one above it in its group, as results and exports name it.
  'judging.decided_by.finalScore': { vi: 'Điểm chung cuộc', en: 'Final score' },
  'judging.decided_by.score': { vi: 'Điểm giám khảo', en: 'Jury score' },
  'judging.decided_by.firstCriterion': {
    vi: 'Điểm tiêu chí thứ nhất',
    en: 'Score on the first criterion',
  },
  'judging.decided_by.firstPlaces': {
    vi: 'Số giám khảo xếp thứ nhất',
    en: 'Judges who placed it first',
  },
  'judging.decided_by.earlierSubmission': { vi: 'Nộp bài sớm hơn', en: 'Submitted earlier' },
  'judging.tied': { vi: 'Đồng hạng', en: 'Tied' },
  'judging.vote_state.scheduled': { vi: 'Chưa mở', en: 'Not open yet' },
  'judging.vote_state.open': { vi: 'Đang bình chọn', en: 'Voting' },
  'judging.vote_state.paused': { vi: 'Tạm dừng', en: 'Paused' },
  'judging.vote_state.closed': { vi: 'Đã kết thúc', en: 'Over' },
  'judging.prize.first': { vi: 'Giải Nhất', en: 'First prize' },
  'judging.prize.second': { vi: 'Giải Nhì', en: 'Second prize' },
  'judging.prize.third': { vi: 'Giải Ba', en: 'Third prize' },
  'judging.prize.consolation': { vi: 'Giải Khuyến khích', en: 'Consolation prize' },
});
