import { defineMessages } from '../common/i18n/i18n';

export const StorageMessages = defineMessages({
  'storage.disk_full': {
    vi: 'Máy chủ đã hết dung lượng lưu trữ; tệp chưa được lưu. Vui lòng thử lại sau.',
    en: 'The server is out of storage space; the file was not saved. Please try again later.',
  },
  'storage.permission_denied': {
    vi: 'Máy chủ không có quyền ghi vào thư mục lưu trữ; tệp chưa được lưu.',
    en: 'The server may not write to its storage folder; the file was not saved.',
  },
  'storage.unavailable': {
    vi: 'Kho lưu trữ tạm thời không dùng được; tệp chưa được lưu.',
    en: 'Storage is unavailable; the file was not saved.',
  },
  'storage.missing': {
    vi: 'Không tìm thấy tệp trong kho lưu trữ.',
    en: 'The file is missing from storage.',
  },
});
