import { defineMessages } from '../common/i18n/i18n';

export const MetricsMessages = defineMessages({
  'metrics.token_required': {
    vi: 'Cần mã truy cập số liệu (Authorization: Bearer <METRICS_TOKEN>).',
    en: 'The metrics token is required (Authorization: Bearer <METRICS_TOKEN>).',
  },
});
