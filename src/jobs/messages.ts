import { defineMessages } from '../common/i18n/i18n';

export const JobMessages = defineMessages({
  'jobs.not_found': {
    vi: 'Không tìm thấy công việc nền này.',
    en: 'There is no such background job.',
  },
  'jobs.not_dead': {
    vi: 'Chỉ làm lại hoặc bỏ được công việc đã hỏng hẳn (đã dùng hết số lần thử); công việc này vẫn đang chờ, đang chạy hoặc đã xong.',
    en: 'Only a dead job (its attempts used up) can be retried or discarded; this one is queued, running or done.',
  },
  'jobs.state.queued': { vi: 'đang chờ', en: 'queued' },
  'jobs.state.active': { vi: 'đang chạy', en: 'active' },
  'jobs.state.done': { vi: 'đã xong', en: 'done' },
  'jobs.state.dead': { vi: 'hỏng hẳn', en: 'dead' },
});
