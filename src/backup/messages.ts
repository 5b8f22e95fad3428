import { defineMessages } from '../common/i18n/i18n';

export const BackupMessages = defineMessages({
  'backup.dir_not_empty': {
    vi: 'Thư mục sao lưu {dir} đã có tệp; hãy chọn thư mục mới hoặc thư mục trống.',
    en: 'The backup folder {dir} is not empty; choose a new or empty folder.',
  },
  'backup.not_a_backup': {
    vi: 'Thư mục {dir} không phải một bản sao lưu trọn vẹn (thiếu manifest.json).',
    en: 'The folder {dir} is not a complete backup (manifest.json is missing).',
  },
  'backup.target_not_empty': {
    vi: 'Cơ sở dữ liệu đích đã có dữ liệu; chỉ khôi phục được vào cơ sở dữ liệu trống.',
    en: 'The target database already holds data; a backup is restored only into an empty one.',
  },
  'backup.data_dir_not_empty': {
    vi: 'Thư mục cơ sở dữ liệu nhúng {dir} đã có dữ liệu; chỉ khôi phục được vào thư mục trống.',
    en: 'The embedded database folder {dir} already holds data; a backup is restored only into an empty one.',
  },
  'backup.needs_server': {
    vi: 'Bản sao lưu này được tạo bằng pg_dump nên chỉ khôi phục được vào máy chủ PostgreSQL: hãy đặt DATABASE_URL.',
    en: 'This backup was made with pg_dump and restores only into a PostgreSQL server: set DATABASE_URL.',
  },
  'backup.schema_mismatch': {
    vi: 'Bản sao lưu thuộc một phiên bản lược đồ khác với bản cài đặt này; hãy khôi phục bằng đúng phiên bản đã sao lưu, rồi nâng cấp.',
    en: 'The backup belongs to another schema version than this installation; restore it with the version that made it, then upgrade.',
  },
  'backup.rows_mismatch': {
    vi: 'Số dòng của bảng {table} trong bản sao lưu không khớp với bản kê; bản sao lưu bị hỏng.',
    en: 'The rows of table {table} in the backup do not match its manifest; the backup is damaged.',
  },
  'backup.corrupt_object': {
    vi: 'Tệp {key} trong bản sao lưu bị hỏng (nội dung không khớp mã băm SHA-256).',
    en: 'The file {key} in the backup is damaged (its content does not match its SHA-256).',
  },
  'backup.tool_failed': {
    vi: 'Sao lưu hoặc khôi phục cơ sở dữ liệu không thành công; thông báo của công cụ: {detail}',
    en: 'Backing up or restoring the database failed; the tool said: {detail}',
  },
  'backup.service_failed': {
    vi: 'Dịch vụ đang chạy không sao lưu được: {detail}',
    en: 'The running service could not make the backup: {detail}',
  },
});
